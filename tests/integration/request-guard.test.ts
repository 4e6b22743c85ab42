import http from "node:http";
import { io } from "socket.io-client";
import { guardMutation, type GuardOptions } from "@/lib/server/security/mutation-guard";
import { contentSecurityPolicy } from "@/lib/server/security/security-headers";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * The custom server's choke point: every non-GET request passes the CSRF
 * guard before Next.js, and every response carries the security headers.
 * Without Next (integration server), a request the guard lets through meets
 * the stand-in handler's 404 "Not found"; a refused one gets the guard's JSON.
 */
let t: TestServer;
let host: string;
beforeAll(async () => {
  t = await startTestServer();
  host = new URL(t.url).host;
});
afterAll(async () => {
  await t.close();
});

/** Raw request (fetch would refuse to set Origin / Sec-Fetch-Site itself). */
function request(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${t.url}${path}`, { method, headers: { ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const json = { "content-type": "application/json" };
const passed = (r: { status: number; body: string }) => r.status === 404 && r.body === "Not found";

describe("CSRF guard on state-changing requests", () => {
  it("refuses a cross-origin text/plain POST that makes an organiser, and a cross-origin PUT of the hotlines", async () => {
    const { cookie } = await t.account("organiser");
    const a = await request("POST", "/api/users", { cookie, origin: "http://evil.example", "content-type": "text/plain" }, JSON.stringify({ email: "x@example.org", name: "X", password: "password-1", role: "organiser" }));
    expect(a.status).toBe(403);
    expect(JSON.parse(a.body)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const b = await request("PUT", "/api/help-contacts", { cookie, origin: "http://evil.example", ...json }, "{}");
    expect(b.status).toBe(403);
  });

  it.each([
    ["another port on the same host", () => `http://127.0.0.1:1`],
    ["a sibling name on the same site", () => "http://evil.127.0.0.1.nip.io"],
    ["https on the same host", () => `https://${host}`],
    ["null (sandboxed frame)", () => "null"],
    ["garbage", () => "not a url"],
  ])("refuses Origin from %s", async (_label, origin) => {
    const r = await request("POST", "/api/users", { origin: origin(), ...json }, "{}");
    expect(r.status).toBe(403);
  });

  it("lets same-origin JSON through (Origin naming this server), whatever the letter case", async () => {
    expect(passed(await request("POST", "/api/users", { origin: `http://${host}`, ...json }, "{}"))).toBe(true);
    expect(passed(await request("PUT", "/api/help-contacts", { origin: `HTTP://${host.toUpperCase()}`, "content-type": "application/json; charset=utf-8" }, "{}"))).toBe(true);
  });

  it("falls back to Sec-Fetch-Site when Origin is absent", async () => {
    expect(passed(await request("POST", "/api/users", { "sec-fetch-site": "same-origin", ...json }, "{}"))).toBe(true);
    for (const site of ["same-site", "cross-site", "none"]) {
      expect((await request("POST", "/api/users", { "sec-fetch-site": site, ...json }, "{}")).status).toBe(403);
    }
  });

  it("lets a non-browser client (neither header) through, with JSON", async () => {
    expect(passed(await request("POST", "/api/users", json, "{}"))).toBe(true);
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "text/json"])(
    "refuses a same-origin JSON route body sent as %s with 415",
    async (type) => {
      const r = await request("POST", "/api/users", { origin: `http://${host}`, "content-type": type }, "{}");
      expect(r.status).toBe(415);
      expect(JSON.parse(r.body).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    },
  );

  it("refuses a JSON route body with no content type, but not a request without a body (DELETE, logout)", async () => {
    expect((await request("PUT", "/api/settings/retention", { origin: `http://${host}` }, "{}")).status).toBe(415);
    expect(passed(await request("DELETE", "/api/sessions/abc", { origin: `http://${host}` }))).toBe(true);
    expect(passed(await request("POST", "/api/auth/logout", { origin: `http://${host}`, "content-length": "0" }))).toBe(true);
    // A form always names its encoding, even empty.
    expect((await request("POST", "/api/auth/logout", { origin: `http://${host}`, "content-type": "application/x-www-form-urlencoded", "content-length": "0" })).status).toBe(415);
  });

  it("takes uploads in the types they document, and never the ones a form can send", async () => {
    const o = { origin: `http://${host}` };
    for (const type of ["video/webm", "video/mp4", "application/octet-stream"]) expect(passed(await request("POST", "/api/media?title=x", { ...o, "content-type": type }, "x"))).toBe(true);
    for (const type of ["text/plain", "multipart/form-data; boundary=z", "application/x-www-form-urlencoded", "application/json"]) {
      expect((await request("POST", "/api/media?title=x", { ...o, "content-type": type }, "x")).status).toBe(415);
    }
    expect(passed(await request("PUT", "/api/media/abc/captions/kk", { ...o, "content-type": "text/vtt" }, "WEBVTT"))).toBe(true);
    expect((await request("PUT", "/api/media/abc/captions/kk", { ...o, "content-type": "text/plain" }, "WEBVTT")).status).toBe(415);
    // Cross-origin uploads are refused like everything else.
    expect((await request("POST", "/api/media?title=x", { origin: "http://evil.example", "content-type": "video/webm" }, "x")).status).toBe(403);
  });

  it("does not touch GET and HEAD", async () => {
    expect(passed(await request("GET", "/api/users", { origin: "http://evil.example" }))).toBe(true);
  });
});

describe("guardMutation options", () => {
  const fake = (headers: Record<string, string>, method = "POST", url = "/api/users") =>
    ({ method, url, headers, socket: {} }) as unknown as http.IncomingMessage;
  const base: GuardOptions = { allowedOrigins: [], trustProxy: false };

  it("accepts ALLOWED_ORIGINS and PUBLIC_URL's origin", () => {
    const h = { host: "10.0.0.5:3000", "content-type": "application/json", "content-length": "2" };
    expect(guardMutation(fake({ ...h, origin: "https://ortaq.example.org" }), base)?.code).toBe("FORBIDDEN");
    expect(guardMutation(fake({ ...h, origin: "https://ortaq.example.org" }), { ...base, allowedOrigins: ["https://ortaq.example.org"] })).toBeNull();
    expect(guardMutation(fake({ ...h, origin: "https://ortaq.example.org" }), { ...base, publicUrl: "https://ortaq.example.org/join" })).toBeNull();
  });

  it("reads X-Forwarded-Proto/-Host only behind a trusted proxy", () => {
    const h = { host: "127.0.0.1:3000", "x-forwarded-proto": "https", "x-forwarded-host": "ortaq.example.org", origin: "https://ortaq.example.org", "content-type": "application/json" };
    expect(guardMutation(fake(h), base)?.code).toBe("FORBIDDEN");
    expect(guardMutation(fake(h), { ...base, trustProxy: true })).toBeNull();
  });

  it("guards non-API mutations by origin too (no content-type rule there)", () => {
    expect(guardMutation(fake({ host: "a:1", origin: "http://evil.example" }, "POST", "/console"), base)?.code).toBe("FORBIDDEN");
    expect(guardMutation(fake({ host: "a:1", origin: "http://a:1", "content-type": "text/plain" }, "POST", "/console"), base)).toBeNull();
  });
});

describe("security headers", () => {
  const expectHeaders = (h: Headers | http.IncomingHttpHeaders) => {
    const get = (k: string) => (h instanceof Headers ? h.get(k) : (h[k] as string | undefined));
    expect(get("x-frame-options")).toBe("DENY");
    expect(get("x-content-type-options")).toBe("nosniff");
    expect(get("referrer-policy")).toBe("same-origin");
    expect(get("permissions-policy")).toContain("camera=()");
    expect(get("permissions-policy")).toContain("microphone=()");
    expect(get("permissions-policy")).toContain("geolocation=()");
  };

  it("are on pages, media, refusals and 404s, with a fresh script nonce each time", async () => {
    const nonces = new Set<string>();
    for (const path of ["/", "/login", "/media/demo-awareness.webm", "/media/missing.webm", "/nothing-here"]) {
      const res = await fetch(`${t.url}${path}`, { headers: { range: "bytes=0-1" } });
      await res.arrayBuffer();
      expectHeaders(res.headers);
      const csp = res.headers.get("content-security-policy")!;
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce).toBeDefined();
      nonces.add(nonce!);
      expect(csp).toContain("'strict-dynamic'");
      for (const d of ["object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "connect-src 'self'", "img-src 'self' data: blob:", "media-src 'self' blob:"]) expect(csp).toContain(d);
    }
    expect(nonces.size).toBe(5);
    const refused = await request("POST", "/api/users", { origin: "http://evil.example", ...json }, "{}");
    expectHeaders(refused.headers);
  });

  it("allow 'unsafe-eval' only outside production", () => {
    expect(contentSecurityPolicy("abc", { dev: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("abc", { dev: false })).not.toContain("unsafe-eval");
  });

  it("are on socket.io's long-polling replies too", async () => {
    const res = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`);
    await res.text();
    expect(res.status).toBe(200);
    expectHeaders(res.headers);
  });

  it("do not stop a polling socket.io client from connecting", async () => {
    const socket = io(t.url, { transports: ["polling"], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    socket.disconnect();
  });
});

import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";
import type { PhoneManifest } from "@/phone/build";
import { createPhonePages } from "@/lib/server/pages/phone-page";
import { applySecurityHeaders } from "@/lib/server/security/security-headers";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * The light phone page (PHONE_PAGE=light) as the custom server answers it:
 * a real build of the phone's bundle (phone/build.ts) and the real services
 * (SQLite), behind the same security headers as every reply. What a phone
 * gets is checked as the browser would read it: the page's language, the
 * boot data (only the phone's messages, the organisation's notice and
 * contacts, the code), the nonce on every script, and the files.
 */
let dir: string;
let manifest: PhoneManifest;
let t: TestServer;
let web: http.Server;
let base: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-phone-page-"));
  // As `npm run build` does (in a process of its own: Tailwind loads ES modules jest cannot).
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build-phone.ts", dir], { cwd: path.join(__dirname, "../.."), stdio: "pipe" });
  manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as PhoneManifest;
  t = await startTestServer();
  const pages = createPhonePages(dir, () => t.server.services)!;
  expect(pages).not.toBeNull();
  web = http.createServer((req, res) => {
    applySecurityHeaders(req, res, { dev: false });
    if (!pages(req, res)) res.writeHead(418).end("not a phone page");
  });
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => web.close(resolve));
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function page(at: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + at, { headers });
  const html = await res.text();
  const boot = /<script type="application\/json" id="ortaq-phone" nonce="[^"]*">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return { res, html, boot: boot ? (JSON.parse(boot) as Record<string, any>) : null };
}

it("answers /join in the browser's language with only the phone's messages, the notice, the contacts and the code", async () => {
  const { res, html, boot } = await page("/join?code=ab12cd", { "accept-language": "ru-RU,ru;q=0.9,en;q=0.5" });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  expect(res.headers.get("cache-control")).toContain("no-store");
  expect(html).toContain('<html lang="ru">');
  expect(boot!.locale).toBe("ru");
  expect(boot!.initialCode).toBe("ab12cd");
  expect(Object.keys(boot!.messages)).toContain("common");
  // The console's texts never reach a phone.
  expect(Object.keys(boot!.messages)).not.toContain("console");
  const consent = await t.server.services.safeguarding.consent();
  expect(boot!.consent).toEqual({ required: consent.required, notice: consent.notice });
  expect(boot!.consent.notice.ru.length).toBeGreaterThan(20);
  expect(boot!.help.examples).toBe(true);
  // The service worker keeps every file of the bundle, the lazy drawing pad's too.
  expect(boot!.files).toEqual(manifest.files);
});

it("takes the phone's own language choice (its cookie) over the browser's, and the code from /s/<code>", async () => {
  const { html, boot } = await page("/s/XY34ZT", { "accept-language": "ru", cookie: "other=1; ortaq_locale=kk" });
  expect(html).toContain('<html lang="kk">');
  expect(boot!.locale).toBe("kk");
  expect(boot!.initialCode).toBe("XY34ZT");
  expect((await page("/join")).boot!.locale).toBe("en");
  // At most 12 characters of a code, as the Next pages take.
  expect((await page(`/s/${"A".repeat(40)}`)).boot!.initialCode).toBe("A".repeat(12));
});

it("every script carries the reply's nonce, and text an organiser typed cannot close the data or start markup", async () => {
  const evil = '</script><script>alert(1)</script><img src=x onerror=alert(2)> & <!-- end';
  await t.server.services.safeguarding.setConsent({ required: false, notice: { en: `Notice ${evil}`, ru: "Уведомление", kk: "Хабарлама" } });
  await t.server.services.help.set([{ name: `Hotline ${evil}`, phone: "+7 700 000 00 00", hours: "24/7", helpsWith: "Advice", verifiedOn: "2026-11-01", source: "ngo.example" }]);
  const { res, html, boot } = await page("/join");
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
  expect(nonce).toBeTruthy();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBe(2);
  for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  // The only script elements are the page's own two: the typed text stays inside the data.
  expect(html.match(/<\/script>/g)).toHaveLength(2);
  expect(html).not.toContain("<img");
  expect(html).not.toContain("<!--");
  expect(boot!.consent.notice.en).toBe((await t.server.services.safeguarding.consent()).notice.en);
  expect(boot!.consent.notice.en).toContain(evil);
  expect(boot!.help.contacts[0].name).toBe(`Hotline ${evil}`);
  expect(boot!.help.examples).toBe(false);
  await t.server.services.help.set([]);
});

it("serves the bundle's files for good under their hashed names, and nothing else from its folder", async () => {
  const entry = await fetch(base + manifest.entry);
  expect(entry.status).toBe(200);
  expect(entry.headers.get("content-type")).toMatch(/^text\/javascript/);
  expect(entry.headers.get("cache-control")).toContain("immutable");
  expect((await entry.text()).length).toBeGreaterThan(1000);
  const css = await fetch(base + manifest.css);
  expect(css.headers.get("content-type")).toMatch(/^text\/css/);
  expect(await css.text()).toContain("--color-brand");
  for (const bad of ["/phone-assets/manifest.json", "/phone-assets/..%2Fmanifest.json", "/phone-assets/nope.js", "/phone-assets/"]) {
    expect((await fetch(base + bad)).status).toBe(404);
  }
});

it("leaves every other address and method to the rest of the server", async () => {
  for (const at of ["/", "/console", "/s/", "/s/abc/def", "/joined"]) expect((await fetch(base + at)).status).toBe(418);
  expect((await fetch(base + "/join", { method: "POST", body: "x" })).status).toBe(418);
});

it("says there is no light page when the build is missing", () => {
  expect(createPhonePages(path.join(dir, "missing"), () => t.server.services)).toBeNull();
});

it("sends the page and its files gzipped to a browser that takes it, as they are to one that does not", async () => {
  const get = (at: string, encoding?: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(base + at, { headers: encoding ? { "accept-encoding": encoding } : {} }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
  for (const at of [manifest.entry, manifest.css, "/join?code=ab12cd"]) {
    const [plain, zipped] = [await get(at), await get(at, "gzip, deflate, br")];
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    if (at.startsWith("/phone-assets/")) {
      expect(zlib.gunzipSync(zipped.body).equals(plain.body)).toBe(true);
      expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    } else {
      expect(zlib.gunzipSync(zipped.body).toString()).toContain('id="ortaq-phone"');
    }
  }
});

import fs from "node:fs";
import path from "node:path";
import { GET as mediaUrlRoute } from "@/app/api/media-url/route";
import { sealScreenKey } from "@/lib/server/accounts/tokens";
import { signedMediaUrl, signMediaToken } from "@/lib/server/media/media-access";
import { cid, send, startTestServer, type TestServer } from "../support/test-server";

/**
 * Uploaded videos (MEDIA_DIR) are served only to staff, to holders of a
 * signed expiring URL, and to a session's projector while a step showing the
 * video is on. The shipped demo media stays public. Ranges keep working.
 */
const demo = fs.readFileSync(path.join(__dirname, "../../content/media/demo-awareness.webm"));
const vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\nСәлем\n";

let t: TestServer;
let mediaId: string;
let file: string;
let staffCookie: string;

const streamOf = (data: Buffer | string) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new Uint8Array(Buffer.from(data)));
      c.close();
    },
  });

beforeAll(async () => {
  t = await startTestServer();
  const organiser = await t.account("organiser");
  staffCookie = organiser.cookie;
  const added = await t.server.services.media.addVideo("Our own film", streamOf(demo), organiser.id);
  if (!added.ok) throw new Error(added.code);
  mediaId = added.media.id;
  file = added.media.file;
  expect(await t.server.services.media.addCaptions(mediaId, "kk", streamOf(vtt))).toEqual({ ok: true });
});
afterAll(async () => {
  await t.close();
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${t.url}${p}`, { headers, redirect: "manual" });
async function status(p: string, headers: Record<string, string> = {}) {
  const res = await get(p, headers);
  await res.arrayBuffer();
  return res.status;
}

describe("uploaded media", () => {
  it("is not served without a cookie or a signed URL (video by id and by file, captions)", async () => {
    for (const p of [`/media/${mediaId}`, `/media/${file}`, `/media/${mediaId}.kk.vtt`]) {
      expect(await status(p)).toBe(404);
      expect(await status(p, { range: "bytes=0-9" })).toBe(404);
    }
  });

  it("is served to staff, with ranges, privately cached", async () => {
    const res = await get(`/media/${mediaId}`, { cookie: staffCookie, range: "bytes=100-199" });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 100-199/${demo.length}`);
    expect(res.headers.get("cache-control")).toMatch(/^private/);
    expect(Buffer.from(await res.arrayBuffer()).equals(demo.subarray(100, 200))).toBe(true);
    expect(await status(`/media/${mediaId}.kk.vtt`, { cookie: staffCookie })).toBe(200);
  });

  it("stops being served to a cookie once its account signed out", async () => {
    const trainer = await t.account("trainer");
    expect(await status(`/media/${file}`, { cookie: trainer.cookie, range: "bytes=0-1" })).toBe(206);
    await t.server.services.users.revokeSessions(trainer.id);
    expect(await status(`/media/${file}`, { cookie: trainer.cookie, range: "bytes=0-1" })).toBe(404);
  });

  it("is served on a signed URL until it expires; the token covers the video's captions and nothing else", async () => {
    const { secret } = t.server.services;
    const url = signedMediaUrl(file, secret, Date.now());
    expect(url).toMatch(new RegExp(`^/media/${file.replace(".", "\\.")}\\?t=`));
    const token = new URL(url, t.url).searchParams.get("t")!;
    const part = await get(url, { range: "bytes=0-3" });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(demo.subarray(0, 4));
    expect(await status(`/media/${mediaId}?t=${token}`)).toBe(200);
    expect(await status(`/media/${mediaId}.kk.vtt?t=${token}`)).toBe(200);

    const expired = signMediaToken(file, secret, Date.now() - 1000);
    expect(await status(`/media/${file}?t=${expired}`)).toBe(404);
    const otherSecret = signMediaToken(file, "x".repeat(40), Date.now() + 60_000);
    expect(await status(`/media/${file}?t=${otherSecret}`)).toBe(404);
    const [exp, mac] = token.split(".");
    const later = (parseInt(exp, 36) + 10 ** 9).toString(36);
    expect(await status(`/media/${file}?t=${later}.${mac}`)).toBe(404);
    expect(await status(`/media/${file}?t=${exp}.${mac.slice(0, -2)}AA`)).toBe(404);
    // A token for another video does not open this one.
    const other = signMediaToken("someone-else", secret, Date.now() + 60_000);
    expect(await status(`/media/${file}?t=${other}`)).toBe(404);
  });

  it("leaves the shipped demo media public", async () => {
    expect(await status("/media/demo-awareness.webm", { range: "bytes=0-1" })).toBe(206);
    expect(await status("/media/demo-awareness.kk.vtt")).toBe(200);
  });
});

describe("a session's projector and phones", () => {
  async function sessionShowingUpload() {
    const { plans } = t.server.services;
    const trainer = await t.account("trainer");
    const copy = (await plans.duplicate("trafficking-prevention", trainer.id, Date.now()))!;
    const plan = structuredClone(copy) as typeof copy;
    const step = plan.steps.findIndex((s) => s.kind === "video");
    plan.steps[step] = { ...plan.steps[step], media: mediaId };
    const saved = await plans.save(copy.id, plan, Date.now());
    expect("ok" in saved && saved.ok).toBe(true);
    const c = await t.connect({ cookie: trainer.cookie });
    const created = await send(c, "session:create", { id: cid(), title: "Film", language: "kk", planId: copy.id });
    if (!created.ok) throw new Error(created.error.code);
    const sessionId = created.sessionId as string;
    await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
    const phone = await t.connect();
    const joined = await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Aida" });
    if (!joined.ok) throw new Error(joined.error.code);
    return { c, sessionId, step, warning: !!plan.steps[step].warning, token: joined.token as string, key: await sealScreenKey(sessionId, t.server.services.secret) };
  }

  /** Opens the projector page with its key, as the browser would, and returns the cookie it was given for /media/. */
  async function openProjector(sessionId: string, key: string) {
    const res = await get(`/screen/${sessionId}?key=${encodeURIComponent(key)}`);
    await res.arrayBuffer();
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^ortaq_screen\\.${sessionId}=`));
    expect(setCookie).toMatch(/Path=\/media\//);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    return setCookie.split(";")[0];
  }

  it("the projector opened with its key plays the video only while its step is on", async () => {
    const s = await sessionShowingUpload();
    const cookie = await openProjector(s.sessionId, s.key);
    const check = () => status(`/media/${mediaId}`, { cookie, range: "bytes=0-9" });
    expect(await check()).toBe(404);
    expect((await send(s.c, "agenda:goto", { id: cid(), sessionId: s.sessionId, index: s.step })).ok).toBe(true);
    if (s.warning) {
      // Not before the content warning was given (the projector shows no video until then either).
      expect(await check()).toBe(404);
      expect((await send(s.c, "video:confirm-warning", { id: cid(), sessionId: s.sessionId })).ok).toBe(true);
    }
    expect(await check()).toBe(206);
    expect(await status(`/media/${mediaId}.kk.vtt`, { cookie })).toBe(200);
    // Another session's projector cookie does not open it.
    const other = await sessionShowingUpload();
    const otherCookie = `ortaq_screen.${other.sessionId}=${encodeURIComponent(other.key)}`;
    expect(await status(`/media/${mediaId}`, { cookie: otherCookie, range: "bytes=0-9" })).toBe(404);
    // A key for one session in another session's cookie name does not count.
    expect(await status(`/media/${mediaId}`, { cookie: `ortaq_screen.${s.sessionId}=${encodeURIComponent(other.key)}`, range: "bytes=0-9" })).toBe(404);
    // The next step: no more video.
    await send(s.c, "agenda:goto", { id: cid(), sessionId: s.sessionId, index: s.step + 1 });
    expect(await check()).toBe(404);
    await send(s.c, "agenda:goto", { id: cid(), sessionId: s.sessionId, index: s.step });
    if (s.warning) await send(s.c, "video:confirm-warning", { id: cid(), sessionId: s.sessionId });
    expect(await check()).toBe(206);
    await send(s.c, "session:end", { id: cid(), sessionId: s.sessionId });
    expect(await check()).toBe(404);
  });

  it("a wrong or foreign key gets no cookie", async () => {
    const s = await sessionShowingUpload();
    const other = await sessionShowingUpload();
    for (const key of ["nonsense", other.key]) {
      const res = await get(`/screen/${s.sessionId}?key=${encodeURIComponent(key)}`);
      await res.arrayBuffer();
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("GET /api/media-url signs a URL for staff, and for the projector and phones of a session showing the video", async () => {
    const s = await sessionShowingUpload();
    const ask = (headers: Record<string, string>, media = mediaId, session = s.sessionId) =>
      mediaUrlRoute(new Request(`http://127.0.0.1/api/media-url?media=${media}&session=${session}`, { headers }));

    const staff = await ask({ cookie: staffCookie });
    expect(staff.status).toBe(200);
    const body = await staff.json();
    expect(body.url).toMatch(new RegExp(`^/media/${file.replace(".", "\\.")}\\?t=`));
    expect(Object.keys(body.captions)).toEqual(["kk"]);
    expect(await status(body.url, { range: "bytes=0-1" })).toBe(206);
    expect(await status(body.captions.kk)).toBe(200);

    expect((await ask({ "x-screen-key": s.key })).status).toBe(403);
    expect((await ask({ "x-participant-token": s.token })).status).toBe(403);
    await send(s.c, "agenda:goto", { id: cid(), sessionId: s.sessionId, index: s.step });
    if (s.warning) await send(s.c, "video:confirm-warning", { id: cid(), sessionId: s.sessionId });
    const screen = await ask({ "x-screen-key": s.key });
    expect(screen.status).toBe(200);
    expect(await status((await screen.json()).url, { range: "bytes=0-1" })).toBe(206);
    expect((await ask({ "x-participant-token": s.token })).status).toBe(200);
    // Not for anyone else, nor for another video.
    expect((await ask({})).status).toBe(403);
    expect((await ask({ "x-participant-token": "forged" })).status).toBe(403);
    const other = await sessionShowingUpload();
    expect((await ask({ "x-screen-key": other.key })).status).toBe(403);
    expect((await ask({ "x-screen-key": s.key }, "missing-video")).status).toBe(404);
    // Shipped media: the plain public URL.
    expect(await (await ask({}, "demo-awareness")).json()).toMatchObject({ ok: true, url: "/media/demo-awareness.webm", expiresAt: null });
  });
});

import { cid, nextEvent, send, sleep, staffState, startTestServer, type TestServer } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

async function videoStep() {
  const trainer = await t.account("trainer");
  const c = await t.connect({ cookie: trainer.cookie });
  const created = await send(c, "session:create", { id: cid(), title: "V", language: "en", planId: "trafficking-prevention" });
  if (!created.ok) throw new Error(created.error.code);
  const sessionId = created.sessionId as string;
  await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  const phone = await t.connect();
  await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Aida" });
  return { c, phone, sessionId };
}

describe("video control", () => {
  it("plays only after the content warning, and only for the trainer", async () => {
    const v = await videoStep();
    expect(await send(v.c, "video:play", { id: cid(), sessionId: v.sessionId })).toMatchObject({ error: { code: "NOT_A_VIDEO_STEP" } });
    await send(v.c, "agenda:goto", { id: cid(), sessionId: v.sessionId, index: 1 });
    expect(await send(v.c, "video:play", { id: cid(), sessionId: v.sessionId })).toMatchObject({ error: { code: "WARNING_NOT_CONFIRMED" } });
    expect(await send(v.phone, "video:confirm-warning", { id: cid(), sessionId: v.sessionId })).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect((await send(v.c, "video:confirm-warning", { id: cid(), sessionId: v.sessionId })).ok).toBe(true);
    const played = nextEvent(v.phone, "video:controlled");
    expect((await send(v.c, "video:play", { id: cid(), sessionId: v.sessionId, position: 5 })).ok).toBe(true);
    expect((await played).payload).toMatchObject({ action: "play", position: 5 });
  });

  it("stops by itself at a pause point and tells everyone", async () => {
    const v = await videoStep();
    await send(v.c, "agenda:goto", { id: cid(), sessionId: v.sessionId, index: 1 });
    await send(v.c, "video:confirm-warning", { id: cid(), sessionId: v.sessionId });
    const stopped = nextEvent(v.phone, "video:controlled", (e) => e.payload.action === "pause", 4000);
    await send(v.c, "video:play", { id: cid(), sessionId: v.sessionId, position: 19.2 });
    const e = await stopped;
    expect(e.payload).toMatchObject({ action: "pause", position: 20, pausePoint: 20 });
    const s = await staffState(v.c, v.sessionId);
    expect(s.video).toMatchObject({ playing: false, position: 20, pausePoint: 20 });
  });

  it("does not stop at a point the trainer paused before", async () => {
    const v = await videoStep();
    await send(v.c, "agenda:goto", { id: cid(), sessionId: v.sessionId, index: 1 });
    await send(v.c, "video:confirm-warning", { id: cid(), sessionId: v.sessionId });
    await send(v.c, "video:play", { id: cid(), sessionId: v.sessionId, position: 19.5 });
    await send(v.c, "video:pause", { id: cid(), sessionId: v.sessionId });
    await sleep(800);
    const s = await staffState(v.c, v.sessionId);
    expect(s.video.pausePoint).toBeNull();
    expect(s.video.position).toBeLessThan(20);
  });
});

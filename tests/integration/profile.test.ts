import { cid, collect, nextEvent, send, sleep, staffState, startTestServer, type TestServer } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

describe("optional participant profile and attendance", () => {
  it("records answers for staff only, and only when the session asks", async () => {
    const trainer = await t.account("trainer");
    const c = await t.connect({ cookie: trainer.cookie });
    const created = await send(c, "session:create", { id: cid(), title: "Profiled", language: "en", askProfile: true });
    if (!created.ok) throw new Error(created.error.code);
    await send(c, "session:watch", { id: cid(), sessionId: created.sessionId, lastSeq: 0 });
    const a = await t.connect();
    const b = await t.connect();
    const ja = await send(a, "participant:join", { id: cid(), code: created.code, nickname: "Aida" });
    await send(b, "participant:join", { id: cid(), code: created.code, nickname: "Bolat" });
    const seenByB = collect(b, "participant:profiled");
    const toTrainer = nextEvent(c, "participant:profiled");
    expect((await send(a, "participant:profile", { id: cid(), ageBand: "16-17", sex: "no-answer" })).ok).toBe(true);
    expect((await toTrainer).payload).toEqual({ participantId: ja.ok && ja.participantId, ageBand: "16-17", sex: "no-answer" });
    await sleep(50);
    expect(seenByB).toEqual([]);
    expect(await send(a, "participant:profile", { id: cid(), ageBand: "teen", sex: "x" })).toMatchObject({ error: { code: "BAD_REQUEST" } });

    const other = await send(c, "session:create", { id: cid(), title: "Not asking", language: "en" });
    const p = await t.connect();
    await send(p, "participant:join", { id: cid(), code: other.ok && other.code, nickname: "Dana" });
    expect(await send(p, "participant:profile", { id: cid(), ageBand: "18-24", sex: "female" })).toMatchObject({ error: { code: "FORBIDDEN" } });

    // The peak of people online at once is in the record (presence is coalesced, so it lands within a flush).
    await nextEvent(c, "attendance:peaked", (e) => e.payload.online === 2, 2000).catch(() => undefined);
    const state = await staffState(c, created.sessionId);
    expect(state.peakOnline).toBe(2);
    expect(state.profiles).toEqual({ [ja.ok ? ja.participantId : ""]: { ageBand: "16-17", sex: "no-answer" } });
  });
});

import { cid, nextEvent, send, sessionWithTrainer, startTestServer, type TestServer } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

describe("a phone keeps its identity", () => {
  it("resumes as the same participant with its token, without a duplicate", async () => {
    const s = await sessionWithTrainer(t);
    const a = await s.phone("Aida");
    if (!a.ack.ok) throw new Error("join failed");
    a.socket.disconnect();
    await nextEvent(s.console, "presence:changed", (p) => p.count === 0);

    const again = await t.connect();
    const online = nextEvent(s.console, "presence:changed", (p) => p.count === 1);
    const resumed = await send(again, "participant:resume", { id: cid(), token: a.ack.token, lastSeq: a.ack.seq });
    expect(resumed).toMatchObject({ ok: true, participantId: a.ack.participantId, sessionId: s.sessionId });
    expect((await online).joined).toEqual([a.ack.participantId]);

    const watch = await send(s.console, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 0 });
    if (!watch.ok || watch.sync.kind !== "snapshot") throw new Error("expected snapshot");
    expect(watch.sync.state.participantOrder).toHaveLength(1);
  });

  it("treats a resent join (same command id) as the same participant", async () => {
    const s = await sessionWithTrainer(t);
    const phone = await t.connect();
    const id = cid();
    const first = await send(phone, "participant:join", { id, code: s.code, nickname: "Aida" });
    const second = await send(phone, "participant:join", { id, code: s.code, nickname: "Aida" });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.participantId).toBe(first.participantId);
    expect(second.seq).toBe(first.seq);
    const watch = await send(s.console, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 0 });
    if (!watch.ok || watch.sync.kind !== "snapshot") throw new Error("expected snapshot");
    expect(watch.sync.state.participantOrder).toEqual([first.participantId]);
    const events = await t.server.services.store.readSince(s.sessionId, 0);
    expect(events.filter((e) => e.type === "participant:joined")).toHaveLength(1);
  });

  it("acknowledges a repeated trainer command again without applying it twice", async () => {
    const s = await sessionWithTrainer(t);
    const id = cid();
    const first = await send(s.console, "session:end", { id, sessionId: s.sessionId });
    const second = await send(s.console, "session:end", { id, sessionId: s.sessionId });
    expect(first).toEqual({ ok: true, seq: expect.any(Number) });
    expect(second).toEqual(first);
    // A new id is a new command, and the session is already over.
    const third = await send(s.console, "session:end", { id: cid(), sessionId: s.sessionId });
    expect(third.ok || third.error.code).toBe("SESSION_ENDED");
  });

  it("does not let another client reuse someone's command id", async () => {
    const s = await sessionWithTrainer(t);
    const id = cid();
    await send(s.console, "session:end", { id, sessionId: s.sessionId });
    const other = await t.account("organiser");
    const c = await t.connect({ cookie: other.cookie });
    const ack = await send(c, "session:end", { id, sessionId: s.sessionId });
    expect(ack.ok || ack.error.code).toBe("DUPLICATE_ID");
  });

  it("rejects a forged or tampered token", async () => {
    const s = await sessionWithTrainer(t);
    const a = await s.phone("Aida");
    if (!a.ack.ok) throw new Error("join failed");
    const phone = await t.connect();
    const tampered = a.ack.token.slice(0, -4) + (a.ack.token.endsWith("AAAA") ? "BBBB" : "AAAA");
    const ack = await send(phone, "participant:resume", { id: cid(), token: tampered, lastSeq: 0 });
    expect(ack.ok || ack.error.code).toBe("TOKEN_INVALID");
  });

  it("survives a server restart: the log is on disk and tokens still work", async () => {
    const s = await sessionWithTrainer(t);
    const a = await s.phone("Aida");
    if (!a.ack.ok) throw new Error("join failed");
    const dbPath = t.dbPath;
    await t.close();
    t = await startTestServer({ dbPath });
    const phone = await t.connect();
    const resumed = await send(phone, "participant:resume", { id: cid(), token: a.ack.token, lastSeq: 0 });
    expect(resumed.ok).toBe(true);
    if (!resumed.ok || resumed.sync.kind !== "snapshot") throw new Error("expected snapshot");
    expect(resumed.sync.state.participants[a.ack.participantId].nickname).toBe("Aida");
    expect(resumed.sync.state.code).toBe(s.code);
  });
});

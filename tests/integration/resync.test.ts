import { cid, send, sessionWithTrainer, startTestServer, type TestServer } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

describe("reconnect resync", () => {
  it("sends a reconnecting console exactly the events it missed", async () => {
    const s = await sessionWithTrainer(t);
    const first = await send(s.console, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 0 });
    if (!first.ok) throw new Error("watch failed");
    const seenSeq = first.seq;
    s.console.disconnect();

    await s.phone("Aida");
    await s.phone("Bolat");

    const again = await t.connect({ cookie: s.trainer.cookie });
    const ack = await send(again, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: seenSeq });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.sync.kind).toBe("events");
    if (ack.sync.kind !== "events") return;
    const joins = ack.sync.events.filter((e: { type: string }) => e.type === "participant:joined");
    expect(joins.map((e: { payload: { nickname: string } }) => e.payload.nickname)).toEqual(["Aida", "Bolat"]);
    // Every event after the console's seq, in order, with no gap (attendance peaks are staff events too).
    const seqs = ack.sync.events.map((e: { seq: number }) => e.seq);
    expect(seqs[0]).toBe(seenSeq + 1);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => seenSeq + 1 + i));
    expect(seqs.at(-1)).toBe(ack.seq);
  });

  it("gives a participant only what it may see when it catches up", async () => {
    const s = await sessionWithTrainer(t);
    const a = await s.phone("Aida");
    if (!a.ack.ok) throw new Error("join failed");
    a.socket.disconnect();
    await s.phone("Bolat");
    await send(s.console, "session:end", { id: cid(), sessionId: s.sessionId });

    const phone = await t.connect();
    const ack = await send(phone, "participant:resume", { id: cid(), token: a.ack.token, lastSeq: a.ack.seq });
    if (!ack.ok || ack.sync.kind !== "events") throw new Error("expected events");
    // Bolat's join is not for Aida's eyes; the end of the session is.
    expect(ack.sync.events.map((e: { type: string }) => e.type)).toEqual(["session:ended"]);
  });

  it("sends a snapshot to a fresh client or one that is too far behind", async () => {
    const s = await sessionWithTrainer(t);
    for (let i = 0; i < 305; i++) await s.phone(`P${i}`);
    const again = await t.connect({ cookie: s.trainer.cookie });
    const behind = await send(again, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 1 });
    if (!behind.ok) throw new Error("watch failed");
    expect(behind.sync.kind).toBe("snapshot");
    if (behind.sync.kind === "snapshot") expect(behind.sync.state.participantOrder).toHaveLength(305);
    const fresh = await send(again, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 0 });
    expect(fresh.ok && fresh.sync.kind).toBe("snapshot");
  }, 30_000);
});

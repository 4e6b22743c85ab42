import { cid, nextEvent, send, sessionWithTrainer, startTestServer, type TestServer } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

describe("garbage on the socket", () => {
  it("answers wrong types, huge strings and unknown events with error acks", async () => {
    const s = await sessionWithTrainer(t);
    const bad = await t.connect();
    const cases: [string, unknown, string][] = [
      ["participant:join", { id: cid(), code: 123456, nickname: ["x"] }, "BAD_REQUEST"],
      ["participant:join", null, "BAD_REQUEST"],
      ["participant:join", "just a string", "BAD_REQUEST"],
      ["participant:join", { code: s.code, nickname: "no id" }, "BAD_REQUEST"],
      ["participant:join", { id: "short", code: s.code, nickname: "Aida" }, "BAD_REQUEST"],
      ["participant:join", { id: cid(), code: s.code, nickname: "A".repeat(5000) }, "BAD_REQUEST"],
      ["participant:resume", { id: cid(), token: "t".repeat(10_000), lastSeq: 0 }, "BAD_REQUEST"],
      ["participant:resume", { id: cid(), token: "t", lastSeq: -1 }, "BAD_REQUEST"],
      ["participant:join", { id: cid(), code: s.code, nickname: "x".repeat(200_000) }, "PAYLOAD_TOO_LARGE"],
      ["session:watch", { id: cid(), sessionId: "../../etc/passwd", lastSeq: 0 }, "BAD_REQUEST"],
      ["no:such-event", { id: cid() }, "UNKNOWN_EVENT"],
      ["constructor", {}, "UNKNOWN_EVENT"],
    ];
    for (const [event, payload, code] of cases) {
      const ack = await send(bad, event, payload).catch((e: Error) => ({ ok: false as const, error: { code: e.message, message: "" } }));
      expect({ event, result: ack.ok || ack.error.code }).toEqual({ event, result: code });
    }
    // Event names that are not strings (socket.io accepts numbers) are refused, not fatal.
    const numeric = await (bad.timeout(5000).emitWithAck as unknown as (e: unknown, p: unknown) => Promise<{ ok: boolean; error: { code: string } }>).call(bad.timeout(5000), 123, {});
    expect(numeric).toMatchObject({ ok: false, error: { code: "UNKNOWN_EVENT" } });
    (bad.emit as unknown as (e: unknown) => void).call(bad, 456);
    // Events without an ack callback are dropped quietly.
    bad.emit("participant:join", { id: cid(), code: s.code, nickname: "NoAck" });
    bad.emit("whatever");

    const a = await s.phone("Aida");
    expect(a.ack.ok).toBe(true);
  });

  it("cuts off a 1 MB message and keeps the session working for everyone else", async () => {
    const s = await sessionWithTrainer(t);
    const a = await s.phone("Aida");
    const attacker = await t.connect();
    const gone = new Promise<string>((resolve) => attacker.once("disconnect", (reason) => resolve(reason)));
    attacker.emit("participant:join", { id: cid(), code: s.code, nickname: "x".repeat(1024 * 1024) }, () => {});
    expect(await gone).toEqual(expect.any(String));

    const joined = nextEvent(s.console, "participant:joined", (e) => e.payload.nickname === "Bolat");
    const b = await s.phone("Bolat");
    expect(b.ack.ok).toBe(true);
    await joined;
    expect(a.socket.connected).toBe(true);
  });

  it("disconnects a socket that keeps sending garbage", async () => {
    await sessionWithTrainer(t);
    const spammer = await t.connect();
    const gone = new Promise<void>((resolve) => spammer.once("disconnect", () => resolve()));
    for (let i = 0; i < 25; i++) spammer.emit("junk", i, () => {});
    await gone;
    expect(spammer.connected).toBe(false);
  });

  it("rate-limits one participant without slowing the others", async () => {
    const s = await sessionWithTrainer(t);
    const a = await s.phone("Aida");
    const b = await s.phone("Bolat");
    if (!a.ack.ok || !b.ack.ok) throw new Error("join failed");
    const tokenA = a.ack.token;
    const acks = await Promise.all(
      Array.from({ length: 80 }, () => send(a.socket, "participant:resume", { id: cid(), token: tokenA, lastSeq: 0 })),
    );
    const limited = acks.filter((x) => !x.ok && x.error.code === "RATE_LIMITED").length;
    expect(limited).toBeGreaterThan(0);
    expect(acks.filter((x) => x.ok).length).toBeGreaterThan(0);
    // Bolat shares the same IP (127.0.0.1) and is not affected.
    const ackB = await send(b.socket, "participant:resume", { id: cid(), token: b.ack.token, lastSeq: 0 });
    expect(ackB.ok).toBe(true);
  });
});

import { JOIN_CODE_ALPHABET } from "@/lib/domain/join-code";
import { cid, staffState, collect, nextEvent, send, sessionWithTrainer, startTestServer, type TestServer } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

describe("joining a session", () => {
  it("gives the trainer a readable join code and shows phones joining live", async () => {
    const s = await sessionWithTrainer(t, "Safe jobs abroad");
    expect(s.code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    expect(s.code).not.toMatch(/[01OIL]/);

    const joined = nextEvent(s.console, "participant:joined", (e) => e.payload.nickname === "Aida");
    const presence = nextEvent(s.console, "presence:changed", (p) => p.count === 1 && p.joined.length === 1);
    const { ack } = await s.phone("Aida");
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.token).toEqual(expect.any(String));
    expect(ack.sync.kind).toBe("snapshot");
    expect(ack.sync.state.title).toBe("Safe jobs abroad");
    // The phone holds only its own participant record.
    expect(Object.values(ack.sync.state.participants)).toEqual([expect.objectContaining({ nickname: "Aida" })]);

    const event = await joined;
    expect(event.seq).toBe(ack.seq);
    expect(event).not.toHaveProperty("actor");
    expect((await presence).joined).toEqual([ack.participantId]);
  });

  it("does not tell participants each other's nicknames", async () => {
    const s = await sessionWithTrainer(t);
    const a = await s.phone("Aida");
    const seenByA = collect(a.socket, "participant:joined");
    const seenByConsole = nextEvent(s.console, "participant:joined", (e) => e.payload.nickname === "Bolat");
    await s.phone("Bolat");
    await seenByConsole;
    expect(seenByA).toEqual([]);
  });

  it("accepts codes typed in lower case with spaces", async () => {
    const s = await sessionWithTrainer(t);
    const phone = await t.connect();
    const spaced = `${s.code.slice(0, 3).toLowerCase()} ${s.code.slice(3).toLowerCase()}`;
    const ack = await send(phone, "participant:join", { id: cid(), code: spaced, nickname: "Dana" });
    expect(ack.ok).toBe(true);
  });

  it("answers an unknown code and an ended session with clear errors", async () => {
    const s = await sessionWithTrainer(t);
    const phone = await t.connect();
    const unknown = await send(phone, "participant:join", { id: cid(), code: "ZZZZZZ", nickname: "Dana" });
    expect(unknown).toEqual({ ok: false, error: { code: "JOIN_CODE_UNKNOWN", message: expect.any(String) } });
    const malformed = await send(phone, "participant:join", { id: cid(), code: "0O1IL!", nickname: "Dana" });
    expect(malformed.ok || malformed.error.code).toBe("JOIN_CODE_UNKNOWN");

    const ended = await send(s.console, "session:end", { id: cid(), sessionId: s.sessionId });
    expect(ended.ok).toBe(true);
    const late = await send(phone, "participant:join", { id: cid(), code: s.code, nickname: "Dana" });
    expect(late.ok || late.error.code).toBe("SESSION_ENDED");
  });

  it("tells joined phones when the trainer ends the session", async () => {
    const s = await sessionWithTrainer(t);
    const a = await s.phone("Aida");
    const endedOnPhone = nextEvent(a.socket, "session:ended");
    await send(s.console, "session:end", { id: cid(), sessionId: s.sessionId });
    expect((await endedOnPhone).sessionId).toBe(s.sessionId);
  });

  it("numbers a nickname already used in the session, whatever its case, so nobody can squat it; refuses empty names", async () => {
    const s = await sessionWithTrainer(t);
    await s.phone("Aida");
    const squatter = await t.connect();
    const dup = await send(squatter, "participant:join", { id: cid(), code: s.code, nickname: "  aida " });
    expect(dup.ok).toBe(true);
    const third = await send(await t.connect(), "participant:join", { id: cid(), code: s.code, nickname: "AIDA" });
    const state = await staffState(s.console, s.sessionId);
    expect(state.participantOrder.map((id: string) => state.participants[id].nickname)).toEqual(["Aida", "aida 2", "AIDA 3"]);
    expect(third.ok).toBe(true);
    const phone = await t.connect();
    const empty = await send(phone, "participant:join", { id: cid(), code: s.code, nickname: " \u200b " });
    expect(empty.ok || empty.error.code).toBe("NICKNAME_INVALID");
    const long = await send(phone, "participant:join", { id: cid(), code: s.code, nickname: "x".repeat(31) });
    expect(long.ok || long.error.code).toBe("NICKNAME_INVALID");
  });

  it("keeps join codes unique among live sessions", async () => {
    const trainer = await t.account();
    const c = await t.connect({ cookie: trainer.cookie });
    const codes = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const ack = await send(c, "session:create", { id: cid(), title: `S${i}`, language: "ru" });
      expect(ack.ok).toBe(true);
      if (ack.ok) codes.add(ack.code);
    }
    expect(codes.size).toBe(30);
  });
});

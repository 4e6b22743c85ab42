import { cid, send, sessionWithTrainer, startTestServer, type TestServer } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

describe("who may do what", () => {
  it("refuses trainer commands from a participant", async () => {
    const s = await sessionWithTrainer(t);
    const a = await s.phone("Aida");
    const asPhone = (event: string, payload: object) => send(a.socket, event, { id: cid(), ...payload });
    expect((await asPhone("session:end", { sessionId: s.sessionId })).ok).toBe(false);
    expect(await asPhone("session:end", { sessionId: s.sessionId })).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect(await asPhone("session:watch", { sessionId: s.sessionId, lastSeq: 0 })).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect(await asPhone("session:create", { title: "Mine", language: "en" })).toMatchObject({ error: { code: "UNAUTHENTICATED" } });

    const check = await send(s.console, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 0 });
    expect(check.ok && check.sync.kind === "snapshot" && check.sync.state.status).toBe("live");
  });

  it("keeps one trainer out of another trainer's session, but lets an organiser in", async () => {
    const s = await sessionWithTrainer(t);
    const other = await t.account("trainer");
    const c = await t.connect({ cookie: other.cookie });
    expect(await send(c, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 0 })).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await send(c, "session:end", { id: cid(), sessionId: s.sessionId })).toMatchObject({ error: { code: "FORBIDDEN" } });

    const org = await t.account("organiser");
    const o = await t.connect({ cookie: org.cookie });
    expect((await send(o, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 0 })).ok).toBe(true);
  });

  it("ignores a forged cookie", async () => {
    const s = await sessionWithTrainer(t);
    const c = await t.connect({ cookie: "ortaq_auth=Fe26.2**forged" });
    expect(await send(c, "session:end", { id: cid(), sessionId: s.sessionId })).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("rejects a socket handshake from a foreign Origin and accepts the server's own", async () => {
    const port = new URL(t.url).port;
    await expect(t.connect({ origin: "http://evil.example" })).rejects.toThrow();
    await expect(t.connect({ origin: `http://127.0.0.1:${port}` })).resolves.toBeDefined();
  });

  it("turns away a client of another protocol version with a reason", async () => {
    await expect(t.connect({ auth: { v: 999 } })).rejects.toThrow("PROTOCOL_MISMATCH");
    const { PROTOCOL_VERSION } = await import("@/lib/protocol/version");
    await expect(t.connect({ auth: { v: PROTOCOL_VERSION } })).resolves.toBeDefined();
  });

  it("lets a projector watch with the screen key, and only its own session", async () => {
    const { sealScreenKey } = await import("@/lib/server/accounts/tokens");
    const s = await sessionWithTrainer(t);
    const other = await sessionWithTrainer(t, "Other");
    const key = await sealScreenKey(s.sessionId, t.server.services.secret);
    const screen = await t.connect();
    expect((await send(screen, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 0, screenKey: key })).ok).toBe(true);
    expect(await send(screen, "session:watch", { id: cid(), sessionId: other.sessionId, lastSeq: 0, screenKey: key })).toMatchObject({
      error: { code: "UNAUTHENTICATED" },
    });
    // A participant token is not a screen key.
    const a = await s.phone("Aida");
    if (!a.ack.ok) throw new Error("join failed");
    expect(await send(screen, "session:watch", { id: cid(), sessionId: s.sessionId, lastSeq: 0, screenKey: a.ack.token })).toMatchObject({
      error: { code: "UNAUTHENTICATED" },
    });
  });
});

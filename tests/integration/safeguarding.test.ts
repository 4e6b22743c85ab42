/**
 * Safeguarding through the real socket server: discreet help requests (who
 * hears of them, the reply, the rate limit, the purge when the session ends),
 * stepping out for a break (a count for the trainer, nothing stored), and
 * consent before joining.
 */
import fs from "node:fs";
import { sealScreenKey } from "@/lib/server/accounts/tokens";
import { cid, nextEvent, roomInTwoGroups, send, sleep, staffState, startTestServer, type TestServer, type TestSocket } from "../support/test-server";

/** Every message a socket receives from now on, of any name, as JSON. */
function record(socket: TestSocket): string[] {
  const seen: string[] = [];
  socket.onAny((name: string, ...args: unknown[]) => seen.push(JSON.stringify([name, ...args])));
  return seen;
}

/** The database file and its write-ahead log, as bytes on disk. */
function onDisk(dbPath: string): Buffer {
  return Buffer.concat([dbPath, `${dbPath}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

/** The ack of a command that must succeed, narrowed to its success form. */
async function must<T extends { ok: boolean }>(pending: Promise<T>): Promise<Extract<T, { ok: true }>> {
  const ack = await pending;
  if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack)}`);
  return ack as Extract<T, { ok: true }>;
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe("a discreet help request", () => {
  it("reaches the trainer's console only; the reply reaches the asking phone only", async () => {
    const r = await roomInTwoGroups(t, { n: 4 });
    const bystanders = [r.screen, r.mate.socket, r.other.socket, r.phones.find((p) => p !== r.a && p !== r.mate && p !== r.other)!.socket];
    const heard = bystanders.map(record);

    const alert = nextEvent(r.c, "help:requested");
    const ack = await send(r.a.socket, "help:request", { id: cid(), message: "HELP-MSG-4711 it is about my uncle", shareName: false });
    expect(ack.ok).toBe(true);
    const request = await alert;
    expect(request.payload).toEqual({ requestId: expect.any(String), participantId: "", message: "HELP-MSG-4711 it is about my uncle", nickname: null });
    // Anonymous to the trainer too: nothing in the console's record says who asked.
    const staff = await staffState(r.c, r.sessionId);
    expect(staff.helpRequests[request.payload.requestId]).toMatchObject({ participantId: null, nickname: null, acknowledged: false });
    expect(JSON.stringify(staff.helpRequests)).not.toContain(r.a.id);

    const seen = nextEvent(r.a.socket, "help:acknowledged");
    expect((await send(r.c, "help:ack", { id: cid(), sessionId: r.sessionId, requestId: request.payload.requestId })).ok).toBe(true);
    await seen;
    const replied = nextEvent(r.a.socket, "help:replied");
    expect((await send(r.c, "help:reply", { id: cid(), sessionId: r.sessionId, requestId: request.payload.requestId, text: "REPLY-4711 I'll stay after the session" })).ok).toBe(true);
    expect((await replied).payload).toMatchObject({ text: "REPLY-4711 I'll stay after the session", participantId: "" });

    // The projector and three other phones never receive any of it, live or in a resync.
    await sleep(150);
    for (const h of heard) {
      const all = h.join("\n");
      expect(all).not.toContain("4711");
      expect(all).not.toContain("help:");
    }
    const screenAgain = await staffState(r.screen, r.sessionId, await sealScreenKey(r.sessionId, t.server.services.secret));
    expect(screenAgain.helpOrder).toEqual([]);
    // What the hub would answer a resyncing phone from the start or from just before the request.
    const hub = (await t.server.sockets.registry.get(r.sessionId))!;
    for (const p of [r.mate, r.other]) {
      for (const lastSeq of [0, request.seq - 1]) expect(JSON.stringify(hub.sync({ kind: "participant", participantId: p.id }, lastSeq))).not.toContain("4711");
    }
  });

  it("does not reach a projector opened in the trainer's own signed-in browser", async () => {
    const r = await roomInTwoGroups(t, { n: 2 });
    // The projector tab shares the console's cookie: it asks for the room's view.
    const cookie = (r.c.io.opts.extraHeaders as Record<string, string>).cookie;
    const projector = await t.connect({ cookie });
    const heard = record(projector);
    const watched = await send(projector, "session:watch", { id: cid(), sessionId: r.sessionId, lastSeq: 0, as: "screen" });
    expect(watched.ok).toBe(true);
    const alert = nextEvent(r.c, "help:requested");
    await send(r.a.socket, "help:request", { id: cid(), message: "TAB-9911" });
    await alert;
    await sleep(150);
    expect(heard.join("\n")).not.toContain("TAB-9911");
    expect(heard.join("\n")).not.toContain("breaks:changed");
  });

  it("shares the nickname only when the phone says so, and only with the trainer", async () => {
    const r = await roomInTwoGroups(t, { n: 2, nickname: (i) => `Named${i}` });
    const alert = nextEvent(r.c, "help:requested");
    await send(r.a.socket, "help:request", { id: cid(), message: "", shareName: true });
    expect((await alert).payload).toMatchObject({ nickname: "Named0", participantId: "", message: "" });
  });

  it("is limited to 3 in 10 minutes per phone, with a clear error", async () => {
    const r = await roomInTwoGroups(t, { n: 4 });
    for (let i = 0; i < 3; i++) expect((await send(r.a.socket, "help:request", { id: cid(), message: `try ${i}` })).ok).toBe(true);
    expect(await send(r.a.socket, "help:request", { id: cid(), message: "once more" })).toMatchObject({ ok: false, error: { code: "HELP_REQUESTS_LIMITED" } });
    expect((await send(r.mate.socket, "help:request", { id: cid(), message: "mine" })).ok).toBe(true);
  });

  it("is purged from every copy and from the database file when the session ends; the count stays", async () => {
    const r = await roomInTwoGroups(t, { n: 2 });
    await send(r.a.socket, "help:request", { id: cid(), message: "PURGE-ME-5150", shareName: true });
    expect(onDisk(t.dbPath).includes("PURGE-ME-5150")).toBe(true);
    const purged = nextEvent(r.c, "help:purged");
    expect((await send(r.c, "session:end", { id: cid(), sessionId: r.sessionId })).ok).toBe(true);
    await purged;
    await sleep(50);
    const staff = await staffState(r.c, r.sessionId);
    expect(staff).toMatchObject({ helpOrder: [], helpRequests: {}, helpCount: 1 });
    expect(onDisk(t.dbPath).includes("PURGE-ME-5150")).toBe(false);
    // Who asked is gone from the log as well.
    const log = await t.server.services.store.readSince(r.sessionId, 0);
    const asked = log.find((e) => e.type === "help:requested")!;
    expect(asked.actor).toEqual({ kind: "system" });
    expect(JSON.stringify(log.filter((e) => e.type.startsWith("help:")))).not.toContain(r.a.id);
  });

  it("is kept after the session when the organisation's policy says so", async () => {
    await t.server.services.safeguarding.setHelpRetention("keep");
    try {
      const r = await roomInTwoGroups(t, { n: 2 });
      await send(r.a.socket, "help:request", { id: cid(), message: "KEEP-ME-8080" });
      await send(r.c, "session:end", { id: cid(), sessionId: r.sessionId });
      await sleep(200);
      expect((await staffState(r.c, r.sessionId)).helpOrder).toHaveLength(1);
      expect(onDisk(t.dbPath).includes("KEEP-ME-8080")).toBe(true);
    } finally {
      await t.server.services.safeguarding.setHelpRetention("purge");
    }
  });
});

describe("stepping out", () => {
  async function planRoom() {
    const trainer = await t.account("trainer");
    const c = await t.connect({ cookie: trainer.cookie });
    const created = await must(send(c, "session:create", { id: cid(), title: "Plan", language: "en", planId: "trafficking-prevention" }));
    const sessionId = created.sessionId as string;
    await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
    const screen = await t.connect();
    await send(screen, "session:watch", { id: cid(), sessionId, lastSeq: 0, screenKey: await sealScreenKey(sessionId, t.server.services.secret) });
    const phones: { socket: TestSocket; id: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const socket = await t.connect();
      const ack = await must(send(socket, "participant:join", { id: cid(), code: created.code, nickname: `B${i}` }));
      phones.push({ socket, id: ack.participantId });
    }
    const plan = (await t.server.services.plans.get("trafficking-prevention"))!.plan;
    const warned = plan.steps.findIndex((s) => !!s.warning);
    return { c, screen, sessionId, phones, warned };
  }

  it("gives the trainer a live anonymous count, tells nobody else, and stores nothing", async () => {
    const r = await planRoom();
    const before = (await t.server.services.store.readSince(r.sessionId, 0)).length;
    const heard = [r.screen, r.phones[1].socket, r.phones[2].socket].map(record);

    // No break outside a step with a content warning.
    r.phones[0].socket.emit("break:set", { away: true });
    await sleep(150);
    const counts: number[] = [];
    r.c.on("breaks:changed", (p: { count: number }) => counts.push(p.count));

    await send(r.c, "agenda:goto", { id: cid(), sessionId: r.sessionId, index: r.warned });
    const one = nextEvent(r.c, "breaks:changed", (p) => p.count === 1);
    r.phones[0].socket.emit("break:set", { away: true });
    expect(await one).toEqual({ sessionId: r.sessionId, count: 1 });
    const two = nextEvent(r.c, "breaks:changed", (p) => p.count === 2);
    r.phones[1].socket.emit("break:set", { away: true });
    await two;
    // A console that starts watching now gets the count at once.
    const late = await t.connect({ cookie: (await t.account("organiser")).cookie });
    const lateCount = nextEvent(late, "breaks:changed");
    await send(late, "session:watch", { id: cid(), sessionId: r.sessionId, lastSeq: 0 });
    expect((await lateCount).count).toBe(2);

    const back = nextEvent(r.c, "breaks:changed", (p) => p.count === 1);
    r.phones[0].socket.emit("break:set", { away: false });
    await back;
    // A phone whose link drops is not counted as away (it says so again when back).
    const dropped = nextEvent(r.c, "breaks:changed", (p) => p.count === 0);
    r.phones[1].socket.disconnect();
    await dropped;
    expect(counts).toEqual([1, 2, 1, 0]);

    await sleep(100);
    for (const h of heard) expect(h.join("\n")).not.toContain("break");
    // Nothing about it in the session's log: only the agenda move happened.
    const log = await t.server.services.store.readSince(r.sessionId, 0);
    // (The server's own attendance figures may land meanwhile: counts, no one named.)
    expect(log.slice(before).filter((e) => e.actor.kind !== "system").map((e) => e.type)).toEqual(["agenda:moved"]);
    expect(JSON.stringify(log)).not.toContain("break");
  });

  it("drops malformed break messages without an answer", async () => {
    const r = await planRoom();
    await send(r.c, "agenda:goto", { id: cid(), sessionId: r.sessionId, index: r.warned });
    const counts: number[] = [];
    r.c.on("breaks:changed", (p: { count: number }) => counts.push(p.count));
    for (const bad of [null, "yes", { away: "yes" }, { away: true, who: "p1" }, []]) r.phones[0].socket.emit("break:set", bad);
    await sleep(200);
    expect(counts).toEqual([]);
    expect(r.phones[0].socket.connected).toBe(true);
  });
});

describe("consent before joining", () => {
  let ct: TestServer;
  beforeAll(async () => {
    ct = await startTestServer({ consent: true });
  });
  afterAll(async () => {
    await ct.close();
  });

  it("is asked by default: a join without it is refused, with it accepted", async () => {
    expect(await ct.server.services.safeguarding.consent()).toMatchObject({ required: true, custom: false });
    const trainer = await ct.account("trainer");
    const c = await ct.connect({ cookie: trainer.cookie });
    const created = await must(send(c, "session:create", { id: cid(), title: "Consent", language: "ru" }));
    const phone = await ct.connect();
    expect(await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Ainur" })).toMatchObject({ ok: false, error: { code: "CONSENT_REQUIRED" } });
    expect(await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Ainur", consent: false })).toMatchObject({ ok: false, error: { code: "CONSENT_REQUIRED" } });
    expect(await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Ainur", consent: "yes" })).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect((await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Ainur", consent: true })).ok).toBe(true);
    // A wrong code is still just a wrong code.
    const other = await ct.connect();
    expect(await send(other, "participant:join", { id: cid(), code: "ZZZZZZ", nickname: "X", consent: true })).toMatchObject({ ok: false, error: { code: "JOIN_CODE_UNKNOWN" } });
  });

  it("is not asked once the organisation turns it off", async () => {
    await ct.server.services.safeguarding.setConsent({ required: false, notice: null });
    try {
      const trainer = await ct.account("trainer");
      const c = await ct.connect({ cookie: trainer.cookie });
      const created = await must(send(c, "session:create", { id: cid(), title: "No consent", language: "en" }));
      const phone = await ct.connect();
      expect((await send(phone, "participant:join", { id: cid(), code: created.code, nickname: "Dana" })).ok).toBe(true);
    } finally {
      await ct.server.services.safeguarding.setConsent({ required: true, notice: null });
    }
  });
});

/**
 * "Forget me" through the real server and a real SQLite file: a phone
 * deletes its own notes, sketches, answers and profile (and an organiser
 * deletes someone's from the report). The deletion reaches every other
 * client's state, the exports, and, after the purge, the database file.
 */
import fs from "node:fs";
import { applyEvent } from "@/lib/domain/apply-event";
import type { ClientEvent } from "@/lib/domain/events";
import { buildReport } from "@/lib/domain/report";
import type { SessionState } from "@/lib/domain/session-state";
import { sealScreenKey } from "@/lib/server/accounts/tokens";
import { notesCsv } from "@/lib/server/reports/notes-csv";
import { loadSessionFor, recordEvents, recordState } from "@/lib/server/reports/session-record";
import { freshId, STROKE } from "../support/live-fixture";
import { cid, collect, nextEvent, send, sleep, staffState, startTestServer, type TestServer, type TestSocket } from "../support/test-server";

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

/** A client as its live store holds the session: a snapshot, then every event it is sent, folded. */
class Follower {
  state!: SessionState;
  private readonly events: ClientEvent[];
  constructor(
    readonly socket: TestSocket,
    private readonly self: string | null,
  ) {
    this.events = collect(socket, "session:event");
  }
  async start(snapshot: Promise<SessionState>) {
    this.state = await snapshot;
    return this;
  }
  folded(): SessionState {
    return this.events.reduce((st, e) => applyEvent(st, e, this.self), this.state);
  }
}

/**
 * A live session with every client a deletion must reach: the console, the
 * projector, and phones in two groups; "Leila" (the one to be forgotten) and
 * her group-mate "Marat" post notes (hers on the wall and, with "show all",
 * on every phone), she draws, answers the profile and asks for help.
 */
async function busyRoom() {
  const trainer = await t.account("trainer");
  const c = await t.connect({ cookie: trainer.cookie });
  const created = await must(send(c, "session:create", { id: cid(), title: "Forget", language: "en", askProfile: true }));
  const sessionId = created.sessionId as string;
  await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  const screenKey = await sealScreenKey(sessionId, t.server.services.secret);
  const screen = await t.connect();
  await send(screen, "session:watch", { id: cid(), sessionId, lastSeq: 0, screenKey });
  const phones: Record<string, { socket: TestSocket; id: string; token: string }> = {};
  for (const nickname of ["Leila", "Marat", "Oskar", "Dana"]) {
    const socket = await t.connect();
    const ack = await must(send(socket, "participant:join", { id: cid(), code: created.code, nickname }));
    phones[nickname] = { socket, id: ack.participantId, token: ack.token };
  }
  await send(c, "groups:form", { id: cid(), sessionId, by: "count", n: 2 });
  await send(c, "board:configure", { id: cid(), sessionId, settings: { showAll: true, anonymousAllowed: true } });
  const leila = phones.Leila;
  const notes = ["FORGET-NOTE-1 my cousin's job offer", "FORGET-NOTE-2 (anonymous)", "FORGET-NOTE-3 Деректерімді жою"];
  for (const [i, text] of notes.entries()) {
    const ack = await send(leila.socket, "note:add", { id: cid(), noteId: freshId("note"), text, anonymous: i === 1 });
    if (!ack.ok) throw new Error(ack.error.code);
  }
  const deleted = freshId("note");
  await send(leila.socket, "note:add", { id: cid(), noteId: deleted, text: "FORGET-NOTE-4 deleted before" });
  await send(leila.socket, "note:delete", { id: cid(), noteId: deleted });
  await send(phones.Marat.socket, "note:add", { id: cid(), noteId: freshId("note"), text: "KEEP-NOTE Marat's idea" });
  await send(leila.socket, "stroke:commit", { id: cid(), sketchId: `p_${leila.id}_free`, stroke: { id: freshId("stroke"), ...STROKE } });
  await send(leila.socket, "participant:profile", { id: cid(), ageBand: "16-17", sex: "female" });
  await send(leila.socket, "help:request", { id: cid(), message: "FORGET-HELP-1", shareName: true });
  return { c, screen, screenKey, sessionId, phones, trainer };
}

const GONE = ["FORGET-NOTE-1", "FORGET-NOTE-2", "FORGET-NOTE-3", "FORGET-NOTE-4", "FORGET-HELP-1", "Leila"];

async function exportsOf(sessionId: string): Promise<string> {
  const organiser = await t.account("organiser");
  const user = (await t.server.services.users.byId(organiser.id))!;
  const found = (await loadSessionFor(t.server.services.store, user, sessionId))!;
  const events = recordEvents(await t.server.services.store.readSince(sessionId, 0), found.state);
  const report = buildReport(found.state, events, Date.now());
  const json = JSON.stringify({ session: found.record, report, state: recordState(found.state), events });
  return `${notesCsv(report, { locale: "en" })}\n${json}`;
}

describe("forget me", () => {
  it("removes a phone's own data from every other client's state, from the exports and (after the purge) from the database file", async () => {
    const r = await busyRoom();
    const leila = r.phones.Leila;
    const followers = await Promise.all([
      new Follower(r.c, null).start(staffState(r.c, r.sessionId)),
      new Follower(r.screen, null).start(staffState(r.screen, r.sessionId, r.screenKey)),
      ...["Marat", "Oskar", "Dana"].map(async (n) => {
        const p = r.phones[n];
        const again = await t.connect();
        const f = new Follower(again, p.id);
        return f.start(must(send(again, "participant:resume", { id: cid(), token: p.token, lastSeq: 0 })).then((a) => a.sync.state));
      }),
    ]);
    // Before: the notes are on the wall and on every phone, the name and texts are in the exports and on disk.
    for (const f of followers) expect(JSON.stringify(f.state)).toContain("FORGET-NOTE-1");
    const before = await exportsOf(r.sessionId);
    for (const w of ["FORGET-NOTE-1", "FORGET-NOTE-3", "Leila"]) expect(before).toContain(w);
    expect(before).not.toContain("FORGET-HELP-1");
    for (const w of GONE) expect(onDisk(t.dbPath).includes(w)).toBe(true);

    const told = followers.map((f) => nextEvent(f.socket, "participant:forgotten"));
    const ack = await send(leila.socket, "participant:forget", { id: cid() });
    expect(ack.ok).toBe(true);
    await Promise.all(told);

    for (const f of followers) {
      const st = JSON.stringify(f.folded());
      for (const w of GONE) expect(st).not.toContain(w);
      expect(st).toContain("KEEP-NOTE");
    }
    // Fresh snapshots agree.
    expect(JSON.stringify(await staffState(r.c, r.sessionId))).not.toContain("FORGET-NOTE");
    const after = await exportsOf(r.sessionId);
    for (const w of GONE) expect(after).not.toContain(w);
    expect(after).toContain("KEEP-NOTE");
    // The acknowledgement comes after the purge: nothing of hers is left in the file or its log.
    const disk = onDisk(t.dbPath);
    for (const w of GONE) expect(disk.includes(w)).toBe(false);
    expect(disk.includes("KEEP-NOTE")).toBe(true);

    // Her pass names no one now; the log, replayed, gives the same record.
    const back = await t.connect();
    expect(await send(back, "participant:resume", { id: cid(), token: leila.token, lastSeq: 0 })).toMatchObject({ ok: false, error: { code: "TOKEN_INVALID" } });
    expect(await send(leila.socket, "note:add", { id: cid(), noteId: freshId("note"), text: "after" })).toMatchObject({ ok: false, error: { code: "NOT_JOINED" } });
    const live = await staffState(r.c, r.sessionId);
    t.server.sockets.registry.evict(r.sessionId);
    expect(await staffState(r.c, r.sessionId)).toEqual(live);
  });

  it("lets an organiser delete one participant's data from the report, after the session ended", async () => {
    const r = await busyRoom();
    await send(r.c, "session:end", { id: cid(), sessionId: r.sessionId });
    await sleep(100);
    const organiser = await t.account("organiser");
    const res = await t.server.services.forgetParticipant(r.sessionId, r.phones.Leila.id, { id: organiser.id, role: "organiser" });
    expect(res).toEqual({ ok: true });
    const after = await exportsOf(r.sessionId);
    for (const w of GONE) expect(after).not.toContain(w);
    for (const w of GONE) expect(onDisk(t.dbPath).includes(w)).toBe(false);
    expect(after).toContain("KEEP-NOTE");
    // A trainer of another session may not.
    const stranger = await t.account("trainer");
    expect(await t.server.services.forgetParticipant(r.sessionId, r.phones.Marat.id, { id: stranger.id, role: "trainer" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SessionEvent } from "@/lib/domain/events";
import { createUserStore } from "@/lib/server/accounts/user-store";
import { HubRegistry } from "@/lib/server/live/hub-registry";
import { openDatabase, type Db } from "@/lib/server/store/db";
import type { EventStore, NewEvent, SessionRecord } from "@/lib/server/store/event-store";
import { createSqliteEventStore } from "@/lib/server/store/sqlite-event-store";
import { createSqliteSql } from "@/lib/server/store/sqlite-sql";
import { createWalSync } from "@/lib/server/store/wal-sync";

/**
 * The SQLite store commits on the event loop and waits for the write-ahead
 * log's fdatasync off it (wal-sync.ts). The real fdatasync runs; the test
 * only holds back its callback, to see what the store and the hub do before
 * the disk has answered.
 */

interface Sync {
  fd: number;
  done: (err: NodeJS.ErrnoException | null) => void;
}

let db: Db;
let file: string;
let store: EventStore;
let syncs: Sync[];
let holding: boolean;
let failWith: NodeJS.ErrnoException | null;
const realFdatasync = fs.fdatasync;

beforeEach(async () => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-wal-sync-")), "t.db");
  db = openDatabase(file);
  await createUserStore(createSqliteSql(db)).create({ id: "t1", email: "t1@example.org", name: "T", role: "trainer", passwordHash: "x", createdAt: 1 });
  store = createSqliteEventStore(db);
  syncs = [];
  holding = false;
  failWith = null;
  jest.spyOn(fs, "fdatasync").mockImplementation(((fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
    realFdatasync(fd, (err) => {
      const done = () => cb(failWith ?? err);
      if (holding) syncs.push({ fd, done: () => done() });
      else done();
    });
  }) as typeof fs.fdatasync);
});

afterEach(async () => {
  holding = false;
  syncs.forEach((s) => s.done(null));
  jest.restoreAllMocks();
  await store.close();
  db.close();
});

const record = (id: string, code: string): SessionRecord => ({ id, code, title: "T", language: "en", trainerId: "t1", status: "live", createdAt: 1, endedAt: null });
const created = (): NewEvent => ({ seq: 1, at: 1, actor: { kind: "user", id: "t1" }, commandId: null, body: { type: "session:ended", payload: {} } as never });
const ended = (seq: number, commandId: string): NewEvent => ({ seq, at: 2, actor: { kind: "user", id: "t1" }, commandId, body: { type: "session:ended", payload: {} } as never });

/** Waits until `n` syncs are held (the real fdatasync has returned; its answer waits for the test). */
async function held(n: number): Promise<void> {
  const until = Date.now() + 5_000;
  while (syncs.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 1));
  expect(syncs.length).toBe(n);
}

function settled<T>(p: Promise<T>): { done: boolean } {
  const s = { done: false };
  void p.then(
    () => (s.done = true),
    () => (s.done = true),
  );
  return s;
}

const flushed = () => new Promise((r) => setTimeout(r, 20));

describe("the SQLite store waits for the log's sync, off the event loop", () => {
  test("an append resolves only once the write-ahead log was synced; the loop runs meanwhile", async () => {
    await store.createSession(record("s1", "AAAAAA"), created());
    holding = true;
    const appended = store.append("s1", ended(2, "c-1"));
    const state = settled(appended);
    await held(1);
    // The log's file was synced, not some other file.
    expect(fs.fstatSync(syncs[0].fd).ino).toBe(fs.statSync(`${file}-wal`).ino);
    // Timers fire while the sync is out: the commit did not block the loop until the disk answered.
    await flushed();
    expect(state.done).toBe(false);
    syncs.shift()!.done(null);
    await expect(appended).resolves.toMatchObject({ ok: true, event: { seq: 2 } });
  });

  test("commits made while a sync is out share the next one, which begins after them", async () => {
    for (const s of ["s1", "s2", "s3"]) await store.createSession(record(s, `${s}AAAA`.toUpperCase()), created());
    const before = jest.mocked(fs.fdatasync).mock.calls.length;
    holding = true;
    const first = store.append("s1", ended(2, "c-1"));
    await held(1);
    // Three sessions commit while the first sync is out: none of them may count on it.
    const later: Promise<{ ok: boolean }>[] = [store.append("s2", ended(2, "c-2")), store.append("s3", ended(2, "c-3")), store.appendBatch("s1", [ended(3, "c-4")])];
    const states = later.map((p) => settled(p));
    syncs.shift()!.done(null);
    await expect(first).resolves.toMatchObject({ ok: true });
    await held(1);
    await flushed();
    expect(states.map((s) => s.done)).toEqual([false, false, false]);
    syncs.shift()!.done(null);
    const results = await Promise.all(later);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    // Two syncs for four commits.
    expect(jest.mocked(fs.fdatasync).mock.calls.length - before).toBe(2);
    expect((await store.readSince("s1", 0)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  test("the connection's other writes stay synchronous=FULL", async () => {
    await store.createSession(record("s1", "AAAAAA"), created());
    await store.append("s1", ended(2, "c-1"));
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    // A refused write (the same seq again) also leaves it so.
    await expect(store.append("s1", ended(2, "c-2"))).resolves.toEqual({ ok: false, conflict: "seq" });
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
  });

  test("a failed sync fails that append, and the store then refuses every read and write (nothing more committed)", async () => {
    await store.createSession(record("s1", "AAAAAA"), created());
    failWith = Object.assign(new Error("EIO: i/o error"), { code: "EIO" });
    await expect(store.append("s1", ended(2, "c-1"))).rejects.toThrow("the event log could not be synced to disk: EIO");
    failWith = null;
    await expect(store.append("s1", ended(3, "c-2"))).rejects.toThrow("could not be synced");
    await expect(store.readSince("s1", 0)).rejects.toThrow("could not be synced");
    await expect(store.findByCommandId("c-1")).rejects.toThrow("could not be synced");
    await expect(store.getSession("s1")).rejects.toThrow("could not be synced");
    // The later append was refused before it wrote anything.
    const seqs = (db.prepare("SELECT seq FROM events WHERE session_id = 's1' ORDER BY seq").all() as { seq: number }[]).map((r) => r.seq);
    expect(seqs).toEqual([1, 2]);
  });

  test("a read waits until no commit is waiting for the disk", async () => {
    await store.createSession(record("s1", "AAAAAA"), created());
    holding = true;
    const appended = store.append("s1", ended(2, "c-1"));
    await held(1);
    // Committed, not yet on disk: no reader may see it, nor find its command, yet.
    const read = store.readSince("s1", 0);
    const found = store.findByCommandId("c-1");
    const states = [settled(read), settled(found)];
    await flushed();
    expect(states.map((s) => s.done)).toEqual([false, false]);
    syncs.shift()!.done(null);
    await appended;
    expect((await read).map((e) => e.seq)).toEqual([1, 2]);
    expect(await found).toMatchObject({ seq: 2 });
  });

  test("a read also waits for a commit made while it waited", async () => {
    await store.createSession(record("s1", "AAAAAA"), created());
    holding = true;
    const first = store.append("s1", ended(2, "c-1"));
    await held(1);
    const read = store.readSince("s1", 0);
    const state = settled(read);
    // A second commit during the first sync: the read now needs the next sync too.
    const second = store.append("s1", ended(3, "c-2"));
    syncs.shift()!.done(null);
    await first;
    await held(1);
    await flushed();
    expect(state.done).toBe(false);
    syncs.shift()!.done(null);
    await second;
    expect((await read).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  test("closing waits for every sync asked for, also one asked for while closing", async () => {
    await store.createSession(record("s1", "AAAAAA"), created());
    holding = true;
    const first = store.append("s1", ended(2, "c-1"));
    await held(1);
    const closing = store.close();
    const closed = settled(closing);
    const late = store.append("s1", ended(3, "c-2"));
    syncs.shift()!.done(null);
    await first;
    await held(1);
    await flushed();
    expect(closed.done).toBe(false);
    syncs.shift()!.done(null);
    await expect(late).resolves.toMatchObject({ ok: true });
    await closing;
  });
});

describe("the log's sync on its own", () => {
  test("a log that cannot be opened fails every sync, at once and with a clear error (no loop)", async () => {
    const sync = createWalSync(path.join(os.tmpdir(), "ortaq-no-such-dir", "missing.db-wal"));
    await expect(sync.sync()).rejects.toThrow("the event log could not be synced to disk: ENOENT");
    await expect(sync.sync()).rejects.toThrow("ENOENT");
    await expect(sync.durable()).rejects.toThrow("ENOENT");
    // Timers still run: nothing spins.
    await flushed();
    await sync.close();
  });
});

describe("the hub over it", () => {
  /** A session on the real hub over this store, with one phone joined; `told` lists what the hub broadcast. */
  async function room() {
    let ids = 0;
    const registry = new HubRegistry({ store, clock: () => 1_000_000 + ids, newId: () => `id-${++ids}`, randomInt: (n) => Math.floor(Math.random() * n) });
    const told: SessionEvent[] = [];
    registry.onEvent((event) => told.push(event));
    const hub = await registry.create({ title: "T", language: "en", trainerId: "t1", commandId: "create", plan: null, help: { contacts: [], examples: true } });
    const joined = await hub.execute("join-1", { kind: "participant", id: "p1" }, { type: "participant:join", participantId: "p1", nickname: "Ada" });
    expect(joined).toMatchObject({ ok: true });
    return { hub, told };
  }

  test("nobody hears of a note, and its sender gets no answer, before the log is synced", async () => {
    const { hub, told } = await room();
    const before = told.length;
    holding = true;
    const note = hub.execute("note-1", { kind: "participant", id: "p1" }, { type: "note:add", noteId: "n1", text: "look out for each other", anonymous: false });
    const state = settled(note);
    await held(1);
    await flushed();
    expect(state.done).toBe(false);
    expect(told.length).toBe(before);
    syncs.shift()!.done(null);
    await expect(note).resolves.toMatchObject({ ok: true, event: { type: "note:added" } });
    expect(told.map((e) => e.type).slice(before)).toEqual(["note:added"]);
  });

  test("after a failed sync, the note is neither broadcast nor acknowledged, not even when sent again", async () => {
    const { hub, told } = await room();
    const before = told.length;
    failWith = Object.assign(new Error("EIO: i/o error"), { code: "EIO" });
    const note = () => hub.execute("note-1", { kind: "participant", id: "p1" }, { type: "note:add", noteId: "n1", text: "look out for each other", anonymous: false });
    await expect(note()).rejects.toThrow("could not be synced");
    failWith = null;
    await expect(note()).rejects.toThrow("could not be synced");
    await expect(hub.execute("note-2", { kind: "participant", id: "p1" }, { type: "note:add", noteId: "n2", text: "and again", anonymous: false })).rejects.toThrow("could not be synced");
    await flushed();
    expect(told.slice(before)).toEqual([]);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SessionEvent } from "@/lib/domain/events";
import type { SessionState } from "@/lib/domain/session-state";
import { createUserStore } from "@/lib/server/accounts/user-store";
import { createSqliteSql } from "@/lib/server/store/sqlite-sql";
import { HubRegistry } from "@/lib/server/live/hub-registry";
import type { ExecuteResult, SessionHub } from "@/lib/server/live/session-hub";
import { openDatabase, type Db } from "@/lib/server/store/db";
import type { BatchWrite, EventStore, NewEvent } from "@/lib/server/store/event-store";
import { createSqliteEventStore } from "@/lib/server/store/sqlite-event-store";

/**
 * The hub's group commit over the real SQLite store: commands of the same
 * turn are decided in order, stored in one transaction, and only then
 * applied, acknowledged and broadcast, in seq order. The store is wrapped so
 * that the test decides when a write goes to disk.
 */

interface Held {
  sessionId: string;
  events: readonly NewEvent[];
  release: () => void;
}

let db: Db;
let inner: EventStore;
let held: Held[];
let hold: boolean;
let failNext: Error | null;
let registry: HubRegistry;
let told: { event: SessionEvent; after: SessionState }[];
let ids: number;

beforeEach(async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-group-commit-")), "t.db");
  db = openDatabase(file);
  await createUserStore(createSqliteSql(db)).create({ id: "t1", email: "t1@example.org", name: "T", role: "trainer", passwordHash: "x", createdAt: 1 });
  inner = createSqliteEventStore(db);
  held = [];
  hold = false;
  failNext = null;
  told = [];
  ids = 0;
  const store: EventStore = {
    ...inner,
    appendBatch: async (sessionId, events): Promise<BatchWrite> => {
      if (failNext) {
        const err = failNext;
        failNext = null;
        throw err;
      }
      if (hold) await new Promise<void>((release) => held.push({ sessionId, events, release }));
      return inner.appendBatch(sessionId, events);
    },
  };
  registry = new HubRegistry({ store, clock: () => 1_000_000 + ids, newId: () => `id-${++ids}`, randomInt: (n) => Math.floor(Math.random() * n) });
  registry.onEvent((event, after) => told.push({ event, after }));
});
afterEach(async () => {
  await inner.close();
  db.close();
});

const tick = () => new Promise<void>((r) => setImmediate(r));
const waitFor = async (f: () => boolean) => {
  const until = Date.now() + 5_000;
  while (!f() && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
  expect(f()).toBe(true);
};

async function session(): Promise<SessionHub> {
  const hub = await registry.create({ title: "T", language: "en", trainerId: "t1", commandId: `create-${++ids}`, plan: null, help: { contacts: [], examples: true } });
  // Five phones, joined one at a time.
  for (let i = 1; i <= 5; i++) await join(hub, `p${i}`);
  return hub;
}

function join(hub: SessionHub, id: string, commandId = `join-${id}`): Promise<ExecuteResult> {
  return hub.execute(commandId, { kind: "participant", id }, { type: "participant:join", participantId: id, nickname: `N ${id}` });
}

function note(hub: SessionHub, by: string, noteId: string, commandId = `c-${noteId}`): Promise<ExecuteResult> {
  return hub.execute(commandId, { kind: "participant", id: by }, { type: "note:add", noteId, text: `idea ${noteId}`, anonymous: false });
}

function seqOf(r: ExecuteResult): number {
  if (!r.ok) throw new Error(r.error.code);
  return r.event.seq;
}

describe("group commit", () => {
  it("writes the commands of one turn in one transaction, and tells nobody before it is on disk", async () => {
    const hub = await session();
    const seq0 = hub.state.seq;
    told = [];
    hold = true;
    const settled: number[] = [];
    const runs = Array.from({ length: 20 }, (_, i) => note(hub, `p${(i % 5) + 1}`, `n${i}`).then((r) => (settled.push(seqOf(r)), r)));
    await waitFor(() => held.length === 1);
    // Decided, not stored: no answer, no broadcast, and the hub (and what it syncs) is as before.
    await tick();
    expect(held[0].events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => seq0 + 1 + i));
    expect(settled).toEqual([]);
    expect(told).toEqual([]);
    expect(hub.state.seq).toBe(seq0);
    expect(hub.state.noteOrder).toEqual([]);
    const snapshot = hub.sync({ kind: "staff" }, 0);
    expect(snapshot.kind === "snapshot" && snapshot.state.noteOrder).toEqual([]);
    expect(await inner.readSince(hub.id, seq0)).toEqual([]);

    held[0].release();
    const results = await Promise.all(runs);
    expect(results.map(seqOf)).toEqual(held[0].events.map((e) => e.seq));
    // Answered and broadcast in seq order, each broadcast with the state right after its event.
    expect(settled).toEqual([...settled].sort((a, b) => a - b));
    expect(told.map((t) => t.event.seq)).toEqual(settled);
    expect(told.map((t) => t.after.seq)).toEqual(settled);
    expect(hub.state.noteOrder).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
    expect((await inner.readSince(hub.id, seq0)).map((e) => e.type)).toEqual(Array(20).fill("note:added"));
    // One write for all twenty.
    expect(held).toHaveLength(1);
  });

  it("decides each command on the ones before it in the same batch", async () => {
    const hub = await session();
    hold = true;
    const first = note(hub, "p1", "same-note", "c-1");
    const second = note(hub, "p2", "same-note", "c-2");
    await waitFor(() => held.length === 1);
    held[0].release();
    expect(await first).toMatchObject({ ok: true });
    expect(await second).toMatchObject({ ok: false, error: { code: "DUPLICATE_ID" } });
    expect(held[0].events).toHaveLength(1);
  });

  it("answers a command id sent twice in one turn once, and replays it to the same phone", async () => {
    const hub = await session();
    const [a, b] = await Promise.all([note(hub, "p1", "twice", "c-twice"), note(hub, "p1", "twice", "c-twice")]);
    expect(a).toMatchObject({ ok: true, replayed: false });
    expect(b).toMatchObject({ ok: true, replayed: true });
    expect(seqOf(a)).toBe(seqOf(b));
    // Later, from memory; from someone else, refused.
    expect(await note(hub, "p1", "twice", "c-twice")).toMatchObject({ ok: true, replayed: true, event: { seq: seqOf(a) } });
    expect(await note(hub, "p2", "twice", "c-twice")).toMatchObject({ ok: false, error: { code: "DUPLICATE_ID" } });
    expect((await inner.readSince(hub.id, 0)).filter((e) => e.type === "note:added")).toHaveLength(1);
  });

  it("refuses a command id another session used and still stores the rest of the batch", async () => {
    const other = await session();
    await note(other, "p1", "elsewhere", "c-shared");
    const hub = await session();
    hold = true;
    const runs = [note(hub, "p1", "a", "c-a"), note(hub, "p2", "b", "c-shared"), note(hub, "p3", "c", "c-c")];
    await waitFor(() => held.length === 1);
    held[0].release();
    // The transaction is refused whole; the hub answers the taken id and writes the others again.
    await waitFor(() => held.length === 2);
    held[1].release();
    const [a, b, c] = await Promise.all(runs);
    expect(b).toMatchObject({ ok: false, error: { code: "DUPLICATE_ID" } });
    expect(seqOf(c)).toBe(seqOf(a) + 1);
    expect(hub.state.noteOrder).toEqual(["a", "c"]);
    expect((await inner.readSince(hub.id, 0)).map((e) => e.seq)).toEqual(Array.from({ length: hub.state.seq }, (_, i) => i + 1));
  });

  it("answers a resend after the hub was reloaded from the log", async () => {
    const hub = await session();
    const first = await note(hub, "p1", "old", "c-old");
    registry.evict(hub.id);
    const reloaded = (await registry.get(hub.id))!;
    expect(await note(reloaded, "p1", "old", "c-old")).toMatchObject({ ok: true, replayed: true, event: { seq: seqOf(first) } });
  });

  it("leaves the state as it was when a write fails, and carries on with the next batch", async () => {
    const hub = await session();
    const before = structuredClone(hub.state);
    failNext = new Error("disk full");
    const failed = await Promise.allSettled([note(hub, "p1", "x1"), note(hub, "p2", "x2")]);
    expect(failed.map((f) => f.status)).toEqual(["rejected", "rejected"]);
    expect(hub.state).toEqual(before);
    expect(told.filter((t) => t.event.type === "note:added")).toEqual([]);
    // The phones send again (same ids): stored now.
    const again = await Promise.all([note(hub, "p1", "x1"), note(hub, "p2", "x2")]);
    expect(again.map((r) => r.ok && !r.replayed)).toEqual([true, true]);
    expect(hub.state.noteOrder).toEqual(["x1", "x2"]);
  });
});

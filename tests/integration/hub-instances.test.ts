import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SessionEvent } from "@/lib/domain/events";
import { HubRegistry } from "@/lib/server/live/hub-registry";
import type { SessionHub } from "@/lib/server/live/session-hub";
import { openDatabase, type Db } from "@/lib/server/store/db";
import type { EventStore } from "@/lib/server/store/event-store";
import { createSqliteEventStore } from "@/lib/server/store/sqlite-event-store";

/**
 * Two instances' hubs over one shared log (here two connections to one
 * SQLite file; tests/integration/instances.test.ts does it with two
 * processes and PostgreSQL): whoever writes first gets the seq, the other
 * reads the log and decides again, and a hub told of the other's appends
 * catches up, purges included.
 */

let dbs: Db[];
let stores: EventStore[];
let a: HubRegistry;
let b: HubRegistry;
let toldB: SessionEvent[];
let ids = 0;

beforeEach(() => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-instances-")), "t.db");
  dbs = [openDatabase(file), openDatabase(file)];
  dbs[0].prepare("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ('t1', 't1@example.org', 'T', 'trainer', 'x', 1)").run();
  stores = dbs.map((db) => createSqliteEventStore(db));
  const make = (store: EventStore, name: string) =>
    new HubRegistry({ store, clock: () => Date.now(), newId: () => `${name}-${++ids}`, randomInt: (n) => Math.floor(Math.random() * n) });
  a = make(stores[0], "a");
  b = make(stores[1], "b");
  toldB = [];
  b.onEvent((event) => toldB.push(event));
});
afterEach(async () => {
  for (const s of stores) await s.close();
  dbs.forEach((db) => db.close());
});

const waitFor = async (f: () => boolean) => {
  const until = Date.now() + 5_000;
  while (!f() && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
  expect(f()).toBe(true);
};

async function session(): Promise<{ onA: SessionHub; onB: SessionHub }> {
  const onA = await a.create({ title: "T", language: "en", trainerId: "t1", commandId: `create-${++ids}`, plan: null, help: { contacts: [], examples: true } });
  const onB = (await b.get(onA.id))!;
  return { onA, onB };
}

const join = (hub: SessionHub, id: string) => hub.execute(`join-${id}`, { kind: "participant", id }, { type: "participant:join", participantId: id, nickname: `N ${id}` });
const note = (hub: SessionHub, by: string, n: number, commandId = `note-${by}-${n}`) =>
  hub.execute(commandId, { kind: "participant", id: by }, { type: "note:add", noteId: `${by}-n${n}`, text: `idea ${by} ${n}`, anonymous: false });

it("a hub told of the other instance's appends reads them and tells its listeners, in order", async () => {
  const { onA, onB } = await session();
  await join(onA, "p1");
  const added = await note(onA, "p1", 1);
  expect(added.ok).toBe(true);
  expect(onB.state.seq).toBe(1);

  b.appended(onA.id, onA.state.seq);
  await waitFor(() => onB.state.seq === onA.state.seq);
  expect(Object.keys(onB.state.notes)).toEqual(["p1-n1"]);
  expect(toldB.map((e) => [e.seq, e.type])).toEqual([
    [2, "participant:joined"],
    [3, "note:added"],
  ]);
  // A resync from B hands out what A stored.
  const sync = onB.sync({ kind: "staff" }, 1);
  expect(sync.kind === "events" && sync.events.map((e) => e.type)).toEqual(["participant:joined", "note:added"]);
});

it("commands sent to both instances at once make one gap-free log, each applied once", async () => {
  const { onA, onB } = await session();
  await join(onA, "p1");
  b.appended(onA.id, onA.state.seq);
  await waitFor(() => onB.state.seq === onA.state.seq);

  // No news between them: each finds its seq taken by the other, reads the log and decides again.
  const results = await Promise.all(Array.from({ length: 60 }, (_, i) => note(i % 2 ? onA : onB, "p1", i)));
  expect(results.every((r) => r.ok)).toBe(true);
  const log = await stores[0].readSince(onA.id, 0);
  expect(log.map((e) => e.seq)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
  expect(log.filter((e) => e.type === "note:added")).toHaveLength(60);
  a.appended(onA.id, log.length);
  b.appended(onA.id, log.length);
  await waitFor(() => onA.state.seq === log.length && onB.state.seq === log.length);
  expect(onA.state.noteOrder).toEqual(onB.state.noteOrder);
});

it("a command resent to the other instance is answered with the event it made, not applied twice", async () => {
  const { onA, onB } = await session();
  await join(onA, "p1");
  const first = await note(onA, "p1", 1, "same-id");
  // B has not heard of it yet: the store's command index answers.
  const again = await note(onB, "p1", 1, "same-id");
  expect(first.ok && again.ok && again.replayed && again.event.seq === first.event.seq).toBe(true);
  const log = await stores[1].readSince(onA.id, 0);
  expect(log.filter((e) => e.commandId === "same-id")).toHaveLength(1);
});

it("a participant forgotten on one instance is gone from the other's state and recent events", async () => {
  const { onA, onB } = await session();
  await join(onA, "p1");
  await note(onA, "p1", 1);
  b.appended(onA.id, onA.state.seq);
  await waitFor(() => onB.state.seq === onA.state.seq);
  const before = onB.state.seq;

  const forgot = await onA.execute("forget-1", { kind: "participant", id: "p1" }, { type: "participant:forget" });
  expect(forgot.ok).toBe(true);
  b.appended(onA.id, onA.state.seq);
  await waitFor(() => onB.state.seq === onA.state.seq);
  expect(onB.state.notes).toEqual({});
  // A console resyncing on B from before the note gets no trace of its words.
  const sync = onB.sync({ kind: "staff" }, 1);
  const seen = JSON.stringify(sync.kind === "events" ? sync.events : sync.state);
  expect(seen).not.toContain("idea p1 1");
  expect(before).toBeGreaterThan(1);
});

it("a hub loaded after a purge whose rewrite never reached the store keeps no copy of the words", async () => {
  // Instance A's store loses its redaction (A died between the append and the rewrite).
  const lossy = new HubRegistry({ store: { ...stores[0], redact: async () => {} }, clock: () => Date.now(), newId: () => `l-${++ids}`, randomInt: (n) => Math.floor(Math.random() * n) });
  const onA = await lossy.create({ title: "T", language: "en", trainerId: "t1", commandId: `create-${++ids}`, plan: null, help: { contacts: [], examples: true } });
  await join(onA, "p1");
  await note(onA, "p1", 1);
  expect((await onA.execute("forget-2", { kind: "participant", id: "p1" }, { type: "participant:forget" })).ok).toBe(true);
  expect(JSON.stringify(await stores[1].readSince(onA.id, 0))).toContain("idea p1 1");

  const onB = (await b.get(onA.id))!;
  const sync = onB.sync({ kind: "staff" }, 1);
  expect(sync.kind).toBe("events");
  expect(JSON.stringify(sync)).not.toContain("idea p1 1");
});

it("a store that cannot be read is tried again with growing waits, not in a loop", async () => {
  const { onA } = await session();
  let reads = 0;
  const failing = new HubRegistry({
    store: {
      ...stores[1],
      readSince: async (id, after) => {
        if (++reads > 1) throw new Error("database down");
        return stores[1].readSince(id, after);
      },
    },
    clock: () => Date.now(),
    newId: () => `f-${++ids}`,
    randomInt: (n) => Math.floor(Math.random() * n),
    onCatchUpError: () => {},
  });
  const onC = (await failing.get(onA.id))!;
  await join(onA, "p1");
  failing.appended(onA.id, onA.state.seq);
  await new Promise((r) => setTimeout(r, 1000));
  // 100, 200, 400 ms apart: a handful of tries in a second, not thousands.
  expect(reads).toBeGreaterThan(2);
  expect(reads).toBeLessThan(8);
  expect(onC.state.seq).toBe(1);
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SessionEvent } from "@/lib/domain/events";
import { HubRegistry } from "@/lib/server/live/hub-registry";
import { hubCounters, type ForwardedCommand, type ForwardedResult, type SessionHub } from "@/lib/server/live/session-hub";
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

describe("one writer per session: B sends its commands to A", () => {
  /** Over the adapter, as JSON: nothing but data crosses. */
  const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x));
  /**
   * B's writer is A, as the cluster link wires it over the adapter. `lose`:
   * A runs them but its answer never arrives; `down`: A never gets them.
   */
  function forwardBToA(opts: { lose?: boolean; down?: boolean } = {}): ForwardedCommand[][] {
    const batches: ForwardedCommand[][] = [];
    b.setWriter({
      writerFor: () => "instance-a",
      forward: async (instance, sessionId, commands) => {
        expect(instance).toBe("instance-a");
        batches.push(wire(commands));
        if (opts.down) throw new Error("no answer");
        const hub = (await a.get(sessionId))!;
        const results: ForwardedResult[] = await Promise.all(wire(commands).map((c) => hub.executeForwarded(c)));
        if (opts.lose) throw new Error("no answer");
        return wire(results);
      },
    });
    return batches;
  }
  /** A's notices reach B, as the store's feed does on PostgreSQL. */
  const noticesAToB = () => a.onEvent((e) => b.appended(e.sessionId, e.seq, [e]));

  it("commands sent to both instances are all written by A: one gap-free log, no seq contested, each answered with its event", async () => {
    const { onA, onB } = await session();
    noticesAToB();
    await join(onA, "p1");
    await waitFor(() => onB.state.seq === onA.state.seq);
    const batches = forwardBToA();
    const conflicts = hubCounters.seqConflicts;

    // B answers a command only once B holds its event (a client then finds it in its next sync).
    const appliedOnB: boolean[] = [];
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        note(i % 2 ? onA : onB, "p1", i).then((r) => {
          if (i % 2 === 0) appliedOnB.push(r.ok && onB.state.seq >= r.event.seq && onB.state.notes[`p1-n${i}`] !== undefined);
          return r;
        }),
      ),
    );
    expect(appliedOnB).toEqual(Array(30).fill(true));
    expect(results.map((r) => r.ok && r.event.type)).toEqual(Array(60).fill("note:added"));
    expect(hubCounters.seqConflicts).toBe(conflicts);
    // B's 30 went to A, in a few batches (each waits for the one before).
    expect(batches.flat().map((c) => c.commandId).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `note-p1-${i * 2}`).sort());
    const log = await stores[0].readSince(onA.id, 0);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
    // Each of B's answers is the event the log holds for its command, and B had applied it before answering.
    for (const r of results.filter((_, i) => i % 2 === 0)) {
      if (!r.ok) throw new Error("refused");
      expect(log[r.event.seq - 1].commandId).toBe(r.event.commandId);
    }
    await waitFor(() => onB.state.seq === log.length);
    expect(onB.state.noteOrder).toEqual(onA.state.noteOrder);
  });

  it("one client's commands keep their order: B sends the next batch only once A has answered the one before", async () => {
    const { onA, onB } = await session();
    noticesAToB();
    await join(onA, "p1");
    await waitFor(() => onB.state.seq === onA.state.seq);
    let batches = 0;
    b.setWriter({
      writerFor: () => "instance-a",
      forward: async (_instance, sessionId, commands) => {
        // The first batch is slow on its way; a second one sent meanwhile would overtake it.
        if (batches++ === 0) await new Promise((r) => setTimeout(r, 50));
        const hub = (await a.get(sessionId))!;
        return wire(await Promise.all(wire(commands).map((c) => hub.executeForwarded(c))));
      },
    });
    const added = note(onB, "p1", 1);
    await new Promise((r) => setTimeout(r, 10));
    const edited = onB.execute("edit-1", { kind: "participant", id: "p1" }, { type: "note:edit", noteId: "p1-n1", text: "a better idea" });
    // Meanwhile A writes a note of its own, and B catches up on it (a turn in which B could send the edit).
    expect((await note(onA, "p1", 7)).ok).toBe(true);
    await waitFor(() => onB.state.notes["p1-n7"] !== undefined);
    expect((await added).ok).toBe(true);
    const e = await edited;
    expect(e.ok ? e.event.type : e.error.code).toBe("note:edited");
    expect(batches).toBe(2);
    expect(onA.state.notes["p1-n1"].text).toBe("a better idea");
  });

  it("the answers to one batch come back in the order the commands were sent, refusals included", async () => {
    const { onA, onB } = await session();
    noticesAToB();
    await join(onA, "p1");
    await waitFor(() => onB.state.seq === onA.state.seq);
    forwardBToA();
    const answered: string[] = [];
    await Promise.all([
      note(onB, "p1", 1).then((r) => answered.push(r.ok ? "added" : r.error.code)),
      onB.execute("hide-x", { kind: "participant", id: "p1" }, { type: "note:hide", noteId: "p1-n1" }).then((r) => answered.push(r.ok ? "hidden" : r.error.code)),
      note(onB, "p1", 2).then((r) => answered.push(r.ok ? "added" : r.error.code)),
    ]);
    expect(answered).toEqual(["added", "FORBIDDEN", "added"]);
  });

  it("with no notice from A, B reads the log itself and answers", async () => {
    const { onA, onB } = await session();
    await join(onA, "p1");
    forwardBToA();
    const added = await note(onB, "p1", 1);
    expect(added.ok && added.event.seq).toBe(3);
    expect(onB.state.notes["p1-n1"]?.text).toBe("idea p1 1");
  });

  it("A's refusal reaches B's client as the same error, and a join is written where it arrives", async () => {
    const { onA, onB } = await session();
    noticesAToB();
    const batches = forwardBToA();
    // A join's replay rule is made on the instance it reaches: it is not sent.
    const joined = await onB.execute("join-p2", { kind: "participant", id: "p2" }, { type: "participant:join", participantId: "p2", nickname: "N p2" }, (prev) => prev.type === "participant:joined");
    expect(joined.ok).toBe(true);
    expect(batches).toEqual([]);
    const hide = (hub: SessionHub, id: string) => hub.execute(id, { kind: "participant", id: "p2" }, { type: "note:hide", noteId: "n-1" });
    const refused = await hide(onB, "hide-1");
    expect(refused.ok ? "stored" : refused.error.code).toBe("FORBIDDEN");
    expect(batches).toHaveLength(1);
    const onItsOwn = await hide(onA, "hide-2");
    expect(onItsOwn.ok ? "stored" : onItsOwn.error).toEqual(refused.ok ? "stored" : refused.error);
    expect(onB.state.seq).toBe(2);
    expect(onA.state.seq).toBe(1);
  });

  it("a resent command is answered with the event it made on A", async () => {
    const { onA, onB } = await session();
    noticesAToB();
    await join(onA, "p1");
    forwardBToA();
    const first = await note(onB, "p1", 1, "resent");
    const again = await note(onB, "p1", 1, "resent");
    expect(first.ok && again.ok && again.replayed && again.event.seq === first.event.seq).toBe(true);
    expect((await stores[0].readSince(onA.id, 0)).filter((e) => e.commandId === "resent")).toHaveLength(1);
  });

  it("A stores the commands but its answer is lost: B writes them itself and finds them stored, so each is in the log once", async () => {
    const { onA, onB } = await session();
    await join(onA, "p1");
    forwardBToA({ lose: true });
    const results = await Promise.all([1, 2, 3].map((n) => note(onB, "p1", n)));
    expect(results.map((r) => r.ok && r.replayed)).toEqual([true, true, true]);
    const log = await stores[0].readSince(onA.id, 0);
    expect(log.filter((e) => e.type === "note:added")).toHaveLength(3);
  });

  it("the writer says it stored a command whose event never reaches B (the session was deleted meanwhile): B's client is told to send again, not left waiting", async () => {
    const { onA } = await session();
    await join(onA, "p1");
    const c = new HubRegistry({ store: stores[1], clock: () => Date.now(), newId: () => `c-${++ids}`, randomInt: (n) => Math.floor(Math.random() * n), forwardDeadlineMs: 300 });
    const onC = (await c.get(onA.id))!;
    c.setWriter({ writerFor: () => "instance-a", forward: async (_i, _s, commands) => commands.map(() => ({ kind: "stored", seq: 999, replayed: false })) });
    const t0 = Date.now();
    await expect(note(onC, "p1", 1)).rejects.toThrow("did not reach");
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it("A never gets them: B writes them itself", async () => {
    const { onA, onB } = await session();
    await join(onA, "p1");
    const batches = forwardBToA({ down: true });
    const added = await note(onB, "p1", 1);
    expect(added.ok && !added.replayed && added.event.seq).toBe(3);
    expect(batches).toHaveLength(1);
    expect(onA.state.seq).toBe(2);
  });
});

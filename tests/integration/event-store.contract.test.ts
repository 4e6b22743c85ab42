import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/server/store/db";
import type { EventStore, NewEvent, SessionRecord } from "@/lib/server/store/event-store";
import { createSqliteEventStore } from "@/lib/server/store/sqlite-event-store";
import { createUserStore } from "@/lib/server/accounts/user-store";
import { createSqliteSql } from "@/lib/server/store/sqlite-sql";
import { openPostgres } from "@/lib/server/store/pg";
import { freshSchema } from "@/tests/support/pg";

/**
 * The contract every EventStore must keep. Each backend registers a factory
 * here; the PostgreSQL store will join this list.
 */
const backends: { name: string; make: () => Promise<{ store: EventStore; trainerId: string; reopen: () => Promise<EventStore>; close: () => Promise<void> }> }[] = [
  {
    name: "sqlite",
    async make() {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-store-")), "t.db");
      let db = openDatabase(file);
      await createUserStore(createSqliteSql(db)).create({ id: "u1", email: "u1@example.org", name: "U", role: "trainer", passwordHash: "x", createdAt: 1 });
      let store = createSqliteEventStore(db);
      return {
        store,
        trainerId: "u1",
        async reopen() {
          await store.close();
          db.close();
          db = openDatabase(file);
          store = createSqliteEventStore(db);
          return store;
        },
        close: async () => {
          await store.close();
          db.close();
        },
      };
    },
  },
  {
    name: "postgres",
    async make() {
      const fresh = await freshSchema();
      let pg = await openPostgres(fresh.url, { schema: fresh.schema });
      await pg.pool.query("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ('u1', 'u1@example.org', 'U', 'trainer', 'x', 1)");
      return {
        store: pg.store,
        trainerId: "u1",
        async reopen() {
          await pg.close();
          pg = await openPostgres(fresh.url, { schema: fresh.schema });
          return pg.store;
        },
        close: async () => {
          await pg.close();
          await fresh.drop();
        },
      };
    },
  },
];

function record(id: string, code: string, trainerId: string): SessionRecord {
  return { id, code, title: "T", language: "kk", trainerId, status: "live", createdAt: 1000, endedAt: null };
}

function created(code: string, trainerId: string, commandId: string | null = null): NewEvent {
  return {
    body: { type: "session:created", payload: { title: "T", language: "kk", code, trainerId, plan: null, help: { contacts: [], examples: true } } },
    seq: 1,
    at: 1000,
    actor: { kind: "user", id: trainerId },
    commandId,
  };
}

function joined(seq: number, pid: string, commandId: string | null = null): NewEvent {
  return { body: { type: "participant:joined", payload: { participantId: pid, nickname: `N${pid}` } }, seq, at: 1000 + seq, actor: { kind: "participant", id: pid }, commandId };
}

describe.each(backends)("EventStore contract: $name", ({ make }) => {
  let h: Awaited<ReturnType<typeof make>>;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(async () => h.close());

  it("stores a session with its first event and reads the log back in order", async () => {
    await h.store.createSession(record("s1", "ABCDEF", h.trainerId), created("ABCDEF", h.trainerId));
    await h.store.append("s1", joined(2, "p1"));
    await h.store.append("s1", joined(3, "p2"));
    const all = await h.store.readSince("s1", 0);
    expect(all.map((e) => [e.seq, e.type])).toEqual([
      [1, "session:created"],
      [2, "participant:joined"],
      [3, "participant:joined"],
    ]);
    expect((await h.store.readSince("s1", 2)).map((e) => e.seq)).toEqual([3]);
    expect(all[1]).toMatchObject({ sessionId: "s1", actor: { kind: "participant", id: "p1" }, payload: { nickname: "Np1" } });
  });

  it("keeps events after a reopen (durable on append)", async () => {
    await h.store.createSession(record("s1", "ABCDEF", h.trainerId), created("ABCDEF", h.trainerId));
    await h.store.append("s1", joined(2, "p1"));
    const reopened = await h.reopen();
    expect((await reopened.readSince("s1", 0)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it("refuses a used seq", async () => {
    await h.store.createSession(record("s1", "ABCDEF", h.trainerId), created("ABCDEF", h.trainerId));
    await h.store.append("s1", joined(2, "p1"));
    expect(await h.store.append("s1", joined(2, "p2"))).toEqual({ ok: false, conflict: "seq" });
  });

  it("applies a command id once and finds it again", async () => {
    await h.store.createSession(record("s1", "ABCDEF", h.trainerId), created("ABCDEF", h.trainerId, "c-create"));
    await h.store.append("s1", joined(2, "p1", "c-join"));
    expect(await h.store.append("s1", joined(3, "p2", "c-join"))).toEqual({ ok: false, conflict: "command-id" });
    expect(await h.store.findByCommandId("c-join")).toMatchObject({ seq: 2, sessionId: "s1" });
    expect(await h.store.findByCommandId("c-create")).toMatchObject({ seq: 1, type: "session:created" });
    expect(await h.store.findByCommandId("nope")).toBeNull();
  });

  it("appends a batch in one go: in seq order, read back whole, durable, counted", async () => {
    await h.store.createSession(record("s1", "ABCDEF", h.trainerId), created("ABCDEF", h.trainerId));
    const note = (seq: number, id: string): NewEvent => ({
      body: { type: "note:added", payload: { note: { id, groupId: null, stepId: null, text: id, authorId: "p1", anonymous: false, status: "visible", flagged: false, clusterId: null, votes: 0, createdAt: 1, editedAt: null } } },
      seq,
      at: 1000 + seq,
      actor: { kind: "participant", id: "p1" },
      commandId: `c-${id}`,
    });
    const written = await h.store.appendBatch("s1", [joined(2, "p1", "c-join"), note(3, "n1"), note(4, "n2")]);
    expect(written.ok && written.events.map((e) => [e.seq, e.type, e.sessionId])).toEqual([
      [2, "participant:joined", "s1"],
      [3, "note:added", "s1"],
      [4, "note:added", "s1"],
    ]);
    expect(await h.store.appendBatch("s1", [])).toEqual({ ok: true, events: [] });
    const reopened = await h.reopen();
    expect((await reopened.readSince("s1", 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await reopened.findByCommandId("c-n2")).toMatchObject({ seq: 4, payload: { note: { id: "n2" } } });
    expect(await reopened.getSession("s1")).toMatchObject({ participants: 1, notes: 2 });
  });

  it("stores a batch whole or not at all, naming the event refused", async () => {
    await h.store.createSession(record("s1", "ABCDEF", h.trainerId), created("ABCDEF", h.trainerId));
    await h.store.append("s1", joined(2, "p1", "c-taken"));
    expect(await h.store.appendBatch("s1", [joined(3, "p2", "c-new"), joined(4, "p3", "c-taken"), joined(5, "p4")])).toEqual({ ok: false, conflict: "command-id", index: 1 });
    expect(await h.store.appendBatch("s1", [joined(3, "p2"), joined(2, "p3")])).toEqual({ ok: false, conflict: "seq", index: 1 });
    // Nothing of either batch was kept, the count included.
    expect((await h.store.readSince("s1", 0)).map((e) => e.seq)).toEqual([1, 2]);
    expect(await h.store.findByCommandId("c-new")).toBeNull();
    expect(await h.store.getSession("s1")).toMatchObject({ participants: 1 });
    // A batch that ends the session ends its record too.
    await h.store.appendBatch("s1", [joined(3, "p2"), { body: { type: "session:ended", payload: {} }, seq: 4, at: 5000, actor: { kind: "user", id: h.trainerId }, commandId: null }]);
    expect(await h.store.getSession("s1")).toMatchObject({ status: "ended", endedAt: 5000, participants: 2 });
  });

  it("keeps join codes unique among live sessions only", async () => {
    await h.store.createSession(record("s1", "ABCDEF", h.trainerId), created("ABCDEF", h.trainerId));
    expect(await h.store.createSession(record("s2", "ABCDEF", h.trainerId), created("ABCDEF", h.trainerId))).toEqual({ ok: false, conflict: "join-code" });
    // The failed create left nothing behind.
    expect(await h.store.getSession("s2")).toBeNull();
    await h.store.append("s1", { body: { type: "session:ended", payload: {} }, seq: 2, at: 5000, actor: { kind: "user", id: h.trainerId }, commandId: null });
    expect(await h.store.getSession("s1")).toMatchObject({ status: "ended", endedAt: 5000 });
    await h.store.createSession(record("s3", "ABCDEF", h.trainerId), created("ABCDEF", h.trainerId));
    expect((await h.store.findSessionByCode("ABCDEF"))?.id).toBe("s3");
  });

  it("finds an ended session by code when no live one has it", async () => {
    await h.store.createSession(record("s1", "ABCDEF", h.trainerId), created("ABCDEF", h.trainerId));
    await h.store.append("s1", { body: { type: "session:ended", payload: {} }, seq: 2, at: 5000, actor: { kind: "user", id: h.trainerId }, commandId: null });
    expect(await h.store.findSessionByCode("ABCDEF")).toMatchObject({ id: "s1", status: "ended" });
    expect(await h.store.findSessionByCode("ZZZZZZ")).toBeNull();
  });

  it("lists sessions by trainer and status, newest first", async () => {
    await h.store.createSession({ ...record("s1", "AAAAAA", h.trainerId), createdAt: 1 }, created("AAAAAA", h.trainerId));
    await h.store.createSession({ ...record("s2", "BBBBBB", h.trainerId), createdAt: 2 }, created("BBBBBB", h.trainerId));
    expect((await h.store.listSessions({ trainerId: h.trainerId })).map((s) => s.id)).toEqual(["s2", "s1"]);
    expect(await h.store.listSessions({ trainerId: "someone-else" })).toEqual([]);
    expect(await h.store.listSessions({ status: "ended" })).toEqual([]);
  });

  it("rewrites events in place (payload and, when given, actor), durably, leaving the rest", async () => {
    await h.store.createSession(record("s1", "ABCDEF", h.trainerId), created("ABCDEF", h.trainerId));
    await h.store.append("s1", joined(2, "p1"));
    await h.store.append("s1", joined(3, "p2"));
    await h.store.redact("s1", [{ seq: 2, body: { type: "participant:joined", payload: { participantId: "p1", nickname: "" } }, actor: { kind: "system" } }]);
    await h.store.redact("s1", []);
    const check = async (store: EventStore) => {
      const log = await store.readSince("s1", 0);
      expect(log.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(log[1]).toMatchObject({ type: "participant:joined", payload: { participantId: "p1", nickname: "" }, actor: { kind: "system" } });
      expect(log[2]).toMatchObject({ payload: { nickname: "Np2" }, actor: { kind: "participant", id: "p2" } });
    };
    await check(h.store);
    await check(await h.reopen());
  });
});

describe("sqlite file", () => {
  it("runs in WAL mode with migrations applied once", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-wal-")), "t.db");
    const db = openDatabase(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    const again = openDatabase(file);
    const versions = again.prepare("SELECT version FROM schema_migrations").all();
    const { MIGRATIONS } = require("@/lib/server/store/migrations") as typeof import("@/lib/server/store/migrations");
    expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    again.close();
  });
});

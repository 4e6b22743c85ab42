import { randomBytes } from "node:crypto";
import pg from "pg";
import type { NewEvent, SessionRecord } from "@/lib/server/store/event-store";
import { migratePg } from "@/lib/server/store/pg/migrations";
import { createPgEventStore } from "@/lib/server/store/pg/pg-event-store";
import { openPgPool } from "@/lib/server/store/pg/pool";
import { silentLogger } from "@/lib/server/logger";
import { freshSchema, TEST_DATABASE_URL } from "@/tests/support/pg";

/**
 * What only a shared PostgreSQL does: two app instances (two pools, two
 * stores) on one schema race for seqs and command ids, hear each other's
 * appends, start at once, and redact for good.
 */

type Store = ReturnType<typeof createPgEventStore>;

function record(id: string, code: string): SessionRecord {
  return { id, code, title: "T", language: "kk", trainerId: "u1", status: "live", createdAt: 1000, endedAt: null };
}

function created(code: string): NewEvent {
  return {
    body: { type: "session:created", payload: { title: "T", language: "kk", code, trainerId: "u1", plan: null, help: { contacts: [], examples: true } } },
    seq: 1,
    at: 1000,
    actor: { kind: "user", id: "u1" },
    commandId: null,
  };
}

function joined(seq: number, pid: string, commandId: string | null = null, nickname = `N${pid}`): NewEvent {
  return { body: { type: "participant:joined", payload: { participantId: pid, nickname } }, seq, at: 1000 + seq, actor: { kind: "participant", id: pid }, commandId };
}

/** Resolves with the first item of `list` that passes `test`, among those there now and pushed later. */
function heard<T>(list: T[], test: (item: T) => boolean, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = () => {
      const hit = list.find(test);
      if (hit !== undefined) resolve(hit);
      else if (Date.now() - started > ms) reject(new Error(`not heard within ${ms} ms; heard ${JSON.stringify(list)}`));
      else setTimeout(look, 10);
    };
    look();
  });
}

/** The pids of LISTEN connections in the test database. */
async function listenPids(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'ortaq-listen'",
  );
  return rows.map((r) => r.pid);
}

describe("PostgreSQL event store, two instances on one schema", () => {
  let fresh: Awaited<ReturnType<typeof freshSchema>>;
  let poolA: pg.Pool;
  let poolB: pg.Pool;
  let a: Store;
  let b: Store;

  beforeEach(async () => {
    fresh = await freshSchema();
    poolA = await openPgPool(fresh.url, { schema: fresh.schema });
    poolB = await openPgPool(fresh.url, { schema: fresh.schema });
    await migratePg(poolA);
    await poolA.query("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ('u1', 'u1@example.org', 'U', 'trainer', 'x', 1)");
    // Silent: the reconnect test cuts a connection on purpose.
    a = createPgEventStore(poolA, { logger: silentLogger });
    b = createPgEventStore(poolB, { logger: silentLogger });
    expect(await a.createSession(record("s1", "ABCDEF"), created("ABCDEF"))).toMatchObject({ ok: true });
  });

  afterEach(async () => {
    await a.close();
    await b.close();
    await poolA.end();
    await poolB.end();
    await fresh.drop();
  });

  it("lets exactly one of two instances take a seq; the other hears 'seq'", async () => {
    for (let seq = 2; seq < 22; seq++) {
      const [fromA, fromB] = await Promise.all([a.append("s1", joined(seq, `a${seq}`, `ca${seq}`)), b.append("s1", joined(seq, `b${seq}`, `cb${seq}`))]);
      const results = [fromA, fromB];
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, conflict: "seq" }]);
      const winner = fromA.ok ? "a" : "b";
      const log = await b.readSince("s1", seq - 1);
      expect(log.map((e) => [e.seq, e.actor])).toEqual([[seq, { kind: "participant", id: `${winner}${seq}` }]]);
    }
    // The counters counted the winners only.
    expect(await a.getSession("s1")).toMatchObject({ participants: 20 });
  });

  it("refuses to one instance a command id another applied, in any session, naming the event", async () => {
    expect(await a.append("s1", joined(2, "p1", "c-taken"))).toMatchObject({ ok: true });
    expect(await b.createSession(record("s2", "GHIJKL"), created("GHIJKL"))).toMatchObject({ ok: true });
    expect(await b.appendBatch("s2", [joined(2, "p2", "c-new"), joined(3, "p3"), joined(4, "p4", "c-taken")])).toEqual({ ok: false, conflict: "command-id", index: 2 });
    expect(await b.append("s2", joined(2, "p2", "c-taken"))).toEqual({ ok: false, conflict: "command-id" });
    // Nothing of the batch was kept, on either instance.
    expect((await a.readSince("s2", 0)).map((e) => e.seq)).toEqual([1]);
    expect(await a.findByCommandId("c-new")).toBeNull();
    expect(await b.findByCommandId("c-taken")).toMatchObject({ sessionId: "s1", seq: 2 });
    expect(await b.getSession("s2")).toMatchObject({ participants: 0 });
  });

  it("tells another instance of a committed append, and never of a refused one", async () => {
    const calls: [string, number][] = [];
    /** What B could read when it heard: the append is committed before it is announced. */
    const seen: number[][] = [];
    const carried: unknown[] = [];
    b.onAppended((sessionId, lastSeq, events) => {
      calls.push([sessionId, lastSeq]);
      if (events) carried.push(events);
      if (sessionId === "s1") void b.readSince("s1", 0).then((log) => seen.push(log.map((e) => e.seq)));
    });
    // The LISTEN connection is up (a first catch-up call says so).
    await heard(calls, ([s]) => s === "*");

    expect(await a.appendBatch("s1", [joined(2, "p1"), joined(3, "p2")])).toMatchObject({ ok: true });
    expect(await heard(calls, ([s]) => s === "s1")).toEqual(["s1", 3]);
    expect(await heard(seen, () => true)).toEqual([1, 2, 3]);
    // The events came along, exactly as the log reads them back.
    expect(carried[0]).toEqual((await b.readSince("s1", 1)));

    // Refused (seq 2 is taken): rolled back, so not announced; the next append is.
    expect(await a.appendBatch("s1", [joined(4, "p3"), joined(5, "p4"), joined(2, "p5")])).toEqual({ ok: false, conflict: "seq", index: 2 });
    expect(await a.append("s1", joined(4, "p3"))).toMatchObject({ ok: true });
    await heard(calls, ([s, n]) => s === "s1" && n === 4);
    expect(calls.filter(([s]) => s === "s1")).toEqual([
      ["s1", 3],
      ["s1", 4],
    ]);
  });

  it("listens again after its connection is cut, and asks listeners to catch up", async () => {
    const before = new Set(await listenPids(poolA));
    const calls: [string, number][] = [];
    const stop = b.onAppended((sessionId, lastSeq) => calls.push([sessionId, lastSeq]));
    await heard(calls, ([s]) => s === "*");
    const mine = (await listenPids(poolA)).filter((pid) => !before.has(pid));
    expect(mine).toHaveLength(1);
    await poolA.query("SELECT pg_terminate_backend($1)", [mine[0]]);

    await heard(calls, () => calls.filter(([s]) => s === "*").length === 2);
    expect(await a.append("s1", joined(2, "p1"))).toMatchObject({ ok: true });
    expect(await heard(calls, ([s]) => s === "s1")).toEqual(["s1", 2]);

    // An unsubscribed listener hears nothing more.
    stop();
    await a.append("s1", joined(3, "p2"));
    await new Promise((r) => setTimeout(r, 200));
    expect(calls.filter(([s]) => s === "s1")).toEqual([["s1", 2]]);
  });

  it("redacts in place: the new text is read back, the old one is gone from the table's rows", async () => {
    const secret = `Secret-${randomBytes(4).toString("hex")}`;
    await a.append("s1", joined(2, "p1", null, secret));
    await a.append("s1", joined(3, "p2"));
    await a.redact("s1", [{ seq: 2, body: { type: "participant:joined", payload: { participantId: "p1", nickname: "" } }, actor: { kind: "system" } }]);

    const log = await b.readSince("s1", 0);
    expect(log[1]).toMatchObject({ seq: 2, payload: { participantId: "p1", nickname: "" }, actor: { kind: "system" } });
    expect(log[2]).toMatchObject({ seq: 3, payload: { nickname: "Np2" }, actor: { kind: "participant", id: "p2" } });
    expect(JSON.stringify(log)).not.toContain(secret);

    // Below SQL: every row version still stored in the table's pages, dead ones included (what VACUUM removed).
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE EXTENSION IF NOT EXISTS pageinspect SCHEMA ${fresh.schema}`);
      const ns = (await admin.query<{ nspname: string }>("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pageinspect'")).rows[0].nspname;
      const table = `${fresh.schema}.events`;
      const pages = Number((await admin.query<{ n: string }>("SELECT pg_relation_size($1::regclass) / 8192 AS n", [table])).rows[0].n);
      expect(pages).toBeGreaterThan(0);
      const stored: string[] = [];
      for (let page = 0; page < pages; page++) {
        const { rows } = await admin.query<{ data: Buffer | null }>(`SELECT t_data AS data FROM ${ns}.heap_page_items(${ns}.get_raw_page($1, $2::int))`, [table, page]);
        for (const r of rows) if (r.data) stored.push(r.data.toString("latin1"));
      }
      expect(stored.some((t) => t.includes('"nickname":""'))).toBe(true);
      expect(stored.filter((t) => t.includes(secret))).toEqual([]);
    } finally {
      await admin.end();
    }
  });
});

describe("PostgreSQL migrations", () => {
  it("run once when several instances start at the same time on a new schema", async () => {
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const pools = await Promise.all([0, 1, 2].map(() => openPgPool(TEST_DATABASE_URL, { schema })));
    try {
      await Promise.all(pools.map((p) => migratePg(p)));
      const { rows } = await pools[0].query("SELECT version FROM schema_migrations ORDER BY version");
      const { PG_MIGRATIONS } = await import("@/lib/server/store/pg/migrations");
      expect(rows).toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version })));
      const tables = await pools[1].query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", [schema]);
      expect(tables.rows.map((r) => r.name)).toEqual(["events", "media", "plans", "schema_migrations", "sessions", "settings", "socket_io_attachments", "users"]);
      // And again later: nothing to do, nothing fails.
      await migratePg(pools[2]);
    } finally {
      await pools[0].query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it("fold email case into one account, and BIGINT columns read back as numbers", async () => {
    const fresh = await freshSchema();
    const pool = await openPgPool(fresh.url, { schema: fresh.schema });
    try {
      await migratePg(pool);
      await pool.query("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ('u1', 'A@Example.org', 'U', 'trainer', 'x', 1)");
      await expect(pool.query("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ('u2', 'a@example.ORG', 'V', 'trainer', 'x', 1)")).rejects.toMatchObject({ code: "23505" });
      expect((await pool.query("SELECT session_version FROM users WHERE id = 'u1'")).rows).toEqual([{ session_version: 0 }]);
      // BIGINT milliseconds come back as numbers.
      await pool.query("INSERT INTO media (id, title, file, type, size, created_by, created_at) VALUES ('m1', 'V', 'm1.mp4', 'video/mp4', 5000000000, 'u1', 1767225600000)");
      expect((await pool.query("SELECT size, created_at FROM media")).rows).toEqual([{ size: 5000000000, created_at: 1767225600000 }]);
    } finally {
      await pool.end();
      await fresh.drop();
    }
  });
});

describe("PostgreSQL sessions list", () => {
  let fresh: Awaited<ReturnType<typeof freshSchema>>;
  let pool: pg.Pool;
  let store: Store;
  beforeEach(async () => {
    fresh = await freshSchema();
    pool = await openPgPool(fresh.url, { schema: fresh.schema });
    await migratePg(pool);
    await pool.query("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ('u1', 'u1@example.org', 'U', 'trainer', 'x', 1)");
    store = createPgEventStore(pool, { listen: false });
  });
  afterEach(async () => {
    await store.close();
    await pool.end();
    await fresh.drop();
  });

  it("searches titles whatever their case, wildcards taken literally, with the other filters", async () => {
    const make = (id: string, code: string, title: string, createdAt: number) => store.createSession({ ...record(id, code), title, createdAt }, created(code));
    await make("s1", "AAAAAA", "Школа 100% онлайн", 1);
    await make("s2", "BBBBBB", "школа_2", 2);
    await make("s3", "CCCCCC", "Other", 3);
    const ids = async (f: Parameters<Store["listSessions"]>[0]) => (await store.listSessions(f)).map((s) => s.id);
    expect(await ids({ search: "ШКОЛА" })).toEqual(["s2", "s1"]);
    expect(await ids({ search: "%" })).toEqual(["s1"]);
    expect(await ids({ search: "_" })).toEqual(["s2"]);
    expect(await ids({ search: "школа", from: 2 })).toEqual(["s2"]);
    expect(await ids({ to: 2 })).toEqual(["s1"]);
    expect(await ids({ limit: 1 })).toEqual(["s3"]);
    await store.append("s3", { body: { type: "session:ended", payload: {} }, seq: 2, at: 5000, actor: { kind: "user", id: "u1" }, commandId: null });
    expect(await ids({ status: "ended" })).toEqual(["s3"]);
    expect(await ids({ status: "live", trainerId: "u1" })).toEqual(["s2", "s1"]);
    expect(await store.endedBefore(5001)).toEqual(["s3"]);
    expect(await store.endedBefore(5000)).toEqual([]);
    expect(() => store.onAppended(() => {})).toThrow(/listen: false/);
    expect(await store.deleteSession("s3")).toBe(true);
    expect(await store.readSince("s3", 0)).toEqual([]);
    expect(await store.deleteSession("s3")).toBe(false);
  });
});

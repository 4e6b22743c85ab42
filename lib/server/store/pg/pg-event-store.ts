import pg from "pg";
import type { SessionEvent } from "@/lib/domain/events";
import type { Logger } from "@/lib/server/live/socket-types";
import { createConsoleLogger } from "@/lib/server/logger";
import type { Redaction } from "@/lib/domain/redaction";
import type { BatchWrite, EventStore, NewEvent, SessionRecord, StoreConflict } from "@/lib/server/store/event-store";
import { storedEvent, toEvent, toRecord, type EventRow, type SessionRow } from "@/lib/server/store/event-rows";
import { inPgTransaction } from "./pool";

/** The channel on which every instance hears that a session's log grew (the payload: see `notice`). */
export const EVENTS_CHANNEL = "ortaq_events";
/** The session id a listener is called with after (re)connecting: it may have missed appends, so re-read. */
export const CATCH_UP = "*";

export type AppendedListener = (sessionId: string, lastSeq: number, events?: readonly SessionEvent[]) => void;



/**
 * Stores a batch of one session's events and keeps the session's counters
 * and ended status: one statement, so one round trip and its own
 * transaction. Data-modifying WITH parts always run to the end. The events
 * travel as one array per column, so the statement text (and its prepared
 * plan) is the same for a batch of any size. The other instances are told
 * afterwards (NOTICE): a NOTIFY inside this transaction would hold
 * PostgreSQL's notification lock through the commit's flush to disk, and
 * two instances' appends would then wait for each other's flush instead of
 * sharing one.
 */
const APPEND = {
  name: "ortaq-append-events",
  text: `
    WITH inserted AS (
      INSERT INTO events (session_id, seq, type, payload, at, actor, command_id)
      SELECT $1::text, r.seq, r.type, r.payload, r.at, r.actor, r.command_id
      FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[])
        AS r(seq, type, payload, at, actor, command_id)
      RETURNING 1
    ), counted AS (
      UPDATE sessions SET
        participants = participants + $8::int,
        notes = notes + $9::int,
        status = CASE WHEN $10::bigint IS NULL THEN status ELSE 'ended' END,
        ended_at = COALESCE($10::bigint, ended_at)
      WHERE id = $1::text AND ($8::int <> 0 OR $9::int <> 0 OR $10::bigint IS NOT NULL)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM inserted) AS inserted`,
};

/**
 * Tells the other instances of a committed append. Its own transaction
 * commits without waiting for the disk: a notice is a hint, and one lost in
 * a crash costs only a read of the log (a gap, or the "*" after the listen
 * connection comes back).
 */
const NOTICE = {
  name: "ortaq-append-notice",
  text: `SELECT set_config('synchronous_commit', 'off', true), pg_notify('${EVENTS_CHANNEL}', $1::text)`,
};

const INSERT_SESSION =
  "INSERT INTO sessions (id, code, title, language, trainer_id, status, created_at, ended_at, plan_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

/** Named columns, not `*`: a prepared `SELECT *` fails once a later migration adds a column while this instance runs. */
const EVENT_COLUMNS = "session_id, seq, type, payload, at, actor, command_id";
const SELECT_SINCE = { name: "ortaq-read-since", text: `SELECT ${EVENT_COLUMNS} FROM events WHERE session_id = $1 AND seq > $2 ORDER BY seq` };

/** The parameters of APPEND for these events, and the notice that tells of them. */
function appendParams(sessionId: string, events: readonly NewEvent[]): { params: unknown[]; notice: string } {
  let joins = 0;
  let notes = 0;
  let endedAt: number | null = null;
  const seqs: number[] = [];
  const types: string[] = [];
  const payloads: string[] = [];
  const ats: number[] = [];
  const actors: string[] = [];
  const commandIds: (string | null)[] = [];
  for (const e of events) {
    if (e.body.type === "participant:joined") joins++;
    else if (e.body.type === "note:added") notes++;
    else if (e.body.type === "session:ended") endedAt = e.at;
    seqs.push(e.seq);
    types.push(e.body.type);
    payloads.push(JSON.stringify(e.body.payload));
    ats.push(e.at);
    actors.push(JSON.stringify(e.actor));
    commandIds.push(e.commandId);
  }
  const lastSeq = seqs.reduce((a, b) => Math.max(a, b));
  return { params: [sessionId, seqs, types, payloads, ats, actors, commandIds, joins, notes, endedAt], notice: notice(sessionId, lastSeq, seqs, types, payloads, ats, actors, commandIds) };
}

/** PostgreSQL refuses a notification payload of 8,000 bytes or more; a batch larger than this goes without its events. */
const NOTICE_EVENTS_BYTES = 7_500;

/**
 * The notification of an append: the session and its last seq, and, when
 * they fit, the events themselves, so that the other instances apply them
 * without reading the log back (they read it when a notice comes without
 * events or with a gap). Like the WAL, PostgreSQL's notification queue
 * holds the text only until every listener has read it.
 */
function notice(sessionId: string, lastSeq: number, seqs: number[], types: string[], payloads: string[], ats: number[], actors: string[], commandIds: (string | null)[]): string {
  const rows = seqs.map((seq, i) => [seq, types[i], payloads[i], ats[i], actors[i], commandIds[i]]);
  const full = JSON.stringify({ s: sessionId, l: lastSeq, e: rows });
  return Buffer.byteLength(full) < NOTICE_EVENTS_BYTES ? full : JSON.stringify({ s: sessionId, l: lastSeq });
}

/** A notification's payload, or null when it is not one of ours. */
function readNotice(payload: string): { sessionId: string; lastSeq: number; events?: SessionEvent[] } | null {
  try {
    const n = JSON.parse(payload) as { s?: unknown; l?: unknown; e?: unknown };
    if (typeof n.s !== "string" || typeof n.l !== "number") return null;
    const rows = Array.isArray(n.e) ? (n.e as [number, string, string, number, string, string | null][]) : undefined;
    const events = rows?.map(([seq, type, payload, at, actor, command_id]) => toEvent({ session_id: n.s as string, seq, type, payload, at, actor, command_id }));
    return { sessionId: n.s, lastSeq: n.l, events };
  } catch {
    return null;
  }
}

interface PgError {
  code?: string;
  constraint?: string;
}

/** Which rule a refused write broke, or null when it was not a conflict (then it is a fault). */
function conflictOf(err: unknown): StoreConflict | null {
  const e = err as PgError;
  if (e.code !== "23505") return null;
  if (e.constraint === "events_pkey") return "seq";
  if (e.constraint === "events_command") return "command-id";
  if (e.constraint === "sessions_live_code") return "join-code";
  return null;
}

/** The first position whose key appeared earlier in the list, or -1. */
function firstRepeat(keys: readonly (string | number | null)[]): number {
  const seen = new Set<string | number>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === null) continue;
    if (seen.has(k)) return i;
    seen.add(k);
  }
  return -1;
}

/**
 * The PostgreSQL event store: the same contract as the SQLite one, for
 * several app instances sharing one database. A write is durable when it
 * resolves (PostgreSQL's commit waits for the WAL flush, synchronous_commit
 * on). Two instances writing one session race on the (session_id, seq)
 * primary key: exactly one wins, the other gets a "seq" conflict and
 * re-reads.
 *
 * `onAppended` tells this instance of appends committed by any instance
 * (itself included), through LISTEN/NOTIFY on a connection of its own,
 * opened with the first listener. When that connection drops it is opened
 * again with backoff; after every (re)connection listeners are called with
 * `("*", 0)`: whatever was appended meanwhile was not announced to them, so
 * they re-read what they hold.
 */
export function createPgEventStore(
  pool: pg.Pool,
  opts: { listen?: boolean; logger?: Logger } = {},
): EventStore & { onAppended(listener: AppendedListener): () => void } {
  const listen = opts.listen ?? true;
  const logger = opts.logger ?? createConsoleLogger();
  const pending = new Set<Promise<unknown>>();
  let closed = false;

  /** Keeps `p` until it settles, so close() can wait for the writes under way. */
  function track<T>(p: Promise<T>): Promise<T> {
    pending.add(p);
    const done = () => pending.delete(p);
    p.then(done, done);
    return p;
  }

  /** Which event of a refused batch broke `conflict`, looked up after the rollback. */
  async function refusedIndex(sessionId: string, events: readonly NewEvent[], conflict: StoreConflict): Promise<number> {
    if (conflict === "command-id") {
      const ids = events.map((e) => e.commandId);
      const present = ids.filter((id): id is string => id !== null);
      const { rows } = await pool.query<{ command_id: string }>("SELECT command_id FROM events WHERE command_id = ANY($1::text[])", [present]);
      const taken = new Set(rows.map((r) => r.command_id));
      const i = ids.findIndex((id) => id !== null && taken.has(id));
      return i >= 0 ? i : Math.max(0, firstRepeat(ids));
    }
    if (conflict === "seq") {
      const seqs = events.map((e) => e.seq);
      const { rows } = await pool.query<{ seq: number }>("SELECT seq FROM events WHERE session_id = $1 AND seq = ANY($2::bigint[])", [sessionId, seqs]);
      const taken = new Set(rows.map((r) => r.seq));
      const i = seqs.findIndex((s) => taken.has(s));
      return i >= 0 ? i : Math.max(0, firstRepeat(seqs));
    }
    return 0;
  }

  /** Stores the events (and, first, the session record) in one transaction: all committed when it returns, or none. */
  async function write(sessionId: string, events: readonly NewEvent[], record: SessionRecord | null = null): Promise<BatchWrite> {
    if (closed) throw new Error("The PostgreSQL event store is closed");
    const { params, notice } = appendParams(sessionId, events);
    try {
      if (record) await createWithFirst(record, events, params);
      else await pool.query({ ...APPEND, values: params });
    } catch (err) {
      const conflict = conflictOf(err);
      if (!conflict) throw err;
      return { ok: false, conflict, index: await refusedIndex(sessionId, events, conflict) };
    }
    // Committed: tell the others, without waiting for it.
    void track(pool.query({ ...NOTICE, values: [notice] })).catch((err: Error) => logger.warn("append notice failed", { message: err.message }));
    return { ok: true, events: events.map((e) => storedEvent(sessionId, e)) };
  }

  async function createWithFirst(record: SessionRecord, events: readonly NewEvent[], params: unknown[]): Promise<void> {
    const first = events[0]?.body;
    const planId = first?.type === "session:created" ? (first.payload.plan?.id ?? null) : null;
    await inPgTransaction(pool, async (client) => {
      await client.query(INSERT_SESSION, [
        record.id,
        record.code,
        record.title,
        record.language,
        record.trainerId,
        record.status,
        record.createdAt,
        record.endedAt,
        planId,
      ]);
      await client.query({ ...APPEND, values: params });
    });
  }

  /** The redaction itself, see `redact`. */
  async function rewrite(sessionId: string, redactions: readonly Redaction[]): Promise<void> {
    await pool.query(
      `UPDATE events e SET type = r.type, payload = r.payload, actor = COALESCE(r.actor, e.actor)
       FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) AS r(seq, type, payload, actor)
       WHERE e.session_id = $1 AND e.seq = r.seq`,
      [
        sessionId,
        redactions.map((r) => r.seq),
        redactions.map((r) => r.body.type),
        redactions.map((r) => JSON.stringify(r.body.payload)),
        redactions.map((r) => (r.actor ? JSON.stringify(r.actor) : null)),
      ],
    );
    await pool.query("VACUUM events");
  }

  const listeners = new Set<AppendedListener>();
  let listenClient: pg.Client | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  /** The connection attempt under way, so close() can wait for it. */
  let connecting: Promise<void> | null = null;
  let started = false;
  let attempt = 0;

  function emit(sessionId: string, lastSeq: number, events?: readonly SessionEvent[]) {
    for (const l of [...listeners]) {
      try {
        l(sessionId, lastSeq, events);
      } catch (err) {
        logger.error("appended listener failed", { message: (err as Error).message });
      }
    }
  }

  /** Opens the LISTEN connection; on failure or when it drops later, tries again after a growing pause. */
  async function connectListener(): Promise<void> {
    reconnectTimer = null;
    if (closed) return;
    // The pool's settings (its password is kept out of enumeration, so named), but not one of its connections:
    // LISTEN belongs to a connection, and a pooled one would be handed to queries and released.
    const client = new pg.Client({ ...pool.options, password: pool.options.password, application_name: "ortaq-listen", keepAlive: true });
    let lost = false;
    const retry = (err?: Error & { code?: string }) => {
      if (lost) return;
      lost = true;
      if (listenClient === client) listenClient = null;
      client.removeAllListeners("notification");
      client.end().catch(() => {});
      if (closed) return;
      const delay = Math.min(10_000, 100 * 2 ** attempt++);
      logger.warn("postgres listen connection lost; reconnecting", { code: err?.code, message: err?.message, inMs: delay });
      reconnectTimer = setTimeout(() => {
        connecting = connectListener();
      }, delay);
      reconnectTimer.unref?.();
    };
    client.on("error", retry);
    client.on("end", () => retry());
    client.on("notification", (msg) => {
      if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
      const n = readNotice(msg.payload);
      if (n) emit(n.sessionId, n.lastSeq, n.events);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      retry(err as Error);
      return;
    }
    if (closed || lost) {
      client.end().catch(() => {});
      return;
    }
    listenClient = client;
    attempt = 0;
    emit(CATCH_UP, 0);
  }

  return {
    onAppended(listener) {
      if (!listen) throw new Error("This PostgreSQL event store was opened with listen: false");
      if (closed) throw new Error("The PostgreSQL event store is closed");
      listeners.add(listener);
      if (!started) {
        started = true;
        connecting = connectListener();
      }
      return () => {
        listeners.delete(listener);
      };
    },
    async createSession(record, first) {
      const written = await track(write(record.id, [first], record));
      return written.ok ? { ok: true, event: written.events[0] } : { ok: false, conflict: written.conflict };
    },
    async append(sessionId, event) {
      const written = await track(write(sessionId, [event]));
      return written.ok ? { ok: true, event: written.events[0] } : { ok: false, conflict: written.conflict };
    },
    async appendBatch(sessionId, events) {
      return events.length === 0 ? { ok: true, events: [] } : track(write(sessionId, events));
    },
    /** Waits for the writes under way and ends the LISTEN connection; the pool belongs to whoever opened it. */
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      listeners.clear();
      await Promise.allSettled([...pending, connecting]);
      const client = listenClient;
      listenClient = null;
      if (client) {
        client.removeAllListeners("end");
        await client.end().catch(() => {});
      }
    },
    async readSince(sessionId, afterSeq) {
      return (await pool.query<EventRow>({ ...SELECT_SINCE, values: [sessionId, afterSeq] })).rows.map(toEvent);
    },
    async findByCommandId(commandId) {
      const row = (await pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE command_id = $1`, [commandId])).rows[0];
      return row ? toEvent(row) : null;
    },
    async getSession(id) {
      const row = (await pool.query<SessionRow>("SELECT * FROM sessions WHERE id = $1", [id])).rows[0];
      return row ? toRecord(row) : null;
    },
    async findSessionByCode(code) {
      const row = (
        await pool.query<SessionRow>("SELECT * FROM sessions WHERE code = $1 ORDER BY (status = 'live') DESC, created_at DESC LIMIT 1", [code])
      ).rows[0];
      return row ? toRecord(row) : null;
    },
    async deleteSession(id) {
      return ((await pool.query("DELETE FROM sessions WHERE id = $1", [id])).rowCount ?? 0) > 0;
    },
    async endedBefore(before) {
      return (await pool.query<{ id: string }>("SELECT id FROM sessions WHERE status = 'ended' AND ended_at < $1", [before])).rows.map((r) => r.id);
    },
    /**
     * Rewrites the events in one statement (its own transaction), then runs
     * a plain VACUUM on the events table (outside any transaction, as
     * PostgreSQL requires). What that guarantees: once the update commits,
     * no later read sees the old text, and VACUUM removes the old row
     * versions from the table and its TOAST table, provided no transaction
     * older than the update is still open (the vacuum must keep rows such a
     * transaction may still see; a later vacuum or autovacuum removes them).
     * What it does not: the bytes may stay in freed page space
     * until reused, in the write-ahead log until its segments are recycled,
     * in WAL archives, replicas' lag and base backups until those expire.
     * A plain VACUUM does not block appends; VACUUM FULL, which would
     * rewrite the file, would lock the table and is not run.
     */
    async redact(sessionId, redactions) {
      if (redactions.length === 0) return;
      if (closed) throw new Error("The PostgreSQL event store is closed");
      await track(rewrite(sessionId, redactions));
    },
    async listSessions({ trainerId, status, planId, from, to, search, limit = 200 }) {
      const where: string[] = [];
      const args: unknown[] = [];
      const arg = (v: unknown) => {
        args.push(v);
        return `$${args.length}`;
      };
      if (planId) where.push(`plan_id = ${arg(planId)}`);
      if (from !== undefined) where.push(`created_at >= ${arg(from)}`);
      if (to !== undefined) where.push(`created_at < ${arg(to)}`);
      if (search) where.push(`title ILIKE ${arg(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);
      if (trainerId) where.push(`trainer_id = ${arg(trainerId)}`);
      if (status) where.push(`status = ${arg(status)}`);
      const sql = `SELECT * FROM sessions ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY created_at DESC LIMIT ${arg(limit)}`;
      return (await pool.query<SessionRow>(sql, args)).rows.map(toRecord);
    },
  };
}

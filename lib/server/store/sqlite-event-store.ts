import type { Actor, EventBody } from "@/lib/domain/events";
import type { Db } from "./db";
import type { BatchWrite, EventStore, NewEvent, SessionRecord, StoreConflict } from "./event-store";
import { LOOP_CHECKPOINT_PAGES, startCheckpointer, type Checkpointer } from "./checkpointer";
import { storedEvent, toEvent, toRecord, type EventRow, type SessionRow } from "./event-rows";
import { createWalSync, type WalSync } from "./wal-sync";


/** One event as a row of the events table, without its session: [seq, type, payload JSON, at, actor JSON, command id]. */
type EventRowValues = [number, string, string, number, string, string | null];

/** One transaction of the event log: events of one session, maybe with the session record first. */
interface WriteJob {
  sessionId: string;
  session: [string, string, string, string, string, string, number, number | null, string | null] | null;
  rows: EventRowValues[];
  /** Participants joined and notes added in these rows, for the session's counters. */
  joins: number;
  notes: number;
  /** When a row ends the session. */
  endedAt: number | null;
}

/** Why SQLite refused a job: its error, and which row (`-1`: the session record). */
interface Refusal {
  index: number | null;
  code?: string;
  message?: string;
}

function isUniqueViolation(e: { code?: string; message?: string }, index: string): boolean {
  return (e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY") && (e.message ?? "").includes(index);
}

/** Which rule a refused write broke, or null when it was not a conflict (then it is a fault). */
function conflictOf(o: Refusal): StoreConflict | null {
  if (o.index === -1) return isUniqueViolation(o, "sessions.code") ? "join-code" : null;
  if (isUniqueViolation(o, "events.command_id")) return "command-id";
  if (isUniqueViolation(o, "events")) return "seq";
  return null;
}

/** The transaction that stores these events (and, first, the session record). */
function jobFor(sessionId: string, events: readonly NewEvent[], record: SessionRecord | null = null): WriteJob {
  let joins = 0;
  let notes = 0;
  let endedAt: number | null = null;
  const rows: EventRowValues[] = [];
  for (const e of events) {
    if (e.body.type === "participant:joined") joins++;
    else if (e.body.type === "note:added") notes++;
    else if (e.body.type === "session:ended") endedAt = e.at;
    rows.push([e.seq, e.body.type, JSON.stringify(e.body.payload), e.at, JSON.stringify(e.actor), e.commandId]);
  }
  const first = events[0]?.body;
  const planId = first?.type === "session:created" ? (first.payload.plan?.id ?? null) : null;
  const session: WriteJob["session"] = record
    ? [record.id, record.code, record.title, record.language, record.trainerId, record.status, record.createdAt, record.endedAt, planId]
    : null;
  return { sessionId, session, rows, joins, notes, endedAt };
}


/**
 * The embedded store: one SQLite file in WAL mode; a returned event is on
 * disk. An append commits on the event loop with synchronous=NORMAL and then
 * waits, off the loop, for an fdatasync of the write-ahead log (wal-sync.ts):
 * the sync FULL would do inside the commit, without holding up every socket
 * meanwhile; commits made during one sync share the next. (Handing the whole
 * write to a thread of its own measured slower on a 2-core machine: every
 * row crosses threads twice.) The hub's group commit makes it one commit and
 * one sync for all the commands of a turn. A read first waits until no
 * commit is waiting for the disk, so no reader sees what is not on disk; after
 * a failed sync the store refuses every read and write. The connection's other writes
 * (accounts, plans, settings) stay synchronous=FULL. Checkpoints, the slow
 * part of a WAL that grows, run on a thread of their own (checkpointer.ts).
 */
export function createSqliteEventStore(db: Db): EventStore {
  const insertEvent = db.prepare("INSERT INTO events (session_id, seq, type, payload, at, actor, command_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const insertSession = db.prepare(
    "INSERT INTO sessions (id, code, title, language, trainer_id, status, created_at, ended_at, plan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const countUp = db.prepare("UPDATE sessions SET participants = participants + ?, notes = notes + ? WHERE id = ?");
  const endSession = db.prepare("UPDATE sessions SET status = 'ended', ended_at = ? WHERE id = ?");
  /** Runs `f`; a SQLite error says which row (`index`) it came from. */
  const row = (index: number, f: () => void) => {
    try {
      f();
    } catch (err) {
      throw Object.assign(err as object, { index });
    }
  };
  const writeTx = db.transaction((job: WriteJob) => {
    const session = job.session;
    if (session) row(-1, () => insertSession.run(...session));
    job.rows.forEach((values, i) => row(i, () => insertEvent.run(job.sessionId, ...values)));
    if (job.endedAt !== null) endSession.run(job.endedAt, job.sessionId);
    if (job.joins || job.notes) countUp.run(job.joins, job.notes, job.sessionId);
  });
  const deleteStmt = db.prepare("DELETE FROM sessions WHERE id = ?");
  const endedBeforeStmt = db.prepare("SELECT id FROM sessions WHERE status = 'ended' AND ended_at < ?");
  const updateEvent = db.prepare("UPDATE events SET type = ?, payload = ?, actor = COALESCE(?, actor) WHERE session_id = ? AND seq = ?");
  const redactTx = db.transaction((sessionId: string, redactions: readonly { seq: number; body: EventBody; actor?: Actor }[]) => {
    for (const r of redactions) updateEvent.run(r.body.type, JSON.stringify(r.body.payload), r.actor ? JSON.stringify(r.actor) : null, sessionId, r.seq);
  });
  const selectSince = db.prepare("SELECT * FROM events WHERE session_id = ? AND seq > ? ORDER BY seq");
  const selectByCommand = db.prepare("SELECT * FROM events WHERE command_id = ?");
  const selectSession = db.prepare("SELECT * FROM sessions WHERE id = ?");
  const selectByCode = db.prepare(
    "SELECT * FROM sessions WHERE code = ? ORDER BY (status = 'live') DESC, created_at DESC LIMIT 1",
  );

  // Started with the first write: a store that only reads needs none.
  let checkpointer: Checkpointer | null | undefined = db.memory ? null : undefined;
  // An in-memory database has no disk to wait for; a file not in WAL mode syncs inside its commits.
  const walSync: WalSync | null = db.memory || String(db.pragma("journal_mode", { simple: true })).toLowerCase() !== "wal" ? null : createWalSync(`${db.name}-wal`);
  const syncNormal = db.prepare("PRAGMA synchronous = NORMAL");
  const syncFull = db.prepare("PRAGMA synchronous = FULL");

  /** Before any read: no commit still waiting for the disk (see wal-sync.ts); refuses once durability failed. */
  const onDisk = async (): Promise<void> => {
    if (walSync) await walSync.durable();
  };

  /** Stores the events in one transaction: all on disk when it resolves, or none. */
  async function write(sessionId: string, events: readonly NewEvent[], record: SessionRecord | null = null): Promise<BatchWrite> {
    // After a failed sync nothing more is written: what is on disk may no longer be what SQLite holds.
    const failure = walSync?.failure();
    if (failure) throw failure;
    if (db.inTransaction) throw new Error("the event store cannot write inside another transaction");
    if (checkpointer === undefined) {
      checkpointer = startCheckpointer(db.name);
      if (checkpointer) db.pragma(`wal_autocheckpoint = ${LOOP_CHECKPOINT_PAGES}`);
    }
    const job = jobFor(sessionId, events, record);
    try {
      if (walSync) syncNormal.run();
      writeTx(job);
    } catch (err) {
      const refusal = err as Refusal;
      const conflict = conflictOf(refusal);
      if (!conflict) throw err;
      return { ok: false, conflict, index: Math.max(0, refusal.index ?? 0) };
    } finally {
      // The connection's other writes (accounts, plans, settings) sync inside their commits: if that
      // cannot be restored, nothing is promised durable any more.
      if (walSync) {
        try {
          syncFull.run();
        } catch (err) {
          throw walSync.fail(err);
        }
      }
    }
    // Committed: on disk once the log is synced (nobody hears of these events before).
    await walSync?.sync();
    return { ok: true, events: events.map((e) => storedEvent(sessionId, e)) };
  }

  return {
    async createSession(record, first) {
      const written = await write(record.id, [first], record);
      return written.ok ? { ok: true, event: written.events[0] } : { ok: false, conflict: written.conflict };
    },
    async append(sessionId, event) {
      const written = await write(sessionId, [event]);
      return written.ok ? { ok: true, event: written.events[0] } : { ok: false, conflict: written.conflict };
    },
    async appendBatch(sessionId, events) {
      return events.length === 0 ? { ok: true, events: [] } : write(sessionId, events);
    },
    // The database handle belongs to whoever opened it; the checkpointing thread is the store's.
    async close() {
      await walSync?.close();
      await checkpointer?.stop();
      checkpointer = null;
    },
    async readSince(sessionId, afterSeq) {
      await onDisk();
      return (selectSince.all(sessionId, afterSeq) as EventRow[]).map(toEvent);
    },
    async findByCommandId(commandId) {
      await onDisk();
      const row = selectByCommand.get(commandId) as EventRow | undefined;
      return row ? toEvent(row) : null;
    },
    async getSession(id) {
      await onDisk();
      const row = selectSession.get(id) as SessionRow | undefined;
      return row ? toRecord(row) : null;
    },
    async findSessionByCode(code) {
      await onDisk();
      const row = selectByCode.get(code) as SessionRow | undefined;
      return row ? toRecord(row) : null;
    },
    async deleteSession(id) {
      await onDisk();
      return deleteStmt.run(id).changes > 0;
    },
    async endedBefore(before) {
      await onDisk();
      return (endedBeforeStmt.all(before) as { id: string }[]).map((r) => r.id);
    },
    async redact(sessionId, redactions) {
      if (redactions.length === 0) return;
      await onDisk();
      // secure_delete (see db.ts) zeroes the old cells; the checkpoint moves the pages into the
      // database file and empties the write-ahead log, where the old text would otherwise linger.
      redactTx(sessionId, redactions);
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    async listSessions({ trainerId, status, planId, from, to, search, limit = 200 }) {
      await onDisk();
      const where: string[] = [];
      const args: unknown[] = [];
      if (planId) {
        where.push("plan_id = ?");
        args.push(planId);
      }
      if (from !== undefined) {
        where.push("created_at >= ?");
        args.push(from);
      }
      if (to !== undefined) {
        where.push("created_at < ?");
        args.push(to);
      }
      if (search) {
        where.push("title LIKE ? ESCAPE '\\'");
        args.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      }
      if (trainerId) {
        where.push("trainer_id = ?");
        args.push(trainerId);
      }
      if (status) {
        where.push("status = ?");
        args.push(status);
      }
      const sql = `SELECT * FROM sessions ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY created_at DESC LIMIT ?`;
      return (db.prepare(sql).all(...args, limit) as SessionRow[]).map(toRecord);
    },
  };
}

import type { Actor, EventBody, SessionEvent } from "@/lib/domain/events";
import type { Db } from "./db";
import type { EventStore, NewEvent, SessionRecord, StoreConflict, StoreWrite } from "./event-store";

/** Thrown inside a transaction to roll it back; turned into a value before it leaves this module. */
interface Rollback {
  rollback: StoreConflict;
}
function isRollback(err: unknown): err is Rollback {
  return typeof err === "object" && err !== null && "rollback" in err;
}
function rollback(conflict: StoreConflict): Rollback {
  return { rollback: conflict };
}

interface EventRow {
  session_id: string;
  seq: number;
  type: string;
  payload: string;
  at: number;
  actor: string;
  command_id: string | null;
}

interface SessionRow {
  id: string;
  code: string;
  title: string;
  language: string;
  trainer_id: string;
  status: string;
  created_at: number;
  ended_at: number | null;
  plan_id: string | null;
  participants: number;
  notes: number;
}

function toEvent(row: EventRow): SessionEvent {
  return {
    type: row.type,
    payload: JSON.parse(row.payload),
    sessionId: row.session_id,
    seq: row.seq,
    at: row.at,
    actor: JSON.parse(row.actor) as Actor,
    commandId: row.command_id,
  } as SessionEvent;
}

function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    language: row.language as SessionRecord["language"],
    trainerId: row.trainer_id,
    status: row.status as SessionRecord["status"],
    createdAt: row.created_at,
    endedAt: row.ended_at,
    planId: row.plan_id,
    participants: row.participants,
    notes: row.notes,
  };
}

function isUniqueViolation(err: unknown, index: string): boolean {
  const e = err as { code?: string; message?: string };
  return (
    (e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY") &&
    (e.message ?? "").includes(index)
  );
}

/** The embedded store: one SQLite file in WAL mode, synchronous=FULL, so a returned event is on disk. */
export function createSqliteEventStore(db: Db): EventStore {
  const insertEvent = db.prepare(
    "INSERT INTO events (session_id, seq, type, payload, at, actor, command_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertSession = db.prepare(
    "INSERT INTO sessions (id, code, title, language, trainer_id, status, created_at, ended_at, plan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const countJoin = db.prepare("UPDATE sessions SET participants = participants + 1 WHERE id = ?");
  const countNote = db.prepare("UPDATE sessions SET notes = notes + 1 WHERE id = ?");
  const deleteStmt = db.prepare("DELETE FROM sessions WHERE id = ?");
  const endedBeforeStmt = db.prepare("SELECT id FROM sessions WHERE status = 'ended' AND ended_at < ?");
  const endSession = db.prepare("UPDATE sessions SET status = 'ended', ended_at = ? WHERE id = ?");
  const selectSince = db.prepare("SELECT * FROM events WHERE session_id = ? AND seq > ? ORDER BY seq");
  const selectByCommand = db.prepare("SELECT * FROM events WHERE command_id = ?");
  const selectSession = db.prepare("SELECT * FROM sessions WHERE id = ?");
  const selectByCode = db.prepare(
    "SELECT * FROM sessions WHERE code = ? ORDER BY (status = 'live') DESC, created_at DESC LIMIT 1",
  );

  function insert(sessionId: string, e: NewEvent): SessionEvent {
    try {
      insertEvent.run(sessionId, e.seq, e.body.type, JSON.stringify(e.body.payload), e.at, JSON.stringify(e.actor), e.commandId);
    } catch (err) {
      if (isUniqueViolation(err, "events.command_id")) throw rollback("command-id");
      if (isUniqueViolation(err, "events")) throw rollback("seq");
      throw err;
    }
    return { ...(e.body as EventBody), sessionId, seq: e.seq, at: e.at, actor: e.actor, commandId: e.commandId } as SessionEvent;
  }

  const createTx = db.transaction((record: SessionRecord, first: NewEvent) => {
    try {
      const planId = first.body.type === "session:created" ? (first.body.payload.plan?.id ?? null) : null;
      insertSession.run(record.id, record.code, record.title, record.language, record.trainerId, record.status, record.createdAt, record.endedAt, planId);
    } catch (err) {
      if (isUniqueViolation(err, "sessions.code")) throw rollback("join-code");
      throw err;
    }
    return insert(record.id, first);
  });

  const appendTx = db.transaction((sessionId: string, e: NewEvent) => {
    const stored = insert(sessionId, e);
    if (stored.type === "session:ended") endSession.run(stored.at, sessionId);
    else if (stored.type === "participant:joined") countJoin.run(sessionId);
    else if (stored.type === "note:added") countNote.run(sessionId);
    return stored;
  });

  function write(tx: () => SessionEvent): StoreWrite {
    try {
      return { ok: true, event: tx() };
    } catch (err) {
      if (isRollback(err)) return { ok: false, conflict: err.rollback };
      throw err;
    }
  }

  return {
    async createSession(record, first) {
      return write(() => createTx(record, first));
    },
    async append(sessionId, event) {
      return write(() => appendTx(sessionId, event));
    },
    async readSince(sessionId, afterSeq) {
      return (selectSince.all(sessionId, afterSeq) as EventRow[]).map(toEvent);
    },
    async findByCommandId(commandId) {
      const row = selectByCommand.get(commandId) as EventRow | undefined;
      return row ? toEvent(row) : null;
    },
    async getSession(id) {
      const row = selectSession.get(id) as SessionRow | undefined;
      return row ? toRecord(row) : null;
    },
    async findSessionByCode(code) {
      const row = selectByCode.get(code) as SessionRow | undefined;
      return row ? toRecord(row) : null;
    },
    async deleteSession(id) {
      return deleteStmt.run(id).changes > 0;
    },
    async endedBefore(before) {
      return (endedBeforeStmt.all(before) as { id: string }[]).map((r) => r.id);
    },
    async listSessions({ trainerId, status, planId, from, to, search, limit = 200 }) {
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

import { Worker } from "node:worker_threads";
import type { Db } from "./db";

/** One event as a row of the events table, without its session: [seq, type, payload JSON, at, actor JSON, command id]. */
export type EventRow = [number, string, string, number, string, string | null];
/** A new session as a row of the sessions table. */
export type SessionRow = [string, string, string, string, string, string, number, number | null, string | null];

/** One transaction of the event log: events of one session, maybe with the session itself. */
export interface WriteJob {
  sessionId: string;
  session: SessionRow | null;
  rows: EventRow[];
  /** Participants joined and notes added in these rows, for the session's counters. */
  joins: number;
  notes: number;
  /** When a row ends the session. */
  endedAt: number | null;
}

/** Done, or refused by SQLite (`index`: the event row refused, -1 the session row). */
export type WriteOutcome = { ok: true } | { ok: false; index: number | null; code: string | undefined; message: string };

export interface SqliteWriter {
  write(job: WriteJob): Promise<WriteOutcome>;
  close(): Promise<void>;
}

const SQL = {
  insertEvent: "INSERT INTO events (session_id, seq, type, payload, at, actor, command_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
  insertSession: "INSERT INTO sessions (id, code, title, language, trainer_id, status, created_at, ended_at, plan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  countUp: "UPDATE sessions SET participants = participants + ?, notes = notes + ? WHERE id = ?",
  endSession: "UPDATE sessions SET status = 'ended', ended_at = ? WHERE id = ?",
};
/** As openDatabase sets them (db.ts): every connection to the file writes the same way. */
const PRAGMAS = ["journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "secure_delete = ON", "busy_timeout = 5000"];

/**
 * The writing thread: its own connection to the database file, running one
 * job (one transaction) at a time. Plain CommonJS, evaluated as is (as the
 * password threads are): no file to find, under tsx or inside Next's bundle.
 * Keep `writeOnLoop` below doing the same.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
for (const p of workerData.pragmas) db.pragma(p);
const sql = workerData.sql;
const insertEvent = db.prepare(sql.insertEvent);
const insertSession = db.prepare(sql.insertSession);
const countUp = db.prepare(sql.countUp);
const endSession = db.prepare(sql.endSession);
const at = (index, f) => { try { f(); } catch (err) { err.index = index; throw err; } };
const write = db.transaction((job) => {
  if (job.session) at(-1, () => insertSession.run(...job.session));
  job.rows.forEach((row, i) => at(i, () => insertEvent.run(job.sessionId, ...row)));
  if (job.endedAt !== null) endSession.run(job.endedAt, job.sessionId);
  if (job.joins || job.notes) countUp.run(job.joins, job.notes, job.sessionId);
});
parentPort.on("message", (msg) => {
  if (msg === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    write(msg.job);
    parentPort.postMessage({ id: msg.id, outcome: { ok: true } });
  } catch (err) {
    parentPort.postMessage({ id: msg.id, outcome: { ok: false, index: typeof err.index === "number" ? err.index : null, code: err.code, message: String(err.message) } });
  }
});
`;

/**
 * Writes the event log. A commit with synchronous=FULL waits for the disk
 * (an fsync, a millisecond or ten on a busy laptop); on the event loop that
 * wait would hold up every socket of every session. So a database file gets
 * a writing thread of its own (WAL: the main connection reads meanwhile),
 * and a job's promise resolves once its transaction is on disk. An in-memory
 * database cannot be shared between threads: it is written on the loop.
 */
export function createSqliteWriter(db: Db): SqliteWriter {
  return db.memory ? writeOnLoop(db) : writeOnThread(db.name);
}

function writeOnLoop(db: Db): SqliteWriter {
  const insertEvent = db.prepare(SQL.insertEvent);
  const insertSession = db.prepare(SQL.insertSession);
  const countUp = db.prepare(SQL.countUp);
  const endSession = db.prepare(SQL.endSession);
  const at = (index: number, f: () => void) => {
    try {
      f();
    } catch (err) {
      throw Object.assign(err as object, { index });
    }
  };
  const write = db.transaction((job: WriteJob) => {
    if (job.session) at(-1, () => insertSession.run(...job.session!));
    job.rows.forEach((row, i) => at(i, () => insertEvent.run(job.sessionId, ...row)));
    if (job.endedAt !== null) endSession.run(job.endedAt, job.sessionId);
    if (job.joins || job.notes) countUp.run(job.joins, job.notes, job.sessionId);
  });
  return {
    async write(job) {
      try {
        write(job);
        return { ok: true };
      } catch (err) {
        const e = err as { index?: number; code?: string; message?: string };
        return { ok: false, index: typeof e.index === "number" ? e.index : null, code: e.code, message: String(e.message) };
      }
    },
    async close() {},
  };
}

/** The driver's path, for the thread's require (resolved here: the thread may not share the working directory's view). */
function driverPath(): string {
  try {
    const resolved: unknown = require.resolve("better-sqlite3");
    return typeof resolved === "string" ? resolved : "better-sqlite3";
  } catch {
    return "better-sqlite3";
  }
}

interface Pending {
  resolve: (o: WriteOutcome) => void;
  reject: (err: Error) => void;
}

function writeOnThread(file: string): SqliteWriter {
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 0;

  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath(), sql: SQL, pragmas: PRAGMAS } });
    w.on("message", (msg: { id: number; outcome: WriteOutcome }) => {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      // Keeps the process alive only while a write is under way.
      if (pending.size === 0) w.unref();
      p?.resolve(msg.outcome);
    });
    const fail = (err: Error) => {
      if (worker !== w) return;
      worker = null;
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`event log writer stopped (${code})`)));
    w.unref();
    return w;
  };

  return {
    write(job) {
      worker ??= start();
      const id = ++nextId;
      const w = worker;
      return new Promise<WriteOutcome>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, job });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (!w) return;
      const exited = new Promise<void>((r) => w.once("exit", () => r()));
      w.postMessage("close");
      await exited;
    },
  };
}

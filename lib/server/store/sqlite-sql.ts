import type Database from "better-sqlite3";
import type { Db } from "./db";
import type { Sql, SqlValue } from "./sql";

/**
 * The `Sql` seam over the embedded SQLite file. better-sqlite3 runs each
 * statement synchronously; the promises are only there so repositories are
 * written once for SQLite and PostgreSQL.
 *
 * A transaction spans awaits, and SQLite has one connection: while one is
 * open, every other call on the root handle waits in a queue (in order)
 * until it commits or rolls back, so no caller's statement lands inside
 * someone else's transaction. The event store shares the connection but not
 * this queue: its writes run in turns of their own (group commit), so a
 * transaction must await only its `tx` calls, never timers or I/O, to end
 * within the turn it started in.
 */
export function createSqliteSql(db: Db): Sql {
  // The statements repositories run are a fixed set of strings: prepare each once.
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  const exec = {
    all: <T>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).all(...params) as T[],
    get: <T>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).get(...params) as T | undefined,
    run: (sql: string, params: readonly SqlValue[] = []) => ({ changes: Number(prepare(sql).run(...params).changes) }),
  };

  // While a transaction holds the connection, root calls wait here, in order.
  let busy = false;
  const queue: (() => void)[] = [];
  const drain = () => {
    while (!busy && queue.length) queue.shift()!();
  };
  /** A root statement: at once when the connection is free and nobody waits, else after those before it. */
  function statement<T>(f: () => T): Promise<T> {
    if (!busy && queue.length === 0) return new Promise<T>((resolve) => resolve(f()));
    return new Promise<T>((resolve, reject) =>
      queue.push(() => {
        try {
          resolve(f());
        } catch (err) {
          reject(err);
        }
      }),
    );
  }
  /** A root transaction: holds the connection from BEGIN to COMMIT or ROLLBACK. */
  function transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        busy = true;
        const done = (settle: () => void) => {
          busy = false;
          settle();
          drain();
        };
        inTransaction(fn).then(
          (value) => done(() => resolve(value)),
          (err: unknown) => done(() => reject(err)),
        );
      };
      if (!busy && queue.length === 0) start();
      else queue.push(start);
    });
  }

  /** `fn` in BEGIN IMMEDIATE ... COMMIT (ROLLBACK when it throws); `tx` stops working once it ends. */
  async function inTransaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    let open = true;
    const guard = () => {
      if (!open) throw new Error("This transaction has ended; use the handle it was run with only inside it");
    };
    const tx: Sql = {
      dialect: "sqlite",
      all: async <R>(sql: string, params?: readonly SqlValue[]) => (guard(), exec.all<R>(sql, params)),
      get: async <R>(sql: string, params?: readonly SqlValue[]) => (guard(), exec.get<R>(sql, params)),
      run: async (sql, params) => (guard(), exec.run(sql, params)),
      // A transaction inside one joins it, as on PostgreSQL (pg-sql.ts).
      transaction: async (inner) => (guard(), inner(tx)),
    };
    db.exec("BEGIN IMMEDIATE");
    try {
      const result = await fn(tx);
      open = false;
      db.exec("COMMIT");
      return result;
    } catch (err) {
      open = false;
      // A failed COMMIT may already have ended the transaction.
      if (db.inTransaction) db.exec("ROLLBACK");
      throw err;
    }
  }

  return {
    dialect: "sqlite",
    all: <T>(sql: string, params?: readonly SqlValue[]) => statement(() => exec.all<T>(sql, params)),
    get: <T>(sql: string, params?: readonly SqlValue[]) => statement(() => exec.get<T>(sql, params)),
    run: (sql, params) => statement(() => exec.run(sql, params)),
    transaction,
  };
}

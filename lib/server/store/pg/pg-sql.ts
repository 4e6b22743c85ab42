import type pg from "pg";
import type { Sql, SqlValue } from "@/lib/server/store/sql";

/**
 * Numbers the portable `?` placeholders as PostgreSQL's `$1..$n`. A `?`
 * inside a string literal, a quoted identifier or a comment is left alone.
 */
export function numberPlaceholders(sql: string): string {
  let out = "";
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      // A quoted run; a doubled quote inside it is an escaped quote and keeps it open.
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const j = end === -1 ? sql.length : end;
      out += sql.slice(i, j);
      i = j;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      const j = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, j);
      i = j;
    } else if (c === "?") {
      out += `$${++n}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Converted statements, by their portable text: the repositories run a small fixed set. */
const converted = new Map<string, string>();
const MAX_CACHED = 1000;

function pgText(sql: string): string {
  let text = converted.get(sql);
  if (text === undefined) {
    text = numberPlaceholders(sql);
    if (converted.size < MAX_CACHED) converted.set(sql, text);
  }
  return text;
}

type Queryable = pg.Pool | pg.PoolClient;

/** The connection a transaction holds, and the error that makes it unfit to go back to the pool. */
interface Connection {
  client: pg.PoolClient;
  broken?: Error;
}

/** The three statement calls on a pool or on one connection; `guard` runs before each. */
function statements(db: Queryable, guard: () => void = () => {}): Omit<Sql, "transaction"> {
  const query = async <T>(sql: string, params: readonly SqlValue[] = []) => {
    guard();
    return db.query<T & pg.QueryResultRow>(pgText(sql), [...params]);
  };
  return {
    dialect: "postgres",
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await query<T>(sql, params)).rows,
    get: async <T>(sql: string, params?: readonly SqlValue[]) => (await query<T>(sql, params)).rows[0],
    run: async (sql: string, params?: readonly SqlValue[]) => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
  };
}

/**
 * `fn` on a connection inside an open transaction; `savepoint` names a
 * nested one, which a throwing `fn` rolls back alone (as on SQLite). `tx`
 * stops working once it ends, so a late call cannot land in someone else's
 * use of the connection.
 */
async function inTransaction<T>(conn: Connection, fn: (tx: Sql) => Promise<T>, savepoint: string | null, depth: number): Promise<T> {
  const { client } = conn;
  let open = true;
  const guard = () => {
    if (!open) throw new Error("This transaction has ended; use the handle it was run with only inside it");
  };
  const tx: Sql = {
    ...statements(client, guard),
    transaction: <R>(inner: (tx: Sql) => Promise<R>) => {
      guard();
      return inTransaction(conn, inner, `sp_${depth + 1}`, depth + 1);
    },
  };
  await client.query(savepoint ? `SAVEPOINT ${savepoint}` : "BEGIN");
  try {
    const result = await fn(tx);
    open = false;
    await client.query(savepoint ? `RELEASE SAVEPOINT ${savepoint}` : "COMMIT");
    return result;
  } catch (err) {
    open = false;
    // The caller hears of `fn`'s error; a failed rollback only marks the connection as not fit for reuse.
    await client.query(savepoint ? `ROLLBACK TO SAVEPOINT ${savepoint}` : "ROLLBACK").catch((e: Error) => {
      conn.broken ??= e;
    });
    throw err;
  }
}

/**
 * The portable Sql seam on a PostgreSQL pool. Each statement outside a
 * transaction takes any free connection; `transaction` holds one connection
 * from BEGIN to COMMIT (or ROLLBACK when `fn` throws) and hands `fn` a Sql
 * bound to it. A transaction inside a transaction is a savepoint on the
 * same connection.
 */
export function createPgSql(pool: pg.Pool): Sql {
  return {
    ...statements(pool),
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const conn: Connection = { client: await pool.connect() };
      try {
        return await inTransaction(conn, fn, null, 0);
      } finally {
        // A connection whose rollback failed is in an unknown state: the pool closes it instead of reusing it.
        conn.client.release(conn.broken);
      }
    },
  };
}

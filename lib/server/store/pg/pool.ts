import pg from "pg";
import type { Logger } from "@/lib/server/live/socket-types";
import { createConsoleLogger } from "@/lib/server/logger";

/** A schema name used unquoted in `search_path` and quoted in DDL: plain lower-case identifiers only. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

const INT8_OID = 20;

/**
 * BIGINT columns (timestamps in ms, sizes, counts) come back as JS numbers,
 * not the driver's default strings. Every value the app stores is below
 * 2^53; a larger one is refused loudly (the driver fails that query) rather
 * than rounded.
 */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} does not fit a JS number`);
  return n;
}

/** This pool's own type parsers: the process-wide `pg.types` stays untouched for other pools (the socket.io adapter's). */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary" ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`PostgreSQL schema name must match ${SCHEMA_NAME}: got ${JSON.stringify(schema)}`);
  return schema;
}

/** The URL without its password, for error messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}

/** The `options` startup parameter: the schema to work in and any other settings (names and values checked). */
function connectionOptions(schema: string | undefined, settings: Record<string, string> = {}): { options?: string } {
  const parts = schema ? [`-c search_path=${schema}`] : [];
  for (const [name, value] of Object.entries(settings)) {
    if (!/^[a-z_]+$/.test(name) || !/^[A-Za-z0-9_]+$/.test(value)) throw new Error(`Bad PostgreSQL setting ${name}=${value}`);
    parts.push(`-c ${name}=${value}`);
  }
  return parts.length ? { options: parts.join(" ") } : {};
}

/**
 * Opens a connection pool and checks that the server answers. With
 * `schema`, every connection works in that schema (created if missing):
 * several deployments or test runs can share one database without seeing
 * each other's tables.
 *
 * An idle connection that breaks (server restart, network) is logged and
 * dropped by the pool; it never takes the process down.
 */
export async function openPgPool(
  url: string,
  opts: { schema?: string; max?: number; logger?: Logger; /** Settings for every connection, e.g. { synchronous_commit: "off" }. */ settings?: Record<string, string> } = {},
): Promise<pg.Pool> {
  const schema = opts.schema === undefined ? undefined : checkSchemaName(opts.schema);
  const logger = opts.logger ?? createConsoleLogger();
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    types,
    keepAlive: true,
    // A database that does not answer fails a command after a while instead of holding its hub forever.
    connectionTimeoutMillis: 10_000,
    query_timeout: 60_000,
    application_name: "ortaq",
    ...connectionOptions(schema, opts.settings),
  });
  pool.on("error", (err: Error & { code?: string }) => {
    logger.error("postgres pool connection failed", { code: err.code, message: err.message });
  });
  try {
    if (schema) {
      try {
        await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      } catch (err) {
        // Two instances creating the same schema at once: one wins, the other's IF NOT EXISTS can still trip.
        const code = (err as { code?: string }).code;
        if (code !== "23505" && code !== "42P06") throw err;
      }
    } else {
      await pool.query("SELECT 1");
    }
  } catch (err) {
    await pool.end().catch(() => {});
    const e = err as Error & { code?: string };
    throw new Error(`Cannot use PostgreSQL at ${safeUrl(url)}: ${e.message}${e.code ? ` (${e.code})` : ""}`, { cause: err });
  }
  return pool;
}

/**
 * Runs `fn` on one connection between BEGIN and COMMIT, or ROLLBACK when it
 * throws; a connection whose ROLLBACK fails too is thrown away, not reused.
 */
export async function inPgTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch((e: Error) => {
        broken = e;
      });
      throw err;
    }
  } finally {
    client.release(broken);
  }
}

import { randomBytes } from "node:crypto";
import pg from "pg";
import { quoteIdent, safeUrl } from "@/lib/server/store/pg/pool";

/** The PostgreSQL the tests use; a test run gets schemas of its own in it. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Runs one statement on a short-lived connection; an unreachable server fails the test, with the reason. */
async function once(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL is not reachable at ${safeUrl(TEST_DATABASE_URL)} (${(err as Error).message}). ` +
        "The PostgreSQL tests need a server: start one or set TEST_DATABASE_URL.",
      { cause: err },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty schema (`t_<hex>`) in the test database, and a way to drop it with everything in it. */
export async function freshSchema(): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  await once(`CREATE SCHEMA ${quoteIdent(schema)}`);
  return {
    url: TEST_DATABASE_URL,
    schema,
    drop: () => once(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`),
  };
}

import type pg from "pg";
import type { Sql } from "@/lib/server/store/sql";
import { migratePg } from "./migrations";
import { createPgEventStore } from "./pg-event-store";
import { createPgSql } from "./pg-sql";
import { openPgPool } from "./pool";

export { createPgEventStore } from "./pg-event-store";
export { createPgSql } from "./pg-sql";
export { migratePg } from "./migrations";
export { openPgPool } from "./pool";

/**
 * Everything the server keeps in PostgreSQL: a pool (in `schema` when
 * given), the schema migrated, the Sql seam for the repositories and the
 * event store, which hears other instances' appends. `close` lets go of
 * the store first (its writes under way, its LISTEN connection), then the pool.
 */
export async function openPostgres(
  url: string,
  opts: { schema?: string } = {},
): Promise<{ pool: pg.Pool; sql: Sql; store: ReturnType<typeof createPgEventStore>; close(): Promise<void> }> {
  const pool = await openPgPool(url, { schema: opts.schema });
  try {
    await migratePg(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const sql = createPgSql(pool);
  const store = createPgEventStore(pool, { listen: true });
  let closed: Promise<void> | null = null;
  return {
    pool,
    sql,
    store,
    close() {
      closed ??= (async () => {
        await store.close();
        await pool.end();
      })();
      return closed;
    },
  };
}

/**
 * The one database seam for every repository other than the event log
 * (accounts, plans, settings, media metadata): the same SQL runs on the
 * embedded SQLite file and on PostgreSQL. Write portable SQL: `?`
 * placeholders (PostgreSQL's adapter numbers them), `ON CONFLICT ... DO
 * UPDATE/NOTHING`, no `INSERT OR IGNORE`, no COLLATE NOCASE in queries
 * (compare `lower(x) = lower(?)`), and coerce counts with Number().
 */
export type SqlValue = string | number | null;

export interface Sql {
  readonly dialect: "sqlite" | "postgres";
  /** Every row of a query. */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row of a query, or undefined. */
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** A statement that changes rows; how many it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Runs `fn` in one transaction: all of it or none. `tx` is the only handle to use inside. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

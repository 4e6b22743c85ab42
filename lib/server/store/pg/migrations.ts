import { inPgTransaction } from "./pool";
import type pg from "pg";

/**
 * PostgreSQL schema changes, applied in order at start. Never edit a shipped
 * one; add the next version. Version 1 is the SQLite schema after its
 * migrations 1-5 (lib/server/store/migrations.ts), with the same table and
 * column names so the repositories' portable SQL runs on both. Times are
 * BIGINT milliseconds, as in SQLite; payloads and actors are JSON text, read
 * back exactly as written.
 */
export const PG_MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('organiser', 'trainer')),
        password_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        -- Part of every sign-in cookie; raised by sign-out and a password change, so older cookies stop working.
        session_version INTEGER NOT NULL DEFAULT 0
      );
      -- One account per address whatever its case (SQLite: COLLATE NOCASE). Look up with lower(email) = lower(?).
      CREATE UNIQUE INDEX users_email ON users (lower(email));
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        title TEXT NOT NULL,
        language TEXT NOT NULL,
        trainer_id TEXT NOT NULL REFERENCES users(id),
        status TEXT NOT NULL CHECK (status IN ('live', 'ended')),
        created_at BIGINT NOT NULL,
        ended_at BIGINT,
        -- Figures for the sessions list, kept with each append so the list never folds logs.
        plan_id TEXT,
        participants INTEGER NOT NULL DEFAULT 0,
        notes INTEGER NOT NULL DEFAULT 0
      );
      -- A join code is unique among live sessions; ended sessions free theirs.
      CREATE UNIQUE INDEX sessions_live_code ON sessions(code) WHERE status = 'live';
      CREATE INDEX sessions_code ON sessions(code);
      CREATE INDEX sessions_trainer ON sessions(trainer_id, created_at);
      CREATE INDEX sessions_created ON sessions(created_at);
      CREATE TABLE events (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        command_id TEXT,
        CONSTRAINT events_pkey PRIMARY KEY (session_id, seq)
      );
      -- Client-made command ids are random; one id is applied once, whichever session it names.
      CREATE UNIQUE INDEX events_command ON events(command_id) WHERE command_id IS NOT NULL;
      -- Plans edited in the browser; file plans under content/plans are read-only templates.
      CREATE TABLE plans (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        based_on TEXT,
        created_by TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      -- Uploaded videos; files live in MEDIA_DIR as <id>.<ext>, captions beside them as <id>.<lang>.vtt.
      CREATE TABLE media (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        file TEXT NOT NULL,
        type TEXT NOT NULL,
        size BIGINT NOT NULL,
        created_by TEXT,
        created_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- socket.io's PostgreSQL adapter: broadcasts between instances over 8,000 bytes (or binary) wait here
      -- for the others to read them; the adapter deletes them after 30 s.
      CREATE TABLE socket_io_attachments (
        id BIGSERIAL UNIQUE,
        created_at TIMESTAMPTZ DEFAULT NOW(),
        payload BYTEA
      );
    `,
  },
];

/**
 * Applies the pending migrations in one transaction, under an advisory lock
 * taken inside it: instances starting at once against the same schema queue
 * up, and the later ones find the work done. The lock is per schema, so test
 * runs in schemas of their own do not wait for one another.
 */
export async function migratePg(pool: pg.Pool): Promise<void> {
  await inPgTransaction(pool, async (client) => {
    const { rows } = await client.query<{ schema: string | null }>("SELECT current_schema() AS schema");
    if (!rows[0]?.schema) throw new Error("PostgreSQL: no schema to create tables in (check search_path and the schema's existence)");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('ortaq:migrations:' || $1))", [rows[0].schema]);
    await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
    const applied = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
    for (const m of PG_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", [m.version, Date.now()]);
    }
  });
}

import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations";

export type Db = Database.Database;

/** Opens the SQLite file (creating its folder), turns on WAL and runs pending migrations. */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // FULL: an event is on disk before the server acknowledges or broadcasts it.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  // Deleted sessions are overwritten on disk, not just unlinked: deletion is for good.
  db.pragma("secure_delete = ON");
  db.pragma("busy_timeout = 5000");
  // 32 MB of pages in memory (SQLite's default is 2 MB): a long session's command-id index is written at
  // random places, and reading those pages back from the file on every append slowed appends as it grew.
  db.pragma("cache_size = -32000");
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const applied = new Set(
    db.prepare("SELECT version FROM schema_migrations").all().map((r) => (r as { version: number }).version),
  );
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(m.version, Date.now());
    })();
  }
}

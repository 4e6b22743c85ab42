import crypto from "node:crypto";
import type { Db } from "./db";

/**
 * The key that signs cookies and participant tokens: SESSION_SECRET when set,
 * else one generated on first start and kept in the database, so a laptop
 * install needs no configuration and tokens survive a restart.
 */
export function loadSecret(db: Db, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const row = db.prepare("SELECT value FROM settings WHERE key = 'session_secret'").get() as { value: string } | undefined;
  if (row) return row.value;
  const secret = crypto.randomBytes(32).toString("base64url");
  db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('session_secret', ?)").run(secret);
  return (db.prepare("SELECT value FROM settings WHERE key = 'session_secret'").get() as { value: string }).value;
}

import crypto from "node:crypto";
import type { Sql } from "./sql";
import { readSetting } from "./settings";

/**
 * The key that signs cookies and participant tokens: SESSION_SECRET when set,
 * else one generated on first start and kept in the database, so a laptop
 * install needs no configuration and tokens survive a restart. Servers
 * starting together on one PostgreSQL database agree: the first insert wins
 * and every one of them reads that.
 */
export async function loadSecret(sql: Sql, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const stored = await readSetting(sql, "session_secret");
  if (stored) return stored;
  const secret = crypto.randomBytes(32).toString("base64url");
  await sql.run("INSERT INTO settings (key, value) VALUES ('session_secret', ?) ON CONFLICT (key) DO NOTHING", [secret]);
  const kept = await readSetting(sql, "session_secret");
  if (!kept) throw new Error("The session secret could not be stored in the settings table");
  return kept;
}

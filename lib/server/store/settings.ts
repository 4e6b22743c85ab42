import type { Sql } from "./sql";

/** The organisation's settings: one text value per key, in the `settings` table. */
export async function readSetting(sql: Sql, key: string): Promise<string | undefined> {
  return (await sql.get<{ value: string }>("SELECT value FROM settings WHERE key = ?", [key]))?.value;
}

/** Sets (or replaces) one setting. */
export async function writeSetting(sql: Sql, key: string, value: string): Promise<void> {
  await sql.run("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value]);
}

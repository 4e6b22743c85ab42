import type { Db } from "../store/db";
import type { EventStore } from "../store/event-store";

const KEY = "retention_days";

/** Days after which ended sessions are deleted; 0 keeps them. */
export function getRetentionDays(db: Db): number {
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(KEY) as { value: string } | undefined;
  const n = row ? Number(row.value) : 0;
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function setRetentionDays(db: Db, days: number): void {
  db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(KEY, String(days));
}

/** Deletes, for good, every ended session older than the retention period. Returns how many. */
export async function purgeExpired(db: Db, store: EventStore, now: number, evict: (id: string) => void): Promise<number> {
  const days = getRetentionDays(db);
  if (!days) return 0;
  const ids = await store.endedBefore(now - days * 86_400_000);
  for (const id of ids) {
    await store.deleteSession(id);
    evict(id);
  }
  return ids.length;
}

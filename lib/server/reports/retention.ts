import { readSetting, writeSetting } from "../store/settings";
import type { Sql } from "../store/sql";
import type { EventStore } from "../store/event-store";

const KEY = "retention_days";

/** Days after which ended sessions are deleted; 0 keeps them. */
export async function getRetentionDays(sql: Sql): Promise<number> {
  const value = await readSetting(sql, KEY);
  const n = value !== undefined ? Number(value) : 0;
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export async function setRetentionDays(sql: Sql, days: number): Promise<void> {
  await writeSetting(sql, KEY, String(days));
}

/** Deletes, for good, every ended session older than the retention period. Returns how many. */
export async function purgeExpired(sql: Sql, store: EventStore, now: number, evict: (id: string) => void): Promise<number> {
  const days = await getRetentionDays(sql);
  if (!days) return 0;
  const ids = await store.endedBefore(now - days * 86_400_000);
  for (const id of ids) {
    await store.deleteSession(id);
    evict(id);
  }
  return ids.length;
}

import type { LocalizedText } from "@/lib/domain/plan";

/**
 * Plan titles and account names for pages and exports that name many rows.
 * Both are read from the database (asynchronously) once, then looked up
 * while the tables are built, instead of one query per row.
 */
export interface NameBook {
  planTitle(id: string): LocalizedText | null;
  userName(id: string): string | null;
}

/** From `plans.list()` and `users.list()`; a plan id listed twice keeps its first entry, as `plans.get` does. */
export function nameBook(plans: readonly { id: string; title: LocalizedText }[], users: readonly { id: string; name: string }[]): NameBook {
  const titles = new Map<string, LocalizedText>();
  for (const p of plans) if (!titles.has(p.id)) titles.set(p.id, p.title);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    planTitle: (id) => titles.get(id) ?? null,
    userName: (id) => names.get(id) ?? null,
  };
}

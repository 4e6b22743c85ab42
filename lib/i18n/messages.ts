import type { Locale } from "@/lib/domain/locales";
import en from "./messages/en.json";

export type Messages = typeof en;

/** A locale's catalogue; keys it lacks fall back to English. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === "en") return en;
  const own = (await import(`./messages/${locale}.json`)).default as Partial<Messages>;
  return deepMerge(en, own);
}

function deepMerge<T>(base: T, over: unknown): T {
  if (typeof base !== "object" || base === null || typeof over !== "object" || over === null) {
    return (over ?? base) as T;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    out[k] = deepMerge((base as Record<string, unknown>)[k], v);
  }
  return out as T;
}

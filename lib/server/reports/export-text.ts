import type { Locale } from "@/lib/domain/locales";
import en from "@/lib/i18n/messages/en.json";
import kk from "@/lib/i18n/messages/kk.json";
import ru from "@/lib/i18n/messages/ru.json";

type Catalogue = typeof en;
type Namespaces = Pick<Catalogue, "exports" | "reports" | "profile">;

const CATALOGUES: Record<Locale, Partial<Catalogue>> = { en, ru: ru as Partial<Catalogue>, kk: kk as Partial<Catalogue> };

function merge<T>(base: T, over: unknown): T {
  if (typeof base !== "object" || base === null || typeof over !== "object" || over === null) return (over ?? base) as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = merge((base as Record<string, unknown>)[k], v);
  return out as T;
}

const cache = new Map<Locale, Namespaces>();

/**
 * The texts exports are written in: a session's files (CSV, XLSX, PDF) speak
 * the session's language, whoever downloads them. Read straight from the
 * catalogues, without next-intl's request context, so exports can be built
 * anywhere (route handlers, benches, tests). Missing keys fall back to English.
 */
export function exportText(locale: Locale): Namespaces {
  let text = cache.get(locale);
  if (!text) {
    const own = CATALOGUES[locale];
    text = { exports: merge(en.exports, own.exports), reports: merge(en.reports, own.reports), profile: merge(en.profile, own.profile) };
    cache.set(locale, text);
  }
  return text;
}

/** Fills `{name}` placeholders (plain ones only: no ICU plurals here). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** An age band or sex id as the session's language says it; "not answered" for none. */
export function profileValue(text: Namespaces, value: string | null): string {
  if (value === null || value === "not-answered") return text.profile.notAnswered;
  return (text.profile as Record<string, string>)[value] ?? value;
}

const clocks = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
/** Zones change their offset on quarter hours at the finest: one look-up per zone and quarter hour. */
const QUARTER_HOUR = 15 * 60_000;

function offsetMs(ms: number, timeZone: string | undefined): number {
  const bucket = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone ?? ""}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let clock = clocks.get(timeZone ?? "");
    if (!clock) {
      clock = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
      clocks.set(timeZone ?? "", clock);
    }
    const f: Record<string, number> = {};
    for (const part of clock.formatToParts(bucket)) if (part.type !== "literal") f[part.type] = Number(part.value);
    offset = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - bucket;
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * A time as a wall clock in `timeZone` showed it (default: this server's zone,
 * i.e. the room's on a trainer's laptop; the TZ variable sets it), carried in
 * a Date's UTC fields: spreadsheet date cells have no time zone, so this is
 * what they must hold.
 */
export function wallClock(ms: number, timeZone?: string): Date {
  return new Date(ms + offsetMs(ms, timeZone));
}

/** "2026-11-01 09:05:00" on the wall clock: every spreadsheet locale reads it as a date and time. */
export function wallClockText(ms: number, timeZone?: string): string {
  return wallClock(ms, timeZone).toISOString().slice(0, 19).replace("T", " ");
}

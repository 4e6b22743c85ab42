import { domainError, type DomainError } from "./errors";
import { cleanLine } from "./text";

export const NICKNAME_MAX = 30;

/**
 * Cleans a nickname: trims, folds runs of whitespace, drops control and
 * invisible formatting characters. Returns an error when nothing usable is left.
 */
export function normalizeNickname(input: string): { ok: true; value: string } | { ok: false; error: DomainError } {
  const cleaned = cleanLine(input);
  if (cleaned.length === 0) {
    return { ok: false, error: domainError("NICKNAME_INVALID", "Nickname is empty") };
  }
  if ([...cleaned].length > NICKNAME_MAX) {
    return { ok: false, error: domainError("NICKNAME_INVALID", `Nickname is longer than ${NICKNAME_MAX} characters`) };
  }
  return { ok: true, value: cleaned };
}

/** Two nicknames clash when they differ only by case. */
export function sameNickname(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

/**
 * A free form of the nickname: itself, or with the lowest number that makes
 * it unique ("Aigerim 2"), so nobody can squat a name and lock its owner out.
 */
export function freeNickname(wanted: string, taken: (nickname: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const base = [...wanted].slice(0, NICKNAME_MAX - suffix.length).join("").trimEnd();
    if (!taken(base + suffix)) return base + suffix;
  }
}

/** Whether `given` is the nickname someone asked for when they were given `assigned` (maybe numbered). */
export function askedFor(assigned: string, given: string): boolean {
  if (sameNickname(assigned, given)) return true;
  const m = /^(.*) \d+$/u.exec(assigned);
  return !!m && given.toLocaleLowerCase().startsWith(m[1].toLocaleLowerCase());
}

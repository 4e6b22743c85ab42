import { domainError, type DomainError } from "./errors";

export const NICKNAME_MAX = 30;

/**
 * Cleans a nickname: trims, folds runs of whitespace, drops control and
 * invisible formatting characters. Returns an error when nothing usable is left.
 */
export function normalizeNickname(input: string): { ok: true; value: string } | { ok: false; error: DomainError } {
  const cleaned = input
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
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

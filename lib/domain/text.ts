/**
 * Text a person typed, made safe to show anywhere: Unicode-normalised, with
 * control characters and invisible formatting removed. Bidirectional
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069, marks U+200E/U+200F
 * and U+061C) go, so a name can never reverse the join code shown beside it.
 * Zero-width joiners stay: emoji sequences and some scripts need them.
 */
const INVISIBLE = /[\p{Cf}]/gu;
const KEEP = new Set(["\u200c", "\u200d"]);

function stripFormatting(s: string): string {
  return s.replace(INVISIBLE, (c) => (KEEP.has(c) ? c : ""));
}

/** One line: no line breaks or tabs (they become spaces), runs of spaces folded, trimmed. */
export function cleanLine(input: string): string {
  return stripFormatting(input.normalize("NFC"))
    .replace(/[\t\n\v\f\r]/g, " ")
    .replace(/\p{Cc}/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Several lines: line breaks kept (at most one blank line in a row), other controls removed, trimmed. */
export function cleanMultiline(input: string): string {
  return stripFormatting(input.normalize("NFC"))
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(/[^\P{Cc}\n]/gu, "")
    .replace(/[ \u00a0]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

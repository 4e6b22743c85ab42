/**
 * A word filter for English, Russian and Kazakh. Lists are plain words, or
 * roots ending in "*" that match any word starting with them. Text is folded
 * first (case, ё/е, look-alike Latin letters in Cyrillic words, repeated
 * letters, separators inside words) so that simple disguises still match.
 */
export type WordFilter = (text: string) => boolean;

const LATIN_TO_CYRILLIC: Record<string, string> = { a: "а", e: "е", o: "о", p: "р", c: "с", x: "х", y: "у", k: "к", m: "м", t: "т", h: "н", b: "в" };

function fold(word: string): string {
  let w = word.toLowerCase().normalize("NFKC").replace(/ё/g, "е");
  if (/[\u0400-\u04ff]/.test(w)) w = w.replace(/[a-z]/g, (c) => LATIN_TO_CYRILLIC[c] ?? c);
  return w.replace(/(.)\1+/g, "$1");
}

export function createWordFilter(entries: readonly string[]): WordFilter {
  const exact = new Set<string>();
  const roots: string[] = [];
  for (const raw of entries) {
    const e = raw.trim();
    if (!e || e.startsWith("#")) continue;
    if (e.endsWith("*")) roots.push(fold(e.slice(0, -1)));
    else exact.add(fold(e));
  }
  return (text) => {
    // Join letters split by dots, dashes or spaces one by one ("f.u.c.k").
    const joined = text.replace(/(?<=\p{L})[.\-_*](?=\p{L})/gu, "");
    for (const token of joined.split(/[^\p{L}\p{N}]+/u)) {
      if (!token) continue;
      const w = fold(token);
      if (exact.has(w)) return true;
      for (const r of roots) if (w.startsWith(r)) return true;
    }
    return false;
  };
}

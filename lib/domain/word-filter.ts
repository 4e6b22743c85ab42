/**
 * A word filter for English, Russian and Kazakh. Lists are plain words,
 * roots ending in "*" that match any word starting with them, or phrases of
 * several such words. Text is folded first (case, ё/е, look-alike Latin
 * letters in Cyrillic words, repeated letters, separators inside words) so
 * that simple disguises still match.
 */
export type WordFilter = (text: string) => boolean;

const LATIN_TO_CYRILLIC: Record<string, string> = { a: "а", e: "е", o: "о", p: "р", c: "с", x: "х", y: "у", k: "к", m: "м", t: "т", h: "н", b: "в" };

function fold(word: string): string {
  let w = word.toLowerCase().normalize("NFKC").replace(/ё/g, "е");
  if (/[\u0400-\u04ff]/.test(w)) w = w.replace(/[a-z]/g, (c) => LATIN_TO_CYRILLIC[c] ?? c);
  return w.replace(/(.)\1+/g, "$1");
}

/** One word of a list entry: a whole word, or a root ending in "*". */
type Term = { word: string; root: boolean };

function term(raw: string): Term {
  return raw.endsWith("*") ? { word: fold(raw.slice(0, -1)), root: true } : { word: fold(raw), root: false };
}

function matchesTerm(t: Term, token: string): boolean {
  return t.root ? token.startsWith(t.word) : token === t.word;
}

/** Letters split by dots, dashes or stars one by one ("f.u.c.k") are joined; then the text splits into folded words. */
function tokens(text: string): string[] {
  const joined = text.replace(/(?<=\p{L})[.\-_*](?=\p{L})/gu, "");
  return joined.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(fold);
}

/**
 * Builds a filter from list entries. An entry with several words ("took my
 * passport", "меня бь*") is a phrase: its words must follow one another in
 * the text, each matched as a word or a root. Punctuation inside an entry
 * splits it the way it splits the text ("can't leave" is "can t leave").
 */
export function createWordFilter(entries: readonly string[]): WordFilter {
  const exact = new Set<string>();
  const roots: string[] = [];
  const phrases: Term[][] = [];
  for (const raw of entries) {
    const e = raw.trim();
    if (!e || e.startsWith("#")) continue;
    const words = e.split(/[^\p{L}\p{N}*]+/u).filter(Boolean);
    if (words.length > 1) phrases.push(words.map(term));
    else if (words.length === 1 && e.endsWith("*")) roots.push(fold(words[0].slice(0, -1)));
    else if (words.length === 1) exact.add(fold(words[0]));
  }
  return (text) => {
    const ws = tokens(text);
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i];
      if (exact.has(w)) return true;
      for (const r of roots) if (w.startsWith(r)) return true;
      for (const ph of phrases) {
        if (i + ph.length <= ws.length && ph.every((t, k) => matchesTerm(t, ws[i + k]))) return true;
      }
    }
    return false;
  };
}

import fs from "node:fs";
import path from "node:path";
import { createWordFilter, type WordFilter } from "@/lib/domain/word-filter";

/** Builds the note filter from every word list in the folder (content/filters/*.txt; sub-folders are lists of their own). */
export function loadWordFilter(dir: string): WordFilter {
  let words: string[] = [];
  try {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".txt"))) {
      words = words.concat(fs.readFileSync(path.join(dir, f), "utf8").split(/\r?\n/));
    }
  } catch {
    // No lists: the filter matches nothing.
  }
  return createWordFilter(words);
}

/** The concern list (self-harm, disclosure) in the `concern` folder beside the word lists. */
export function loadConcernFilter(filtersDir: string): WordFilter {
  return loadWordFilter(path.join(filtersDir, "concern"));
}

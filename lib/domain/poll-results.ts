import { findQuestion } from "./polls";
import type { SessionState } from "./session-state";
import { countWords, type CloudWord } from "./word-cloud";

/**
 * A question's results as the room may see them: the projector always learns
 * how many answered, and, while the trainer shows the results, the tallies,
 * the open answers' word cloud and the latest open answers (never one the
 * trainer hid, never who gave it). Phones get nothing while hidden.
 */
export interface PollResults {
  key: string;
  shown: boolean;
  total: number;
  /** Answers per option (scale: points 1-5); empty while hidden. */
  counts: number[];
  /** Open questions: the most used words, and the latest answers, newest first. */
  words: CloudWord[];
  texts: { id: string; text: string }[];
}

/** Most words in an open question's cloud. */
export const CLOUD_WORDS = 60;
/** Most open answers listed beside the cloud. */
export const LISTED_ANSWERS = 30;

/** The results of one question for the projector or for phones, from the server's (or a console's) record. */
export function pollResults(state: SessionState, key: string, audience: "screen" | "phones"): PollResults {
  const q = state.polls.questions[key];
  const hidden: PollResults = { key, shown: false, total: audience === "screen" ? (q?.total ?? 0) : 0, counts: [], words: [], texts: [] };
  if (!q || !(audience === "screen" ? q.results.screen : q.results.phones)) return hidden;
  const ref = findQuestion(state.plan, key);
  if (ref?.question.type !== "open") return { key, shown: true, total: q.total, counts: [...q.counts], words: [], texts: [] };
  const visible = q.textOrder.filter((id) => !q.texts[id].hidden);
  return {
    key,
    shown: true,
    total: q.total,
    counts: [],
    words: countWords(visible.map((id) => q.texts[id].text), state.language, CLOUD_WORDS),
    texts: visible.slice(-LISTED_ANSWERS).reverse().map((id) => ({ id, text: q.texts[id].text })),
  };
}

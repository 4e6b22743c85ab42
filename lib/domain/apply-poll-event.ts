import type { ClientEvent } from "./events";
import { newQuestionState, type PollState, type QuestionState } from "./polls";
import type { SessionState } from "./session-state";

type PollEvent = Extract<ClientEvent, { type: "poll:opened" | "poll:closed" | "poll:shown" | "poll:revealed" | "poll:answered" | "poll:answer-hidden" | "attendance:step" }>;

function withQuestion(polls: PollState, key: string, f: (q: QuestionState) => QuestionState): PollState {
  const q = polls.questions[key];
  return q ? { ...polls, questions: { ...polls.questions, [key]: f(q) } } : polls;
}

/** Moves each option's count by one, up (`by` 1) or down (-1), growing the list as needed. */
function tallied(counts: readonly number[], choice: readonly number[], by: 1 | -1): number[] {
  const out = [...counts];
  for (const i of choice) {
    while (out.length <= i) out.push(0);
    out[i] = Math.max(0, out[i] + by);
  }
  return out;
}

/**
 * Folds the poll events. Pure; `next` already carries the event's seq.
 * Tallies move by each answer's change alone (the event carries the answer
 * it replaces), so 500 answers cost 500 small steps, never a recount.
 * A phone (`self`) keeps only its own answer: the room's results reach it
 * through the coalesced results feed, when the trainer shows them.
 */
export function applyPollEvent(next: SessionState, event: PollEvent, self: string | null): SessionState {
  const polls = next.polls;
  switch (event.type) {
    case "poll:opened": {
      const p = event.payload;
      let questions = polls.questions;
      if (p.closed && questions[p.closed]) questions = { ...questions, [p.closed]: { ...questions[p.closed], status: "closed" } };
      const q = questions[p.key] ?? newQuestionState();
      return { ...next, polls: { current: p.key, questions: { ...questions, [p.key]: { ...q, status: "open" } } } };
    }
    case "poll:closed":
      return { ...next, polls: withQuestion(polls, event.payload.key, (q) => ({ ...q, status: "closed" })) };
    case "poll:shown":
      return { ...next, polls: withQuestion(polls, event.payload.key, (q) => ({ ...q, results: { screen: event.payload.screen, phones: event.payload.phones } })) };
    case "poll:revealed": {
      const { key, correct, explanation } = event.payload;
      // The reveal shows the results with the right answer, everywhere.
      return { ...next, polls: withQuestion(polls, key, (q) => ({ ...q, status: "closed", results: { screen: true, phones: true }, revealed: { correct, explanation } })) };
    }
    case "poll:answer-hidden": {
      const { key, answerId, hidden } = event.payload;
      return {
        ...next,
        polls: withQuestion(polls, key, (q) => (Object.hasOwn(q.texts, answerId) ? { ...q, texts: { ...q.texts, [answerId]: { ...q.texts[answerId], hidden } } } : q)),
      };
    }
    case "poll:answered": {
      const p = event.payload;
      const answer = { answerId: p.answerId, choice: p.choice, text: p.text, at: event.at };
      if (self) {
        if (p.participantId !== self) return next;
        return { ...next, polls: withQuestion(polls, p.key, (q) => ({ ...q, answers: { [self]: answer } })) };
      }
      return {
        ...next,
        polls: withQuestion(polls, p.key, (q) => {
          const counts = tallied(p.previous ? tallied(q.counts, p.previous.choice, -1) : q.counts, p.choice, 1);
          const known = Object.hasOwn(q.texts, p.answerId) ? q.texts[p.answerId] : null;
          const texts = p.text !== null ? { ...q.texts, [p.answerId]: { text: p.text, hidden: known?.hidden ?? false } } : q.texts;
          const textOrder = p.text !== null && !known ? [...q.textOrder, p.answerId] : q.textOrder;
          // Staff get the answer without its author (""): only the server keeps who answered what.
          const answers = p.participantId ? { ...q.answers, [p.participantId]: answer } : q.answers;
          return { ...q, counts, total: q.total + (p.previous ? 0 : 1), texts, textOrder, answers };
        }),
      };
    }
    case "attendance:step":
      // Read by impact reports straight from the log; the live record does not need it.
      return next;
  }
}

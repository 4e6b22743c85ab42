import type { ClientEvent } from "./events";
import type { PollState } from "./polls";
import type { HelpRequest } from "./safeguarding";
import type { SessionState } from "./session-state";

export type SafeguardingEvent = Extract<ClientEvent, { type: "help:requested" | "help:acknowledged" | "help:replied" | "help:purged" | "participant:forgotten" }>;

export const SAFEGUARDING_EVENTS: ReadonlySet<string> = new Set(["help:requested", "help:acknowledged", "help:replied", "help:purged", "participant:forgotten"]);

export function isSafeguardingEvent(event: ClientEvent): event is SafeguardingEvent {
  return SAFEGUARDING_EVENTS.has(event.type);
}

function without<T>(record: Record<string, T>, ids: ReadonlySet<string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(record)) if (!ids.has(k)) out[k] = v;
  return out;
}

/**
 * A forgotten participant's poll answers off each question: their option
 * counts and the total where this viewer holds the tallies (the server and
 * staff; the room's copies hold none), their open answer, their own record.
 */
function withoutAnswers(polls: PollState, participantId: string, answers: readonly { key: string; answerId: string; choice: readonly number[] }[]): PollState {
  if (answers.length === 0) return polls;
  const questions = { ...polls.questions };
  for (const a of answers) {
    const q = Object.hasOwn(questions, a.key) ? questions[a.key] : undefined;
    if (!q) continue;
    const tallies = q.total > 0;
    const counts = tallies ? q.counts.map((n, i) => (a.choice.includes(i) ? Math.max(0, n - 1) : n)) : q.counts;
    const texts = { ...q.texts };
    delete texts[a.answerId];
    const answersLeft = { ...q.answers };
    delete answersLeft[participantId];
    questions[a.key] = { ...q, counts, total: tallies ? q.total - 1 : q.total, texts, textOrder: q.textOrder.filter((id) => id !== a.answerId), answers: answersLeft };
  }
  return { ...polls, questions };
}

function patchRequest(state: SessionState, id: string, f: (r: HelpRequest) => HelpRequest): SessionState {
  const r = Object.hasOwn(state.helpRequests, id) ? state.helpRequests[id] : undefined;
  return r ? { ...state, helpRequests: { ...state.helpRequests, [id]: f(r) } } : state;
}

/**
 * Folds help requests and "forget me". Pure; `next` already carries the
 * event's seq. The server's record keeps who asked (it routes the reply);
 * clients get every request with no participant id.
 */
export function applySafeguardingEvent(next: SessionState, event: SafeguardingEvent, self: string | null): SessionState {
  switch (event.type) {
    case "help:requested": {
      const p = event.payload;
      if (Object.hasOwn(next.helpRequests, p.requestId)) return next;
      const request: HelpRequest = { id: p.requestId, participantId: p.participantId || null, message: p.message, nickname: p.nickname, at: event.at, acknowledged: false, replies: [] };
      return {
        ...next,
        helpRequests: { ...next.helpRequests, [p.requestId]: request },
        helpOrder: [...next.helpOrder, p.requestId],
        // The count is the trainer's (and the report's); a phone only holds its own requests.
        helpCount: self === null ? next.helpCount + 1 : next.helpCount,
      };
    }
    case "help:acknowledged":
      return patchRequest(next, event.payload.requestId, (r) => ({ ...r, acknowledged: true }));
    case "help:replied": {
      const p = event.payload;
      return patchRequest(next, p.requestId, (r) => ({ ...r, acknowledged: true, replies: [...r.replies, { id: p.replyId, text: p.text, at: event.at }] }));
    }
    case "help:purged":
      return { ...next, helpRequests: {}, helpOrder: [] };
    case "participant:forgotten": {
      const p = event.payload;
      const gone = new Set([p.participantId]);
      const notesGone = new Set(p.noteIds);
      const sketchesGone = new Set(p.sketchIds);
      const requestsGone = new Set(p.helpRequestIds);
      const strokesGone = new Map(p.strokes.map((s) => [s.sketchId, new Set(s.strokeIds)]));
      const votesBy = without(next.votesBy, gone);
      for (const v of Object.keys(votesBy)) if (votesBy[v].some((id) => notesGone.has(id))) votesBy[v] = votesBy[v].filter((id) => !notesGone.has(id));
      const sketches = without(next.sketches, sketchesGone);
      for (const [id, ids] of strokesGone) {
        const k = Object.hasOwn(sketches, id) ? sketches[id] : undefined;
        if (k) sketches[id] = { ...k, strokes: k.strokes.filter((st) => !ids.has(st.id)) };
      }
      return {
        ...next,
        participants: without(next.participants, gone),
        participantOrder: next.participantOrder.filter((id) => id !== p.participantId),
        membership: without(next.membership, gone),
        groupSizes: p.sizes,
        notes: without(next.notes, notesGone),
        noteOrder: next.noteOrder.filter((id) => !notesGone.has(id)),
        votesBy,
        sketches,
        sketchOrder: next.sketchOrder.filter((id) => !sketchesGone.has(id)),
        spotlight: next.spotlight && sketchesGone.has(next.spotlight) ? null : next.spotlight,
        profiles: without(next.profiles, gone),
        waiting: next.waiting.filter((id) => id !== p.participantId),
        pastGroups: next.pastGroups.map((g) => g.filter((id) => id !== p.participantId)),
        devices: without(next.devices, gone),
        helpRequests: without(next.helpRequests, requestsGone),
        helpOrder: next.helpOrder.filter((id) => !requestsGone.has(id)),
        polls: withoutAnswers(next.polls, p.participantId, p.pollAnswers ?? []),
      };
    }
  }
}

import type { ClientEvent, SessionEvent } from "./events";
import { roomPlan, type PollState, type QuestionState } from "./polls";
import type { Route } from "./visibility";

/**
 * Who sees what of polls and quizzes:
 * - answers are anonymous: only the server and the answering phone know whose an answer is;
 * - staff get every answer (without its author) and keep the tallies and open answers;
 * - the projector and phones get the questions' state (open, closed, shown, revealed),
 *   a phone its own answer, and the results through the coalesced results feed
 *   (`poll:results`), the phones only while the trainer shows them;
 * - right answers and explanations reach the room with the reveal, never in the plan.
 */

export const POLL_EVENTS: ReadonlySet<string> = new Set(["poll:opened", "poll:closed", "poll:shown", "poll:revealed", "poll:answered", "poll:answer-hidden", "attendance:step"]);

function withPayload(ce: ClientEvent, payload: object): ClientEvent {
  return { ...ce, payload } as ClientEvent;
}

/** The trainer's form: an answer without its author. */
export function staffPollForm(event: SessionEvent, ce: ClientEvent): ClientEvent {
  return event.type === "poll:answered" ? withPayload(ce, { ...event.payload, participantId: "" }) : ce;
}

/**
 * The room's form of a poll event for a phone (`participantId`) or the
 * projector (null), or null when it is not for them.
 */
export function roomPollForm(event: SessionEvent, ce: ClientEvent, participantId: string | null): ClientEvent | null {
  switch (event.type) {
    case "poll:answered":
      return participantId !== null && event.payload.participantId === participantId ? ce : null;
    case "poll:answer-hidden":
    case "attendance:step":
      return null;
    case "session:created":
      return withPayload(ce, { ...event.payload, plan: roomPlan(event.payload.plan) });
    default:
      return ce;
  }
}

const roomQuestion = (q: QuestionState): QuestionState => ({ ...q, counts: [], total: 0, texts: {}, textOrder: [], answers: {} });

/** The poll record a viewer holds: staff all but who answered; the room the questions' state, a phone with its own answer. */
export function pollsForViewer(polls: PollState, viewer: "staff" | "screen" | { participantId: string }): PollState {
  const questions: PollState["questions"] = {};
  for (const [key, q] of Object.entries(polls.questions)) {
    if (viewer === "staff") questions[key] = { ...q, answers: {} };
    else {
      const own = typeof viewer === "object" && Object.hasOwn(q.answers, viewer.participantId) ? { [viewer.participantId]: q.answers[viewer.participantId] } : {};
      questions[key] = { ...roomQuestion(q), answers: own };
    }
  }
  return { current: polls.current, questions };
}

/** Where each form of a poll event (or the session's first event, with its plan) goes; null for any other event. */
export function pollRoutes(event: SessionEvent, full: ClientEvent): { route: Route; event: ClientEvent }[] | null {
  switch (event.type) {
    case "poll:answered":
      return [
        { route: { to: "trainers" }, event: staffPollForm(event, full) },
        { route: { to: "participant", participantId: event.payload.participantId }, event: full },
      ];
    case "poll:answer-hidden":
    case "attendance:step":
      return [{ route: { to: "trainers" }, event: full }];
    case "session:created": {
      const room = roomPollForm(event, full, null)!;
      return [
        { route: { to: "trainers" }, event: full },
        { route: { to: "screen" }, event: room },
        { route: { to: "participants" }, event: room },
      ];
    }
    default:
      return POLL_EVENTS.has(event.type) ? [{ route: { to: "all" }, event: full }] : null;
  }
}

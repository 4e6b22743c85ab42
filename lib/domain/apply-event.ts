import type { ClientEvent } from "./events";
import type { SessionState } from "./session-state";

/**
 * Folds one event into the state. Pure: returns a new state and never
 * mutates the old one. Events at or below the state's seq are ignored, so a
 * client may receive the same event twice (resync plus broadcast) safely.
 */
export function applyEvent(state: SessionState, event: ClientEvent): SessionState {
  if (event.seq <= state.seq) return state;
  const next: SessionState = { ...state, seq: event.seq };
  switch (event.type) {
    case "session:created":
      return {
        ...next,
        code: event.payload.code,
        title: event.payload.title,
        language: event.payload.language,
        trainerId: event.payload.trainerId,
        status: "live",
        createdAt: event.at,
        plan: event.payload.plan,
        help: event.payload.help,
      };
    case "participant:joined": {
      const { participantId, nickname } = event.payload;
      if (next.participants[participantId]) return next;
      return {
        ...next,
        participants: { ...next.participants, [participantId]: { id: participantId, nickname, joinedAt: event.at } },
        participantOrder: [...next.participantOrder, participantId],
      };
    }
    case "session:ended":
      return { ...next, status: "ended", endedAt: event.at };
    case "agenda:moved":
      return { ...next, stepIndex: event.payload.index, stepStartedAt: event.at, timer: event.payload.timer };
    case "timer:set":
      return { ...next, timer: event.payload.timer };
  }
}

export function applyEvents(state: SessionState, events: readonly ClientEvent[]): SessionState {
  return events.reduce(applyEvent, state);
}

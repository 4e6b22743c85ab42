import type { ClientEvent, SessionEvent } from "./events";
import type { SessionState } from "./session-state";

/**
 * Who looks at a session. Staff (the trainer's console) sees the whole
 * record; the projector sees what the room may see; a participant sees the
 * session, its own record and, later, its own group.
 */
export type Viewer = { kind: "staff" } | { kind: "screen" } | { kind: "participant"; participantId: string };

/** Where an event goes: to every connected client, to staff and screens only, or to one participant. */
export type Audience = { kind: "all" } | { kind: "staff" } | { kind: "participant"; participantId: string };

export function audienceOf(event: SessionEvent | ClientEvent): Audience {
  switch (event.type) {
    case "session:created":
    case "session:ended":
    case "agenda:moved":
    case "timer:set":
      return { kind: "all" };
    case "participant:joined":
      // Participants do not learn each other's nicknames from the join stream.
      return { kind: "participant", participantId: event.payload.participantId };
  }
}

export function canSee(viewer: Viewer, audience: Audience): boolean {
  if (viewer.kind === "staff" || viewer.kind === "screen") return true;
  if (audience.kind === "all") return true;
  if (audience.kind === "participant") return audience.participantId === viewer.participantId;
  return false;
}

/** The event as a client receives it (no actor or command id), or null when the viewer may not see it. */
export function eventForViewer(event: SessionEvent, viewer: Viewer): ClientEvent | null {
  if (!canSee(viewer, audienceOf(event))) return null;
  return toClientEvent(event);
}

export function toClientEvent(event: SessionEvent): ClientEvent {
  return { type: event.type, payload: event.payload, sessionId: event.sessionId, seq: event.seq, at: event.at } as ClientEvent;
}

/** The part of the state a viewer may hold; a participant keeps only its own participant record. */
export function stateForViewer(state: SessionState, viewer: Viewer): SessionState {
  if (viewer.kind !== "participant") return state;
  const me = state.participants[viewer.participantId];
  return {
    ...state,
    participants: me ? { [me.id]: me } : {},
    participantOrder: me ? [me.id] : [],
  };
}

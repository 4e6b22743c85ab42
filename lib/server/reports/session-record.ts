import { applyEvents } from "@/lib/domain/apply-event";
import type { ClientEvent, SessionEvent } from "@/lib/domain/events";
import { HELP_EVENT_TYPES } from "@/lib/domain/safeguarding";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import { eventForViewer, stateForViewer } from "@/lib/domain/visibility";
import type { EventStore, SessionRecord } from "../store/event-store";
import type { User } from "../accounts/user-store";

/**
 * A session's full record, folded from its log: what reports and exports
 * read, live or ended. Only the session's trainer and organisers may have it.
 */
export async function loadSessionFor(store: EventStore, user: User, sessionId: string): Promise<{ record: SessionRecord; state: SessionState } | null> {
  const record = await store.getSession(sessionId);
  if (!record || (user.role !== "organiser" && record.trainerId !== user.id)) return null;
  const events = await store.readSince(sessionId, 0);
  return { record, state: applyEvents(emptySessionState(sessionId), events) };
}

/**
 * The log as reports and exports show it: the staff form of every event,
 * without help requests (they are the trainer's and the asking phone's
 * only; reports give their number alone, `state.helpCount`).
 */
export function recordEvents(events: readonly SessionEvent[], state: SessionState): ClientEvent[] {
  return events.filter((e) => !HELP_EVENT_TYPES.has(e.type)).map((e) => eventForViewer(e, { kind: "staff" }, state)!);
}

/** The session's state as exports hold it: the staff view, without help requests (their count stays). */
export function recordState(state: SessionState): SessionState {
  return { ...stateForViewer(state, { kind: "staff" }), helpRequests: {}, helpOrder: [] };
}

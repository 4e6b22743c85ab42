import { applyEvents } from "@/lib/domain/apply-event";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
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

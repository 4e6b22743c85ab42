import type { SessionState } from "@/lib/domain/session-state";
import { rooms, type OrtaqServer } from "./socket-types";

/**
 * Moves each phone whose group changed into its new group's room, so it
 * hears its new group's news from the very event that moved it. Only the
 * participants whose membership changed are touched.
 */
export function moveGroupRooms(io: OrtaqServer, sessionId: string, before: SessionState, after: SessionState): void {
  if (before.membership === after.membership) return;
  // Everyone in either state: a removed participant leaves its group's room too.
  for (const pid of new Set([...before.participantOrder, ...after.participantOrder])) {
    const was = before.membership[pid];
    const now = after.membership[pid];
    if (was === now) continue;
    const own = io.local.in(rooms.participant(sessionId, pid));
    if (was) own.socketsLeave(rooms.group(sessionId, was));
    if (now) own.socketsJoin(rooms.group(sessionId, now));
  }
}

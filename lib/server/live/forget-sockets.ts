import type { SessionState } from "@/lib/domain/session-state";
import { announceBreaks } from "./breaks";
import { rooms, type HandlerContext } from "./socket-types";

/**
 * A forgotten participant's sockets, before the news goes out: out of the
 * session's and its group's rooms (it hears of its own deletion in its own
 * room, and nothing after), unbound (its pass no longer names anyone), and
 * offline for the console.
 */
export function forgetSockets(ctx: Pick<HandlerContext, "io" | "presence" | "presenceFeed" | "breaks">, sessionId: string, participantId: string, before: SessionState): void {
  const ids = ctx.io.sockets.adapter.rooms.get(rooms.participant(sessionId, participantId));
  const group = before.membership[participantId];
  for (const id of ids ?? []) {
    const socket = ctx.io.sockets.sockets.get(id);
    if (!socket) continue;
    if (socket.data.participant?.sessionId === sessionId && socket.data.participant.participantId === participantId) socket.data.participant = null;
    if (group) socket.leave(rooms.group(sessionId, group));
    if (!socket.data.watching.has(sessionId)) socket.leave(rooms.session(sessionId));
  }
  if (ctx.presence.forget(sessionId, participantId)) ctx.presenceFeed.changed(sessionId, participantId, false);
  if (ctx.breaks.set(sessionId, participantId, false)) announceBreaks(ctx, sessionId);
}

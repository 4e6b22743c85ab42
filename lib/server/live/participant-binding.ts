import { systemCommandId } from "./cluster-link";
import type { SessionHub } from "./session-hub";
import { rooms, type HandlerContext, type OrtaqSocket } from "./socket-types";

/** Binds the socket to one participant: its rooms, its presence. A socket is one participant at a time. */
export function bindParticipant(socket: OrtaqSocket, ctx: HandlerContext, hub: SessionHub, participantId: string): void {
  const current = socket.data.participant;
  if (current && (current.sessionId !== hub.id || current.participantId !== participantId)) {
    unbindParticipant(socket, ctx);
  }
  if (!socket.data.participant) {
    socket.data.participant = { sessionId: hub.id, participantId };
    const groupId = hub.state.membership[participantId];
    socket.join([rooms.session(hub.id), rooms.participant(hub.id, participantId), ...(groupId ? [rooms.group(hub.id, groupId)] : [])]);
    if (ctx.presence.connect(hub.id, participantId)) ctx.presenceFeed.changed(hub.id, participantId, true);
  }
}

export function unbindParticipant(socket: OrtaqSocket, ctx: HandlerContext): void {
  const p = socket.data.participant;
  if (!p) return;
  socket.data.participant = null;
  socket.leave(rooms.participant(p.sessionId, p.participantId));
  const groupPrefix = rooms.group(p.sessionId, "");
  for (const room of socket.rooms) if (room.startsWith(groupPrefix)) socket.leave(room);
  if (!socket.data.watching.has(p.sessionId)) socket.leave(rooms.session(p.sessionId));
  if (ctx.presence.disconnect(p.sessionId, p.participantId)) ctx.presenceFeed.changed(p.sessionId, p.participantId, false);
}

/** A new high of people online at once goes into the log, for the attendance report. */
export function recordPeak(ctx: Pick<HandlerContext, "registry" | "deps">, sessionId: string, online: number): void {
  void ctx.registry
    .get(sessionId)
    .then((hub) => {
      if (hub && online > hub.state.peakOnline && hub.state.status === "live") {
        // The same high seen by two instances is one record.
        return hub.execute(systemCommandId("peak", sessionId, online), { kind: "system" }, { type: "attendance:record", online });
      }
    })
    .catch((err: unknown) => ctx.deps.logger.warn("attendance record failed", { error: err instanceof Error ? err.message : String(err) }));
}

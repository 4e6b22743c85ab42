import { mayDrawOn } from "@/lib/domain/sketch-commands";
import { strokeProgressSchema } from "@/lib/protocol/commands";
import { strike } from "../command-dispatch";
import { rooms, type HandlerContext, type OrtaqSocket } from "../socket-types";

/**
 * Live points of a stroke being drawn: fire-and-forget, never stored. Bad or
 * excess packets are dropped, never answered.
 */
export function relayStrokeProgress(socket: OrtaqSocket, ctx: HandlerContext, payload: unknown): void {
  const p = socket.data.participant;
  if (!p) return;
  if (!ctx.limits.progress.take(p.participantId)) return;
  const parsed = strokeProgressSchema.safeParse(payload);
  if (!parsed.success) {
    strike(socket, ctx, "bad stroke progress");
    return;
  }
  void ctx.registry.get(p.sessionId).then((hub) => {
    if (!hub) return;
    // One parse of the sketch id per packet: it says whose sketch it is and so where it goes.
    const may = mayDrawOn(hub.state, p.participantId, parsed.data.sketchId);
    if (!may.ok) return;
    const groupId = may.ownerKind === "group" ? may.ownerId : (hub.state.membership[p.participantId] ?? null);
    const hidden = hub.state.sketches[parsed.data.sketchId]?.hidden;
    const targets = [...(hidden ? [] : [rooms.screen(p.sessionId)]), rooms.trainers(p.sessionId), ...(groupId ? [rooms.group(p.sessionId, groupId)] : [])];
    socket.volatile.to(targets).emit("stroke:progress", { ...parsed.data, authorId: p.participantId });
  });
}

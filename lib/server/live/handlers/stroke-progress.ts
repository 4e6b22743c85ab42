import { mayDrawOn } from "@/lib/domain/sketch-commands";
import { strokeProgressSchema, type StrokeProgress } from "@/lib/protocol/commands";
import { strike } from "../command-dispatch";
import type { SessionHub } from "../session-hub";
import { rooms, type HandlerContext, type OrtaqSocket } from "../socket-types";

/**
 * Live points of a stroke being drawn: fire-and-forget, never stored. Bad or
 * excess packets are dropped, never answered. The hot path of live drawing
 * (a hundred phones at 30 packets a second): the points stay packed (one
 * string, checked by the schema's regular expression), the hub is taken
 * without waiting a turn, and the packet goes out in one emit to the rooms
 * that may see it.
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
  const hub = ctx.registry.peek(p.sessionId);
  if (hub) relay(socket, hub, p.participantId, parsed.data);
  else void ctx.registry.get(p.sessionId).then((h) => h && relay(socket, h, p.participantId, parsed.data));
}

function relay(socket: OrtaqSocket, hub: SessionHub, participantId: string, packet: StrokeProgress): void {
  const state = hub.state;
  // One parse of the sketch id per packet: it says whose sketch it is and so where it goes.
  const may = mayDrawOn(state, participantId, packet.sketchId);
  if (!may.ok) return;
  const groupId = may.ownerKind === "group" ? may.ownerId : (state.membership[participantId] ?? null);
  const targets = [rooms.trainers(hub.id)];
  if (!state.sketches[packet.sketchId]?.hidden) targets.push(rooms.screen(hub.id));
  if (groupId) targets.push(rooms.group(hub.id, groupId));
  socket.volatile.to(targets).emit("stroke:progress", { ...packet, authorId: participantId });
}

import type { SessionCommand } from "@/lib/domain/commands";
import { mayDrawOn } from "@/lib/domain/sketch-commands";
import { strokeProgressSchema } from "@/lib/protocol/commands";
import { errorAck } from "@/lib/protocol/result";
import { onCommand, strike } from "../command-handler";
import type { HandlerContext, OrtaqSocket } from "../socket-types";
import { rooms } from "../socket-types";

/** A committed stroke may carry up to 1,500 points; the other commands stay small. */
const STROKE_COMMIT_BYTES = 64 * 1024;

/** Drawing: live progress (volatile), committed strokes (stored), undo, clear, done. */
export function registerSketchHandlers(socket: OrtaqSocket, ctx: HandlerContext): void {
  const run = async (commandId: string, command: SessionCommand, sessionId?: string) => {
    const p = socket.data.participant;
    const u = socket.data.user;
    if (!p && !(u && sessionId)) return errorAck("NOT_JOINED", "Join the session first");
    const hub = await ctx.registry.get(p ? p.sessionId : sessionId!);
    if (!hub) return errorAck("SESSION_NOT_FOUND", "No such session");
    const actor = p ? { kind: "participant" as const, id: p.participantId } : { kind: "user" as const, id: u!.id, role: u!.role };
    const r = await hub.execute(commandId, actor, command);
    return r.ok ? { ok: true as const, seq: r.event.seq } : r;
  };

  onCommand(socket, ctx, "stroke:commit", (c) => run(c.id, { type: "stroke:commit", sketchId: c.sketchId, stroke: c.stroke }), STROKE_COMMIT_BYTES);
  onCommand(socket, ctx, "stroke:undo", (c) => run(c.id, { type: "stroke:undo", sketchId: c.sketchId, strokeId: c.strokeId }));
  onCommand(socket, ctx, "sketch:clear", (c) => run(c.id, { type: "sketch:clear", sketchId: c.sketchId }));
  onCommand(socket, ctx, "sketch:mark", (c) => run(c.id, { type: "sketch:mark", sketchId: c.sketchId, done: c.done }, c.sessionId));

  // Progress is fire-and-forget: bad or excess packets are dropped, never answered.
  (socket as unknown as { on(e: string, f: (payload: unknown) => void): void }).on("stroke:progress", async (payload) => {
    const p = socket.data.participant;
    if (!p) return;
    if (!ctx.limits.progress.take(p.participantId)) return;
    const parsed = strokeProgressSchema.safeParse(payload);
    if (!parsed.success) {
      strike(socket, ctx, "bad stroke progress");
      return;
    }
    const hub = await ctx.registry.get(p.sessionId);
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

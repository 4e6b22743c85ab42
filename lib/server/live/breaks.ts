import { z } from "zod";
import { currentStep } from "@/lib/domain/session-state";
import { strike } from "./command-dispatch";
import { rooms, type HandlerContext, type OrtaqSocket } from "./socket-types";

/**
 * Who stepped out for a break, per session: in memory only, never stored,
 * never logged. Trainers get the count alone, never who; the projector and
 * other phones get nothing.
 */
export class Breaks {
  private readonly bySession = new Map<string, Set<string>>();

  count(sessionId: string): number {
    return this.bySession.get(sessionId)?.size ?? 0;
  }

  /** Marks a participant away or back; true when the count changed. */
  set(sessionId: string, participantId: string, away: boolean): boolean {
    let set = this.bySession.get(sessionId);
    if (away) {
      if (!set) this.bySession.set(sessionId, (set = new Set()));
      if (set.has(participantId)) return false;
      set.add(participantId);
      return true;
    }
    if (!set?.delete(participantId)) return false;
    if (set.size === 0) this.bySession.delete(sessionId);
    return true;
  }

  /** Forgets a whole session (it ended). */
  clear(sessionId: string): boolean {
    return this.bySession.delete(sessionId);
  }
}

export const breakSchema = z.strictObject({ away: z.boolean() });

/** Tells the session's consoles the new count. */
export function announceBreaks(ctx: Pick<HandlerContext, "io" | "breaks">, sessionId: string): void {
  ctx.io.to(rooms.trainers(sessionId)).emit("breaks:changed", { sessionId, count: ctx.breaks.count(sessionId) });
}

/**
 * A phone steps out ("Take a break") or comes back ("I'm back"). Stepping
 * out is offered during a step with a content warning; coming back always
 * counts. Fire-and-forget: bad packets are dropped, never answered.
 */
export function setBreak(socket: OrtaqSocket, ctx: HandlerContext, payload: unknown): void {
  const p = socket.data.participant;
  if (!p) return;
  const parsed = breakSchema.safeParse(payload);
  if (!parsed.success) {
    strike(socket, ctx, "bad break");
    return;
  }
  if (!ctx.limits.commands.take(`p:${p.participantId}`)) return;
  void ctx.registry.get(p.sessionId).then((hub) => {
    if (!hub || !Object.hasOwn(hub.state.participants, p.participantId)) return;
    const away = parsed.data.away && hub.state.status === "live" && !!currentStep(hub.state)?.warning;
    if (ctx.breaks.set(p.sessionId, p.participantId, away)) announceBreaks(ctx, p.sessionId);
  });
}

import { z } from "zod";
import { currentStep } from "@/lib/domain/session-state";
import { strike } from "./command-dispatch";
import { ClusterSet, type SetChange } from "./cluster-set";
import { rooms, type HandlerContext, type OrtaqSocket } from "./socket-types";

/**
 * Who stepped out for a break, per session: in memory only, never stored,
 * never logged. Trainers get the count alone, never who; the projector and
 * other phones get nothing.
 */
export class Breaks {
  readonly members: ClusterSet;

  /** `publish`: tells the other instances (several instances share one count). */
  constructor(publish?: (change: SetChange) => void) {
    this.members = new ClusterSet(publish);
  }

  count(sessionId: string): number {
    return this.members.size(sessionId);
  }

  /** Marks a participant away or back; true when the count changed. */
  set(sessionId: string, participantId: string, away: boolean): boolean {
    return away ? this.members.add(sessionId, participantId, false) : this.members.remove(sessionId, participantId, true);
  }

  /** Forgets a whole session (it ended). */
  clear(sessionId: string): boolean {
    return this.members.clear(sessionId);
  }
}

export const breakSchema = z.strictObject({ away: z.boolean() });

/** Tells the session's consoles on this instance the new count (each instance tells its own). */
export function announceBreaks(ctx: Pick<HandlerContext, "io" | "breaks">, sessionId: string): void {
  ctx.io.local.to(rooms.trainers(sessionId)).emit("breaks:changed", { sessionId, count: ctx.breaks.count(sessionId) });
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

import type { CommandActor, WireCommand } from "@/lib/domain/decision";
import type { SessionEvent } from "@/lib/domain/events";
import type { CommandBody, SessionCommandName } from "@/lib/protocol/commands";
import type { AckData } from "@/lib/protocol/events";
import { errorAck, type Ack } from "@/lib/protocol/result";
import { COMMANDS } from "@/lib/protocol/commands";
import type { HandlerContext, OrtaqSocket } from "../socket-types";

type AckExtras = { [N in keyof AckData & SessionCommandName]: (event: SessionEvent) => AckData[N] };

/** What some commands answer besides `{ok, seq}`: the type checker asks for one per entry of `AckData`. */
const ACK_EXTRAS: AckExtras = {
  "note:add": (e) => ({ held: e.type === "note:added" && e.payload.note.status === "held" }),
  "note:edit": (e) => ({ held: e.type === "note:edited" && e.payload.held }),
};

function extrasFor(name: SessionCommandName, event: SessionEvent): object {
  return name === "note:add" || name === "note:edit" ? ACK_EXTRAS[name](event) : {};
}

/** Who acts, and in which session, as the command's scope says. */
function resolve(socket: OrtaqSocket, name: SessionCommandName, sessionId: string | undefined): { actor: CommandActor; sessionId: string } | Ack {
  const p = socket.data.participant;
  const u = socket.data.user;
  switch (COMMANDS[name].scope) {
    case "member":
      return p ? { actor: { kind: "participant", id: p.participantId }, sessionId: p.sessionId } : errorAck("NOT_JOINED", "Join the session first");
    case "session":
      if (p) return { actor: { kind: "participant", id: p.participantId }, sessionId: p.sessionId };
      if (u && sessionId) return { actor: { kind: "user", id: u.id, role: u.role }, sessionId };
      return errorAck("NOT_JOINED", "Join the session first");
    case "staff":
      if (!u) return errorAck("UNAUTHENTICATED", "Sign in first");
      if (!sessionId) return errorAck("BAD_REQUEST", "sessionId: required");
      return { actor: { kind: "user", id: u.id, role: u.role }, sessionId };
  }
}

/**
 * The one handler for every member, session and staff command: the actor
 * comes from the socket, the session from the socket's binding or the
 * envelope, and the domain's `decide` authorises and rules.
 */
export async function runSessionCommand<N extends SessionCommandName>(
  socket: OrtaqSocket,
  ctx: HandlerContext,
  name: N,
  envelope: { id: string; sessionId?: string },
  body: CommandBody<N>,
): Promise<Ack> {
  const who = resolve(socket, name, envelope.sessionId);
  if ("ok" in who) return who;
  // Notes have their own, tighter budget per participant (never per IP).
  if (name === "note:add" && who.actor.kind === "participant" && !ctx.limits.notes.take(who.actor.id)) {
    return errorAck("RATE_LIMITED", "You are sending notes too fast; wait a moment");
  }
  const hub = ctx.registry.peek(who.sessionId) ?? (await ctx.registry.get(who.sessionId));
  if (!hub) return errorAck("SESSION_NOT_FOUND", "No such session");
  const head: { type: N } = { type: name };
  const command: WireCommand<N> = { ...head, ...body };
  const result = await hub.execute(envelope.id, who.actor, command);
  if (!result.ok) return result;
  return { ok: true, seq: result.event.seq, ...extrasFor(name, result.event) };
}

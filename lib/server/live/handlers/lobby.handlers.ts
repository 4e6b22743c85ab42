import { isStaff, type CommandActor } from "@/lib/domain/decision";
import { isJoinCode, normalizeJoinCode } from "@/lib/domain/join-code";
import { askedFor } from "@/lib/domain/nickname";
import type { CommandBody, LobbyCommandName } from "@/lib/protocol/commands";
import type { AckOf } from "@/lib/protocol/events";
import { errorAck, type Ack } from "@/lib/protocol/result";
import { openParticipantToken, openScreenKey, sealParticipantToken } from "../../accounts/tokens";
import { actorKey } from "../command-dispatch";
import { bindParticipant } from "../participant-binding";
import { rooms, type HandlerContext, type OrtaqSocket } from "../socket-types";

export type LobbyHandler<N extends LobbyCommandName> = (socket: OrtaqSocket, ctx: HandlerContext, commandId: string, body: CommandBody<N>) => Promise<Ack<AckOf<N>>>;

function userActor(socket: OrtaqSocket): Extract<CommandActor, { kind: "user" }> | null {
  const u = socket.data.user;
  return u ? { kind: "user", id: u.id, role: u.role } : null;
}

/**
 * The commands that come before a socket is bound to a session: a trainer
 * creates or watches one, a projector watches with its key, a phone joins
 * with a code or resumes with its token. Everything else runs through the
 * one generic session command handler.
 */
export const LOBBY_HANDLERS: { [N in LobbyCommandName]: LobbyHandler<N> } = {
  async "session:create"(socket, ctx, commandId, p) {
    const actor = userActor(socket);
    if (!actor) return errorAck("UNAUTHENTICATED", "Sign in to create a session");
    const previous = await ctx.deps.store.findByCommandId(commandId);
    if (previous) {
      if (previous.type === "session:created" && previous.actor.kind === "user" && previous.actor.id === actor.id) {
        return { ok: true, seq: previous.seq, sessionId: previous.sessionId, code: previous.payload.code };
      }
      return errorAck("DUPLICATE_ID", "This command id was already used");
    }
    const plan = p.planId ? (await ctx.deps.plans.get(p.planId))?.plan : null;
    if (p.planId && !plan) return errorAck("PLAN_NOT_FOUND", "No plan with this id");
    const hub = await ctx.registry.create({
      title: p.title,
      language: p.language,
      trainerId: actor.id,
      commandId,
      plan: plan ?? null,
      help: await ctx.deps.help.forSession(),
      askProfile: p.askProfile,
    });
    ctx.deps.logger.info("session created", { session: hub.id, by: actor.id });
    return { ok: true, seq: hub.state.seq, sessionId: hub.id, code: hub.state.code };
  },

  async "session:watch"(socket, ctx, _commandId, p) {
    const hub = await ctx.registry.get(p.sessionId);
    if (!hub) return errorAck("SESSION_NOT_FOUND", "No such session");
    const actor = userActor(socket);
    let viewer: "staff" | "screen";
    if (actor && isStaff(actor, hub.state)) viewer = p.as === "screen" ? "screen" : "staff";
    else if (p.screenKey && (await openScreenKey(p.screenKey, ctx.deps.secret))?.sessionId === hub.id) viewer = "screen";
    else return actor ? errorAck("FORBIDDEN", "This session belongs to another trainer") : errorAck("UNAUTHENTICATED", "Sign in to watch this session");

    // A client ahead of this hub saw another instance's events: read them first, never hand it an older state.
    if (p.lastSeq > hub.state.seq) await hub.refresh();
    // Join the rooms and take the sync in one tick: no event can slip between them.
    socket.join([rooms.session(hub.id), viewer === "staff" ? rooms.trainers(hub.id) : rooms.screen(hub.id)]);
    socket.data.watching.add(hub.id);
    const sync = hub.sync({ kind: viewer }, p.lastSeq);
    socket.emit("presence:changed", ctx.presenceFeed.snapshot(hub.id));
    // How many stepped out for a break: the trainers' alone, and only the number.
    if (viewer === "staff") socket.emit("breaks:changed", { sessionId: hub.id, count: ctx.breaks.count(hub.id) });
    return { ok: true, seq: hub.state.seq, sessionId: hub.id, sync, now: ctx.deps.clock() };
  },

  async "participant:join"(socket, ctx, commandId, p) {
    if (!ctx.limits.joins.take(actorKey(socket))) return errorAck("RATE_LIMITED", "Too many join attempts; wait a moment");
    // Wrong codes are counted per address and across the server; a right code is never slowed.
    const found = await ctx.joinGuard.guard(socket.data.address, async () => {
      const code = normalizeJoinCode(p.code);
      const record = isJoinCode(code) ? await ctx.deps.store.findSessionByCode(code) : null;
      if (!record) ctx.joinGuard.wrong(socket.data.address);
      return record;
    });
    if (found && "refused" in found) return errorAck("RATE_LIMITED", `Too many wrong codes from this network; try again in ${Math.ceil(found.retryAfterMs / 1000)} s`);
    if (!found) return errorAck("JOIN_CODE_UNKNOWN", "No session has this code");
    if (found.status === "ended") return errorAck("SESSION_ENDED", "This session has ended");
    // The organisation asks each participant to agree to its notice before joining.
    if (p.consent !== true && (await ctx.deps.safeguarding.consent()).required) return errorAck("CONSENT_REQUIRED", "Read the notice and tick \"I agree\" to join");
    const hub = await ctx.registry.get(found.id);
    if (!hub) return errorAck("JOIN_CODE_UNKNOWN", "No session has this code");

    const participantId = ctx.deps.newId();
    // A resent join (same command id) is the same person: hand back the participant it created.
    const result = await hub.execute(
      commandId,
      { kind: "participant", id: participantId },
      { type: "participant:join", participantId, nickname: p.nickname, device: socket.data.device },
      (prev) => prev.type === "participant:joined" && askedFor(prev.payload.nickname, p.nickname.trim()),
    );
    if (!result.ok) return result;
    if (result.event.type !== "participant:joined") return errorAck("INTERNAL", "Unexpected event");
    // A resent join another instance answered first: read its event before binding to it.
    if (result.event.seq > hub.state.seq) await hub.refresh();
    const joinedId = result.event.payload.participantId;
    const token = await sealParticipantToken(hub.id, joinedId, ctx.deps.secret);
    bindParticipant(socket, ctx, hub, joinedId);
    const sync = hub.sync({ kind: "participant", participantId: joinedId }, 0);
    return { ok: true, seq: result.event.seq, sessionId: hub.id, participantId: joinedId, token, sync, now: ctx.deps.clock() };
  },

  async "participant:resume"(socket, ctx, _commandId, p) {
    const data = await openParticipantToken(p.token, ctx.deps.secret);
    if (!data) return errorAck("TOKEN_INVALID", "This device's pass is no longer valid; join again");
    const hub = await ctx.registry.get(data.sessionId);
    // A pass this copy does not know (yet), or a phone ahead of it: the participant may have joined on
    // another instance a moment ago. Read the log before answering.
    if (hub && (!Object.hasOwn(hub.state.participants, data.participantId) || p.lastSeq > hub.state.seq)) await hub.refresh();
    if (hub?.state.removed.includes(data.participantId)) return errorAck("REMOVED", "The trainer removed you from this session");
    if (!hub || !Object.hasOwn(hub.state.participants, data.participantId)) {
      return errorAck("TOKEN_INVALID", "This device's pass is no longer valid; join again");
    }
    bindParticipant(socket, ctx, hub, data.participantId);
    const sync = hub.sync({ kind: "participant", participantId: data.participantId }, p.lastSeq);
    return { ok: true, seq: hub.state.seq, sessionId: hub.id, participantId: data.participantId, sync, now: ctx.deps.clock() };
  },
};

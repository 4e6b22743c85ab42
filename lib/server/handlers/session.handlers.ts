import { isStaffOf, type CommandActor, type SessionCommand } from "@/lib/domain/commands";
import type { CommandPayload } from "@/lib/protocol/commands";
import { errorAck } from "@/lib/protocol/result";
import { onCommand } from "../command-handler";
import type { HandlerContext, OrtaqSocket } from "../socket-types";
import { rooms } from "../socket-types";
import { openScreenKey } from "../tokens";

function userActor(socket: OrtaqSocket): Extract<CommandActor, { kind: "user" }> | null {
  const u = socket.data.user;
  return u ? { kind: "user", id: u.id, role: u.role } : null;
}

type StaffCommandName =
  | "session:end"
  | "agenda:goto"
  | "timer:start"
  | "timer:pause"
  | "timer:extend"
  | "timer:reset"
  | "groups:form"
  | "participant:move"
  | "groups:merge"
  | "group:split"
  | "group:rename"
  | "group:remove"
  | "groups:dissolve"
  | "broadcast:send"
  | "note:hide"
  | "note:restore"
  | "note:cluster"
  | "cluster:create"
  | "cluster:rename"
  | "cluster:remove"
  | "board:configure"
  | "sketch:hide"
  | "sketch:restore"
  | "sketch:spotlight"
  | "sketch:configure"
  | "video:play"
  | "video:pause"
  | "video:seek"
  | "video:configure"
  | "video:confirm-warning";

/** Trainer and projector commands: create, watch and end a session, run its agenda and groups. */
export function registerSessionHandlers(socket: OrtaqSocket, ctx: HandlerContext): void {
  onCommand(socket, ctx, "session:create", async (p) => {
    const actor = userActor(socket);
    if (!actor) return errorAck("UNAUTHENTICATED", "Sign in to create a session");
    const previous = await ctx.deps.store.findByCommandId(p.id);
    if (previous) {
      if (previous.type === "session:created" && previous.actor.kind === "user" && previous.actor.id === actor.id) {
        return { ok: true, seq: previous.seq, sessionId: previous.sessionId, code: previous.payload.code };
      }
      return errorAck("DUPLICATE_ID", "This command id was already used");
    }
    const plan = p.planId ? ctx.deps.plans.get(p.planId)?.plan : null;
    if (p.planId && !plan) return errorAck("PLAN_NOT_FOUND", "No plan with this id");
    const hub = await ctx.registry.create({
      title: p.title,
      language: p.language,
      trainerId: actor.id,
      commandId: p.id,
      plan: plan ?? null,
      help: ctx.deps.help.forSession(),
      askProfile: p.askProfile,
    });
    ctx.deps.logger.info("session created", { session: hub.id, by: actor.id });
    return { ok: true, seq: hub.state.seq, sessionId: hub.id, code: hub.state.code };
  });

  onCommand(socket, ctx, "session:watch", async (p) => {
    const hub = await ctx.registry.get(p.sessionId);
    if (!hub) return errorAck("SESSION_NOT_FOUND", "No such session");
    const actor = userActor(socket);
    let viewer: "staff" | "screen";
    if (actor && isStaffOf(actor, hub.state)) viewer = "staff";
    else if (p.screenKey && (await openScreenKey(p.screenKey, ctx.deps.secret))?.sessionId === hub.id) viewer = "screen";
    else return actor ? errorAck("FORBIDDEN", "This session belongs to another trainer") : errorAck("UNAUTHENTICATED", "Sign in to watch this session");

    // Join the rooms and take the sync in one tick: no event can slip between them.
    socket.join([rooms.session(hub.id), viewer === "staff" ? rooms.trainers(hub.id) : rooms.screen(hub.id)]);
    socket.data.watching.add(hub.id);
    const sync = hub.sync({ kind: viewer }, p.lastSeq);
    socket.emit("presence:changed", { sessionId: hub.id, online: ctx.presence.online(hub.id) });
    return { ok: true, seq: hub.state.seq, sessionId: hub.id, sync, now: ctx.deps.clock() };
  });

  /** Trainer commands that become one event in the session: authenticate, then let the domain decide. */
  const staffCommand = <N extends StaffCommandName>(
    name: N,
    toCommand: (p: CommandPayload<N>) => SessionCommand,
  ) =>
    onCommand(socket, ctx, name, async (p) => {
      const actor = userActor(socket);
      if (!actor) return errorAck("UNAUTHENTICATED", "Sign in first");
      const hub = await ctx.registry.get(p.sessionId);
      if (!hub) return errorAck("SESSION_NOT_FOUND", "No such session");
      const result = await hub.execute(p.id, actor, toCommand(p));
      if (!result.ok) return result;
      return { ok: true, seq: result.event.seq };
    });

  staffCommand("session:end", () => ({ type: "session:end" }));
  staffCommand("agenda:goto", (p) => ({ type: "agenda:goto", index: p.index }));
  staffCommand("timer:start", () => ({ type: "timer:start" }));
  staffCommand("timer:pause", () => ({ type: "timer:pause" }));
  staffCommand("timer:extend", (p) => ({ type: "timer:extend", seconds: p.seconds, groupId: p.groupId }));
  staffCommand("timer:reset", () => ({ type: "timer:reset" }));
  staffCommand("groups:form", (p) => ({
    type: "groups:form",
    by: p.by,
    n: p.n,
    balanced: p.balanced,
    mixNew: p.mixNew,
    naming: p.naming,
    selfSelect: p.selfSelect,
    cap: p.cap,
  }));
  staffCommand("participant:move", (p) => ({ type: "participant:move", participantId: p.participantId, groupId: p.groupId }));
  staffCommand("groups:merge", (p) => ({ type: "groups:merge", from: p.from, into: p.into }));
  staffCommand("group:split", (p) => ({ type: "group:split", groupId: p.groupId }));
  staffCommand("group:rename", (p) => ({ type: "group:rename", groupId: p.groupId, name: p.name }));
  staffCommand("group:remove", (p) => ({ type: "group:remove", groupId: p.groupId }));
  staffCommand("groups:dissolve", () => ({ type: "groups:dissolve" }));
  staffCommand("broadcast:send", (p) => ({ type: "broadcast:send", text: p.text, groupId: p.groupId }));
  staffCommand("note:hide", (p) => ({ type: "note:hide", noteId: p.noteId }));
  staffCommand("note:restore", (p) => ({ type: "note:restore", noteId: p.noteId }));
  staffCommand("note:cluster", (p) => ({ type: "note:cluster", noteId: p.noteId, clusterId: p.clusterId }));
  staffCommand("cluster:create", (p) => ({ type: "cluster:create", name: p.name }));
  staffCommand("cluster:rename", (p) => ({ type: "cluster:rename", clusterId: p.clusterId, name: p.name }));
  staffCommand("cluster:remove", (p) => ({ type: "cluster:remove", clusterId: p.clusterId }));
  staffCommand("board:configure", (p) => ({ type: "board:configure", settings: p.settings }));
  staffCommand("sketch:hide", (p) => ({ type: "sketch:hide", sketchId: p.sketchId }));
  staffCommand("sketch:restore", (p) => ({ type: "sketch:restore", sketchId: p.sketchId }));
  staffCommand("sketch:spotlight", (p) => ({ type: "sketch:spotlight", sketchId: p.sketchId }));
  staffCommand("sketch:configure", (p) => ({ type: "sketch:configure", mode: p.mode }));
  staffCommand("video:play", (p) => ({ type: "video:play", position: p.position }));
  staffCommand("video:pause", () => ({ type: "video:pause" }));
  staffCommand("video:seek", (p) => ({ type: "video:seek", position: p.position }));
  staffCommand("video:configure", (p) => ({ type: "video:configure", captions: p.captions, volume: p.volume }));
  staffCommand("video:confirm-warning", () => ({ type: "video:confirm-warning" }));
}

import { isJoinCode, normalizeJoinCode } from "@/lib/domain/join-code";
import { sameNickname } from "@/lib/domain/nickname";
import type { SessionCommand } from "@/lib/domain/commands";
import { errorAck } from "@/lib/protocol/result";
import { actorKey, onCommand } from "../command-handler";
import type { SessionHub } from "../session-hub";
import type { HandlerContext, OrtaqSocket } from "../socket-types";
import { rooms } from "../socket-types";
import { openParticipantToken, sealParticipantToken } from "../tokens";

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
    if (ctx.presence.connect(hub.id, participantId)) emitPresence(ctx, hub.id);
  }
}

export function unbindParticipant(socket: OrtaqSocket, ctx: HandlerContext): void {
  const p = socket.data.participant;
  if (!p) return;
  socket.data.participant = null;
  socket.leave(rooms.participant(p.sessionId, p.participantId));
  for (const room of socket.rooms) if (room.startsWith(`group:${p.sessionId}:`)) socket.leave(room);
  if (!socket.data.watching.has(p.sessionId)) socket.leave(rooms.session(p.sessionId));
  if (ctx.presence.disconnect(p.sessionId, p.participantId)) emitPresence(ctx, p.sessionId);
}

export function emitPresence(ctx: HandlerContext, sessionId: string): void {
  const online = ctx.presence.online(sessionId);
  ctx.io.to([rooms.trainers(sessionId), rooms.screen(sessionId)]).emit("presence:changed", { sessionId, online });
  // A new high of people online at once goes into the log, for the attendance report.
  void ctx.registry.get(sessionId).then((hub) => {
    if (hub && online.length > hub.state.peakOnline && hub.state.status === "live") {
      return hub.execute(`sys-${ctx.deps.newId()}`, { kind: "system" }, { type: "attendance:record", online: online.length });
    }
  }).catch((err) => ctx.deps.logger.warn("attendance record failed", { error: (err as Error).message }));
}

/** Participant commands: join with a code and nickname, resume with a token. */
export function registerParticipantHandlers(socket: OrtaqSocket, ctx: HandlerContext): void {
  onCommand(socket, ctx, "participant:join", async (p) => {
    if (!ctx.limits.joins.take(actorKey(socket))) return errorAck("RATE_LIMITED", "Too many join attempts; wait a moment");
    const code = normalizeJoinCode(p.code);
    if (!isJoinCode(code)) return errorAck("JOIN_CODE_UNKNOWN", "No session has this code");
    const record = await ctx.deps.store.findSessionByCode(code);
    if (!record) return errorAck("JOIN_CODE_UNKNOWN", "No session has this code");
    if (record.status === "ended") return errorAck("SESSION_ENDED", "This session has ended");
    const hub = await ctx.registry.get(record.id);
    if (!hub) return errorAck("JOIN_CODE_UNKNOWN", "No session has this code");

    const participantId = ctx.deps.newId();
    // A resent join (same command id) is the same person: hand back the participant it created.
    const result = await hub.execute(p.id, { kind: "participant", id: participantId }, { type: "participant:join", participantId, nickname: p.nickname }, (prev) => prev.type === "participant:joined" && sameNickname(prev.payload.nickname, p.nickname.trim()));
    if (!result.ok) return result;
    if (result.event.type !== "participant:joined") return errorAck("INTERNAL", "Unexpected event");
    const joinedId = result.event.payload.participantId;
    const token = await sealParticipantToken(hub.id, joinedId, ctx.deps.secret);
    bindParticipant(socket, ctx, hub, joinedId);
    const sync = hub.sync({ kind: "participant", participantId: joinedId }, 0);
    return { ok: true, seq: result.event.seq, sessionId: hub.id, participantId: joinedId, token, sync, now: ctx.deps.clock() };
  });

  onCommand(socket, ctx, "participant:resume", async (p) => {
    const data = await openParticipantToken(p.token, ctx.deps.secret);
    if (!data) return errorAck("TOKEN_INVALID", "This device's pass is no longer valid; join again");
    const hub = await ctx.registry.get(data.sessionId);
    if (!hub || !hub.state.participants[data.participantId]) {
      return errorAck("TOKEN_INVALID", "This device's pass is no longer valid; join again");
    }
    bindParticipant(socket, ctx, hub, data.participantId);
    const sync = hub.sync({ kind: "participant", participantId: data.participantId }, p.lastSeq);
    return { ok: true, seq: hub.state.seq, sessionId: hub.id, participantId: data.participantId, sync, now: ctx.deps.clock() };
  });
}

/**
 * Commands a participant runs in its own session: the session comes from the
 * socket's binding, never from the payload. Staff may send group:mark too.
 */
export function registerMemberHandlers(socket: OrtaqSocket, ctx: HandlerContext): void {
  const actorAndHub = async (sessionId: string | undefined) => {
    const p = socket.data.participant;
    if (p) return { actor: { kind: "participant" as const, id: p.participantId }, hub: await ctx.registry.get(p.sessionId) };
    const u = socket.data.user;
    if (u && sessionId) return { actor: { kind: "user" as const, id: u.id, role: u.role }, hub: await ctx.registry.get(sessionId) };
    return null;
  };

  onCommand(socket, ctx, "group:choose", async (p) => {
    const found = await actorAndHub(undefined);
    if (!found) return errorAck("NOT_JOINED", "Join the session first");
    if (!found.hub) return errorAck("SESSION_NOT_FOUND", "No such session");
    const result = await found.hub.execute(p.id, found.actor, { type: "group:choose", groupId: p.groupId });
    return result.ok ? { ok: true, seq: result.event.seq } : result;
  });

  /** Commands only a joined phone sends, acting as itself in its own session. */
  const asParticipant = async (commandId: string, command: SessionCommand) => {
    const p = socket.data.participant;
    if (!p) return errorAck("NOT_JOINED", "Join the session first");
    const hub = await ctx.registry.get(p.sessionId);
    if (!hub) return errorAck("SESSION_NOT_FOUND", "No such session");
    return hub.execute(commandId, { kind: "participant", id: p.participantId }, command);
  };

  onCommand(socket, ctx, "note:add", async (p) => {
    // Notes have their own, tighter budget per participant (never per IP).
    const who = socket.data.participant?.participantId;
    if (who && !ctx.limits.notes.take(who)) return errorAck("RATE_LIMITED", "You are sending notes too fast; wait a moment");
    const r = await asParticipant(p.id, { type: "note:add", noteId: p.noteId, text: p.text, anonymous: p.anonymous });
    if (!("event" in r)) return r;
    const held = r.event.type === "note:added" && r.event.payload.note.status === "held";
    return { ok: true, seq: r.event.seq, held };
  });

  onCommand(socket, ctx, "note:edit", async (p) => {
    const r = await asParticipant(p.id, { type: "note:edit", noteId: p.noteId, text: p.text });
    if (!("event" in r)) return r;
    return { ok: true, seq: r.event.seq, held: r.event.type === "note:edited" && r.event.payload.held };
  });

  onCommand(socket, ctx, "participant:profile", async (p) => {
    const r = await asParticipant(p.id, { type: "participant:profile", ageBand: p.ageBand, sex: p.sex });
    return "event" in r ? { ok: true, seq: r.event.seq } : r;
  });

  onCommand(socket, ctx, "note:delete", async (p) => {
    const r = await asParticipant(p.id, { type: "note:delete", noteId: p.noteId });
    return "event" in r ? { ok: true, seq: r.event.seq } : r;
  });

  onCommand(socket, ctx, "note:vote", async (p) => {
    const r = await asParticipant(p.id, { type: "note:vote", noteId: p.noteId, on: p.on });
    return "event" in r ? { ok: true, seq: r.event.seq } : r;
  });

  onCommand(socket, ctx, "group:mark", async (p) => {
    const found = await actorAndHub(p.sessionId);
    if (!found) return errorAck("NOT_JOINED", "Join the session first");
    if (!found.hub) return errorAck("SESSION_NOT_FOUND", "No such session");
    const result = await found.hub.execute(p.id, found.actor, { type: "group:mark", groupId: p.groupId, done: p.done });
    return result.ok ? { ok: true, seq: result.event.seq } : result;
  });
}

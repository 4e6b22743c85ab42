import crypto from "node:crypto";
import type { IncomingMessage, Server as HttpServer } from "node:http";
import { parse as parseCookies } from "cookie";
import { Server } from "socket.io";
import { PROTOCOL_VERSION } from "@/lib/protocol/version";
import { AUTH_COOKIE, openAuth } from "../accounts/tokens";
import { registerCommands } from "./command-dispatch";
import { moveGroupRooms } from "./group-rooms";
import { HubRegistry } from "./hub-registry";
import { createIdleSweeper } from "./idle-sweeper";
import { isOriginAllowed } from "./origin";
import { recordPeak, unbindParticipant } from "./participant-binding";
import { Presence } from "./presence";
import { createPresenceFeed } from "./presence-feed";
import { createJoinGuard } from "./join-guard";
import { createRateLimiter } from "./rate-limit";
import { broadcastEvent } from "./room-routing";
import { announceBreaks, Breaks } from "./breaks";
import { forgetSockets } from "./forget-sockets";
import { rooms, type HandlerContext, type OrtaqServer, type SocketServerDeps } from "./socket-types";
import { createPausePointScheduler } from "./video-pause-points";
import { createPollFeed } from "./poll-feed";
import { recordStepAttendance } from "./step-attendance";
import { linkCluster, systemCommandId, type ClusterLink } from "./cluster-link";
import type { SetChange } from "./cluster-set";

export const DEVICE_COOKIE = "ortaq_device";
/** The transport closes a connection that sends a single message larger than this. */
export const MAX_MESSAGE_BYTES = 512 * 1024;
const ENDED_HUB_TTL_MS = 10 * 60_000;
/** A hub nobody is connected to is dropped after two sweeps this far apart. */
const IDLE_HUB_SWEEP_MS = 15 * 60_000;

/**
 * Mounts socket.io on the HTTP server: handshake checks (protocol version,
 * Origin, trainer cookie), the one command dispatcher, the hubs, and the
 * broadcast of every stored event to the rooms allowed to see it.
 */
export function createSocketServer(httpServer: HttpServer, deps: SocketServerDeps) {
  const io: OrtaqServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    allowRequest: (req, cb) => cb(null, isOriginAllowed(req, deps.allowedOrigins)),
    // Phones on flaky Wi-Fi: notice a dead link in about 45 s, not minutes.
    pingInterval: 20_000,
    pingTimeout: 25_000,
  });

  const cluster = deps.cluster;
  if (cluster) io.adapter(cluster.adapter);
  /** With other instances: each change to this instance's share of a volatile set is told to them. */
  let messages = 0;
  const nextMessage = () => ++messages;
  const publish = (kind: "presence" | "breaks") => (cluster ? (change: SetChange) => io.serverSideEmit("ortaq:set", cluster.instanceId, nextMessage(), kind, change) : undefined);

  const registry = new HubRegistry({
    ...deps,
    onCatchUpError: (err) => deps.logger.error("reading other instances' events failed", { error: err instanceof Error ? err.message : String(err) }),
  });
  const presence = new Presence(publish("presence"));
  const ctx: HandlerContext = {
    io,
    deps,
    registry,
    presence,
    joinGuard: createJoinGuard({ clock: deps.clock }),
    breaks: new Breaks(publish("breaks")),
    presenceFeed: createPresenceFeed({ io, presence, onFlush: (sessionId, count) => recordPeak({ registry, deps }, sessionId, count) }),
    limits: {
      commands: createRateLimiter({ capacity: 40, refillPerSecond: 10, clock: deps.clock }),
      joins: createRateLimiter({ capacity: 8, refillPerSecond: 0.5, clock: deps.clock }),
      // A burst of 6 notes, then one every 4 s: plenty for a brainstorm, too slow to flood a wall.
      notes: createRateLimiter({ capacity: 6, refillPerSecond: 0.25, clock: deps.clock }),
      // Live drawing sends ~30 batches a second; twice that is the ceiling.
      progress: createRateLimiter({ capacity: 120, refillPerSecond: 60, clock: deps.clock }),
    },
  };

  // Help requests go when the session ends, unless the organisation keeps them (until retention deletes the session).
  const purgeHelp = (sessionId: string) =>
    void registry
      .get(sessionId)
      // One id per session: every instance that holds the hub asks, and the log applies it once.
      .then((hub) => hub?.execute(systemCommandId("help-purge", sessionId), { kind: "system" }, { type: "help:purge" }))
      .catch((err: unknown) => deps.logger.error("help request purge failed", { session: sessionId, error: err instanceof Error ? err.message : String(err) }));

  const pausePoints = createPausePointScheduler({
    clock: deps.clock,
    // Every instance that holds the session keeps this timer (one of them may die); the id, made of the
    // video's last start (server time) and the point, is the same on each, so the log applies the stop once.
    reach: async (sessionId, at, startedAt) => (await registry.get(sessionId))?.execute(systemCommandId("pause", sessionId, startedAt, at), { kind: "system" }, { type: "video:reach-pause-point", at }),
  });
  // A hub loaded here (a phone came over from an instance that stopped) takes its video's pause point over.
  registry.onLoad((hub) => pausePoints.schedule(hub.id, hub.state));

  registry.onEvent((event, after, before) => {
    // Move phones between group rooms first, so each hears its new group's news.
    moveGroupRooms(io, event.sessionId, before, after);
    if (event.type === "participants:removed") {
      // Cut off before the news goes out: a removed phone hears of its own removal (in its own room) and nothing more.
      for (const pid of event.payload.participantIds) {
        io.local.in(rooms.participant(event.sessionId, pid)).socketsLeave([rooms.session(event.sessionId), ...after.groupOrder.map((g) => rooms.group(event.sessionId, g))]);
        if (presence.forget(event.sessionId, pid)) ctx.presenceFeed.changed(event.sessionId, pid, false);
        if (ctx.breaks.set(event.sessionId, pid, false)) announceBreaks(ctx, event.sessionId);
      }
    }
    if (event.type === "participant:forgotten") forgetSockets(ctx, event.sessionId, event.payload.participantId, before);
    if (event.type === "session:ended") {
      if (ctx.breaks.clear(event.sessionId)) announceBreaks(ctx, event.sessionId);
      if (after.helpOrder.length) void deps.safeguarding.helpRetention().then((r) => r === "purge" && purgeHelp(event.sessionId), (err: unknown) => deps.logger.error("help request purge failed", { session: event.sessionId, error: err instanceof Error ? err.message : String(err) }));
    }
    broadcastEvent(io, event, after);
    if (event.type === "video:controlled" || event.type === "agenda:moved" || event.type === "session:ended") pausePoints.schedule(event.sessionId, after);
    // An ended session's hub leaves memory after a while, once nobody here is connected to it; reports read the log.
    if (event.type === "session:ended") evictWhenIdle(event.sessionId);
  });
  /** Drops an ended session's hub once no socket of this instance is in it (another instance may still send it news). */
  const evictWhenIdle = (sessionId: string): void => {
    setTimeout(() => {
      if (io.sockets.adapter.rooms.get(rooms.session(sessionId))?.size) evictWhenIdle(sessionId);
      else registry.evict(sessionId);
    }, ENDED_HUB_TTL_MS).unref();
  };
  // Poll results reach projectors and phones coalesced; who was online at each step goes into the log for impact reports.
  const pollFeed = createPollFeed({ io, registry });
  recordStepAttendance({ registry, presence, logger: deps.logger });
  const cutUser = (userId: string) => {
    // Close the transport, not a socket.io "disconnect": the client reconnects by itself and the new
    // handshake reads its cookie again, so a tab holding the fresh cookie (after a password change)
    // carries on, and one holding an old cookie comes back signed out.
    for (const socket of io.sockets.sockets.values()) if (socket.data.user?.id === userId) socket.conn.close();
  };
  const link: ClusterLink | null = cluster ? linkCluster(ctx, { ...cluster, clock: deps.clock, cutUser, nextMessage }) : null;

  io.use((socket, next) => {
    // Clients say which protocol they speak; an old tab after an upgrade is told to reload.
    const auth: unknown = socket.handshake.auth;
    const v = auth && typeof auth === "object" && "v" in auth ? auth.v : undefined;
    if (v !== undefined && v !== PROTOCOL_VERSION) return next(new Error("PROTOCOL_MISMATCH"));
    next();
  });

  // A pseudonymous device id in an httpOnly cookie, so a removed participant's phone cannot rejoin that session.
  const devices = new WeakMap<object, string>();
  io.engine.on("initial_headers", (headers: Record<string, string | string[]>, req: IncomingMessage) => {
    if (parseCookies(req.headers.cookie ?? "")[DEVICE_COOKIE]) return;
    const id = crypto.randomBytes(16).toString("base64url");
    devices.set(req, id);
    headers["set-cookie"] = `${DEVICE_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${365 * 24 * 3600}`;
  });

  io.use((socket, next) => {
    const device = parseCookies(socket.request.headers.cookie ?? "")[DEVICE_COOKIE] ?? devices.get(socket.request) ?? null;
    // Kept only as a keyed hash: the raw id never reaches the log.
    socket.data.device = device ? crypto.createHmac("sha256", deps.secret).update(`device:${device}`).digest("base64url").slice(0, 22) : null;
    socket.data.address = clientAddress(socket.handshake.address, socket.handshake.headers["x-forwarded-for"], deps.trustProxy ?? false);
    next();
  });

  io.use(async (socket, next) => {
    socket.data.user = null;
    socket.data.participant = null;
    socket.data.watching = new Set();
    socket.data.strikes = [];
    try {
      const sealed = parseCookies(socket.handshake.headers.cookie ?? "")[AUTH_COOKIE];
      const auth = sealed ? await openAuth(sealed, deps.secret) : null;
      // Only while the cookie's session version is current: sign-out and a password change end it.
      socket.data.user = auth ? await deps.users.bySession(auth.userId, auth.sv) : null;
    } catch (err) {
      deps.logger.warn("handshake cookie check failed", { error: err instanceof Error ? err.message : String(err) });
    }
    next();
  });

  io.on("connection", (socket) => {
    registerCommands(socket, ctx);
    socket.on("disconnect", () => {
      const p = socket.data.participant;
      unbindParticipant(socket, ctx);
      // A phone that lost its link is not counted as away; it says so again when it is back.
      // (This instance's hold only, when none of its sockets is that phone: it may come back on another instance.)
      if (p && !presence.members.holds(p.sessionId, p.participantId) && ctx.breaks.set(p.sessionId, p.participantId, false)) announceBreaks(ctx, p.sessionId);
    });
  });

  const sweeper = createIdleSweeper({
    loaded: () => registry.loaded(),
    connected: (id) => io.sockets.adapter.rooms.get(rooms.session(id))?.size ?? 0,
    evict: (id) => registry.evict(id),
  });
  const sweep = setInterval(() => sweeper.sweep(), IDLE_HUB_SWEEP_MS);
  sweep.unref();

  return {
    io,
    registry,
    /** Drops a deleted session's hub on every instance. */
    evict: (sessionId: string) => (link ? link.evict(sessionId) : registry.evict(sessionId)),
    /** Stopping: the other instances stop sending this one commands and write its sessions themselves. */
    retire: () => link?.retire(),
    /** The other instances this one sends a session's commands to when they write it (none when alone). */
    peers: () => link?.peers() ?? [],
    /** Cuts an account's live sockets on every instance (they reconnect and are checked again). */
    endUser: (userId: string) => (link ? link.endUser(userId) : cutUser(userId)),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        link?.stop();
        pausePoints.stop();
        pollFeed.stop();
        ctx.presenceFeed.stop();
        io.close(() => resolve());
      }),
  };
}

export type SocketServer = ReturnType<typeof createSocketServer>;

/** The client's address: the socket's own, or behind a trusted proxy the nearest forwarded one. */
export function clientAddress(own: string, forwarded: string | string[] | undefined, trustProxy: boolean): string {
  if (!trustProxy || !forwarded) return own;
  const list = (Array.isArray(forwarded) ? forwarded.join(",") : forwarded).split(",").map((a) => a.trim()).filter(Boolean);
  return list[list.length - 1] ?? own;
}

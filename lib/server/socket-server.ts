import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { routeEvent, type Route } from "@/lib/domain/visibility";
import { videoPosition, type SessionState } from "@/lib/domain/session-state";
import { nextPausePoint } from "@/lib/domain/video-commands";
import type { SessionEvent } from "@/lib/domain/events";
import { COMMAND_SCHEMAS, VOLATILE_MESSAGES } from "@/lib/protocol/commands";
import { errorAck } from "@/lib/protocol/result";
import { PROTOCOL_VERSION } from "@/lib/protocol/version";
import { strike } from "./command-handler";
import { registerMemberHandlers, registerParticipantHandlers, unbindParticipant } from "./handlers/participant.handlers";
import { registerSessionHandlers } from "./handlers/session.handlers";
import { registerSketchHandlers } from "./handlers/sketch.handlers";
import { HubRegistry } from "./hub-registry";
import { isOriginAllowed } from "./origin";
import { Presence } from "./presence";
import { createRateLimiter } from "./rate-limit";
import { rooms, type HandlerContext, type OrtaqServer, type SocketServerDeps } from "./socket-types";
import { AUTH_COOKIE, openAuth } from "./tokens";

/** The transport closes a connection that sends a single message larger than this. */
export const MAX_MESSAGE_BYTES = 512 * 1024;
const ENDED_HUB_TTL_MS = 10 * 60_000;
/** A hub nobody is connected to is dropped after this long; the next connection reloads it from the log. */
const IDLE_HUB_SWEEP_MS = 15 * 60_000;

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * Mounts socket.io on the HTTP server: handshake checks (Origin, trainer
 * cookie), per-command validation, the hubs, and the broadcast of every
 * stored event to the rooms allowed to see it.
 */
export function createSocketServer(httpServer: HttpServer, deps: SocketServerDeps) {
  const io: OrtaqServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    allowRequest: (req, cb) => cb(null, isOriginAllowed(req, deps.allowedOrigins)),
    // Phones on flaky Wi-Fi: notice a dead link in about 45 s, not minutes.
    pingInterval: 20_000,
    pingTimeout: 25_000,
    connectionStateRecovery: undefined,
  });

  const registry = new HubRegistry(deps);
  const presence = new Presence();
  const ctx: HandlerContext = {
    io,
    deps,
    registry,
    presence,
    limits: {
      commands: createRateLimiter({ capacity: 40, refillPerSecond: 10, clock: deps.clock }),
      joins: createRateLimiter({ capacity: 8, refillPerSecond: 0.5, clock: deps.clock }),
      // A burst of 6 notes, then one every 4 s: plenty for a brainstorm, too slow to flood a wall.
      notes: createRateLimiter({ capacity: 6, refillPerSecond: 0.25, clock: deps.clock }),
      // Live drawing sends ~30 batches a second; twice that is the ceiling.
      progress: createRateLimiter({ capacity: 120, refillPerSecond: 60, clock: deps.clock }),
    },
  };

  const target = (id: string, route: Route, after: SessionState) => {
    switch (route.to) {
      case "all":
        return io.to(rooms.session(id));
      case "staff":
        return io.to([rooms.trainers(id), rooms.screen(id)]);
      case "trainers":
        return io.to(rooms.trainers(id));
      case "screen":
        return io.to(rooms.screen(id));
      case "participants":
        return io.to(rooms.session(id)).except([rooms.trainers(id), rooms.screen(id), ...(route.except ? [rooms.participant(id, route.except)] : [])]);
      case "group":
        return route.except ? io.to(rooms.group(id, route.groupId)).except(rooms.participant(id, route.except)) : io.to(rooms.group(id, route.groupId));
      case "participant":
        return io.to(rooms.participant(id, route.participantId));
      case "ungrouped":
        return io
          .to(rooms.session(id))
          .except([rooms.trainers(id), rooms.screen(id), ...after.groupOrder.map((g) => rooms.group(id, g))]);
    }
  };

  // Pause points: while a video plays, the server stops it itself at the next point.
  const videoTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const scheduleVideo = (sessionId: string, state: SessionState) => {
    clearTimeout(videoTimers.get(sessionId));
    videoTimers.delete(sessionId);
    if (!state.video.playing || state.status !== "live") return;
    const here = videoPosition(state.video, deps.clock());
    const next = nextPausePoint(state, here);
    if (next === null) return;
    const timer = setTimeout(async () => {
      videoTimers.delete(sessionId);
      const hub = await registry.get(sessionId);
      await hub?.execute(`sys-${deps.newId()}`, { kind: "system" }, { type: "video:reach-pause-point", at: next });
    }, (next - here) * 1000);
    timer.unref();
    videoTimers.set(sessionId, timer);
  };

  registry.onEvent((event: SessionEvent, after, before) => {
    const id = event.sessionId;
    // Move phones between group rooms first, so each hears its new group's news.
    if (before.membership !== after.membership) {
      for (const pid of after.participantOrder) {
        const was = before.membership[pid];
        const now = after.membership[pid];
        if (was === now) continue;
        const own = io.in(rooms.participant(id, pid));
        if (was) own.socketsLeave(rooms.group(id, was));
        if (now) own.socketsJoin(rooms.group(id, now));
      }
    }
    for (const { route, event: ce } of routeEvent(event, after)) {
      (target(id, route, after).emit as (ev: string, payload: unknown) => void)(ce.type, ce);
    }
    if (event.type === "video:controlled" || event.type === "agenda:moved" || event.type === "session:ended") scheduleVideo(id, after);
    // An ended session's hub leaves memory after a while; reports read the log.
    if (event.type === "session:ended") setTimeout(() => registry.evict(id), ENDED_HUB_TTL_MS).unref();
  });

  io.use((socket, next) => {
    // Clients say which protocol they speak; an old tab after an upgrade is told to reload.
    const v = (socket.handshake.auth as { v?: unknown } | undefined)?.v;
    if (v !== undefined && v !== PROTOCOL_VERSION) return next(new Error("PROTOCOL_MISMATCH"));
    next();
  });

  io.use(async (socket, next) => {
    socket.data.user = null;
    socket.data.participant = null;
    socket.data.watching = new Set();
    socket.data.strikes = [];
    try {
      const sealed = readCookie(socket.handshake.headers.cookie, AUTH_COOKIE);
      const auth = sealed ? await openAuth(sealed, deps.secret) : null;
      socket.data.user = auth ? deps.users.byId(auth.userId) : null;
    } catch (err) {
      deps.logger.warn("handshake cookie check failed", { error: (err as Error).message });
    }
    next();
  });

  io.on("connection", (socket) => {
    registerSessionHandlers(socket, ctx);
    registerParticipantHandlers(socket, ctx);
    registerMemberHandlers(socket, ctx);
    registerSketchHandlers(socket, ctx);

    socket.onAny((event: unknown, ...args: unknown[]) => {
      // Runs outside socket.io's own error handling: it must never throw.
      try {
        const name = typeof event === "string" ? event : null;
        if (name !== null && (Object.hasOwn(COMMAND_SCHEMAS, name) || (VOLATILE_MESSAGES as readonly string[]).includes(name))) return;
        strike(socket, ctx, "unknown event");
        const ack = args[args.length - 1];
        if (typeof ack === "function") ack(errorAck("UNKNOWN_EVENT", `Unknown event "${String(event).slice(0, 40)}"`));
      } catch (err) {
        deps.logger.error("unknown event handling failed", { error: (err as Error).message });
      }
    });

    socket.on("disconnect", () => {
      unbindParticipant(socket, ctx);
    });
  });

  // Sessions nobody has been connected to since the last sweep leave memory.
  let quietLastSweep = new Set<string>();
  const sweep = setInterval(() => {
    const quiet = new Set(registry.loaded().filter((id) => !io.sockets.adapter.rooms.get(rooms.session(id))?.size));
    for (const id of quiet) if (quietLastSweep.has(id)) registry.evict(id);
    quietLastSweep = quiet;
  }, IDLE_HUB_SWEEP_MS);
  sweep.unref();

  return {
    io,
    registry,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        videoTimers.forEach((t) => clearTimeout(t));
        io.close(() => resolve());
      }),
  };
}

export type SocketServer = ReturnType<typeof createSocketServer>;

import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { HTTP_STATUS } from "@/lib/domain/errors";
import { currentStep } from "@/lib/domain/session-state";
import { loadConcernFilter, loadWordFilter } from "./store/word-lists";
import { serveMedia } from "./media/media-files";
import { grantScreenMedia, mayReadMedia } from "./media/media-access";
import { purgeExpired } from "./reports/retention";
import type { AddressInfo } from "node:net";
import type { Env } from "@/lib/env";
import type { EventStore } from "./store/event-store";
import { bootstrapAdmin } from "./accounts/bootstrap-admin";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "./security/client-address";
import { guardMutation, type GuardOptions } from "./security/mutation-guard";
import { applySecurityHeaders, BASE_SECURITY_HEADERS } from "./security/security-headers";
import { createPhonePages } from "./pages/phone-page";
import { createServices, setServices, type Services } from "./services";
import { createSocketServer, type SocketServer } from "./live/socket-server";
import { openCluster } from "./live/cluster-adapter";
import type { Logger } from "./live/socket-types";

export interface StartOptions {
  env: Env;
  logger: Logger;
  /** Serves pages through Next.js; integration tests leave it out and talk socket.io only. */
  next?: { dev: boolean; dir: string };
}

export interface RunningServer {
  port: number;
  url: string;
  /** With other instances (PostgreSQL): this one's id among them, else null. */
  instanceId: string | null;
  services: Services;
  sockets: SocketServer;
  /**
   * Graceful stop, bounded by a few seconds however busy: stops accepting
   * connections, tells every socket "server:restarting", lets commands already
   * received finish (each is stored before it is acknowledged), closes the
   * connections (socket clients reconnect by themselves) and the database.
   */
  close(): Promise<void>;
}

/** Commands already received get this long to finish during a shutdown. */
const DRAIN_MS = 2_000;
/** Closing the transports and Next.js gets this long before we move on. */
const CLOSE_WAIT_MS = 1_000;

/** A plain timer (not unref'd): while stopping, the process must stay up until the steps are done. */
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The event store as the hubs see it, for a bounded shutdown:
 *
 * - Each single write first yields to the event loop: over a store whose
 *   writes are synchronous (SQLite), a chain of awaited writes would otherwise
 *   run as one uninterrupted stretch of microtasks, holding up timers, signals
 *   and every other socket. A hub's group commit yields by itself: it writes
 *   each batch in a turn of its own (setImmediate).
 * - It counts writes under way, so a shutdown can wait for them; once
 *   `refuse()` is called, writes fail, and those commands are answered
 *   INTERNAL, which clients keep and send again after reconnecting. A command
 *   is acknowledged only after its write, so nothing acknowledged is lost.
 */
function gatedStore(store: EventStore) {
  let pending = 0;
  let refused = false;
  let idle: (() => void) | null = null;
  const gate = async <T>(write: () => Promise<T>, yieldFirst = true): Promise<T> => {
    pending++;
    try {
      if (yieldFirst) await new Promise<void>((r) => setImmediate(r));
      if (refused) throw new Error("The server is restarting");
      return await write();
    } finally {
      pending--;
      if (pending === 0) idle?.();
    }
  };
  return {
    store: {
      ...store,
      append: (sessionId, event) => gate(() => store.append(sessionId, event)),
      // A hub's group commit already runs in a turn of its own (see SessionHub).
      appendBatch: (sessionId, events) => gate(() => store.appendBatch(sessionId, events), false),
      createSession: (record, first) => gate(() => store.createSession(record, first)),
      redact: (sessionId, redactions) => gate(() => store.redact(sessionId, redactions)),
    } satisfies EventStore,
    get pending() {
      return pending;
    },
    /** Resolves when no write is under way, or after `ms`. */
    settled: (ms: number) => (pending === 0 ? Promise.resolve() : Promise.race([new Promise<void>((r) => (idle = r)), sleep(ms)])),
    refuse: () => {
      refused = true;
    },
  };
}

/** One HTTP server on one port: Next.js pages and socket.io, sharing one set of services. */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const services = await createServices(opts.env);
  setServices(services);
  for (const issue of services.plans.fileIssues) {
    opts.logger.warn("plan file skipped", { ...issue });
  }
  if (await bootstrapAdmin(services.users, opts.env.ADMIN_EMAIL, opts.env.ADMIN_PASSWORD)) {
    opts.logger.info("first organiser account created from ADMIN_EMAIL");
  }

  let handle: http.RequestListener = (_req, res) => {
    res.statusCode = 404;
    res.end("Not found");
  };
  const mediaDirs = [services.media.dir, path.resolve("content/media")];
  let upgrade: ((req: http.IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) => void) | null = null;
  let closeNext: (() => Promise<void>) | null = null;
  let phonePages: ReturnType<typeof createPhonePages> = null;
  if (opts.next && (opts.env.PHONE_PAGE ?? (opts.next.dev ? "next" : "light")) === "light") {
    const dir = path.join(opts.next.dir, ".next-phone");
    // Asked for in development: built now, once (a production start uses what `npm run build` made).
    if (opts.next.dev) await (await import("../../phone/build")).buildPhone(dir);
    phonePages = createPhonePages(dir, () => services);
    if (!phonePages) opts.logger.warn("PHONE_PAGE=light but .next-phone/ has no build: run npm run build; phones get the Next pages");
  }
  if (opts.next) {
    const { default: next } = await import("next");
    const app = next({ dev: opts.next.dev, dir: opts.next.dir, hostname: "localhost", port: opts.env.PORT });
    await app.prepare();
    const nextHandle = app.getRequestHandler();
    handle = (req, res) => void nextHandle(req, res);
    closeNext = () => app.close();
    if (opts.next.dev) {
      const nextUpgrade = app.getUpgradeHandler();
      upgrade = (req, socket, head) => void nextUpgrade(req, socket, head);
    }
  }

  const allowedOrigins = (opts.env.ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const guardOptions: GuardOptions = { allowedOrigins, publicUrl: opts.env.PUBLIC_URL, trustProxy: opts.env.TRUST_PROXY };
  const dev = opts.env.NODE_ENV !== "production";
  const secureCookies = opts.env.PUBLIC_URL?.startsWith("https://") ?? false;
  let closing = false;

  const mediaGate = {
    protectedDirs: [services.media.dir],
    allow: (req: http.IncomingMessage, name: string) =>
      mayReadMedia(req, name, { secret: services.secret, users: services.users, currentVideo: (id) => services.currentVideo(id), clock: Date.now }),
  };

  // Every request passes here first: security headers, then the CSRF guard,
  // media (with range requests), and everything else to Next.
  const server = http.createServer((req, res) => {
    applySecurityHeaders(req, res, { dev });
    if (closing) {
      res.writeHead(503, { "content-type": "text/plain", connection: "close", "retry-after": "5" }).end("Restarting");
      return;
    }
    // Route handlers read the client's address from here (sign-in limits); never from the client.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, opts.env.TRUST_PROXY);
    const refused = guardMutation(req, guardOptions);
    if (refused) {
      res.writeHead(HTTP_STATUS[refused.code], { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(JSON.stringify({ ok: false, error: refused }));
      return;
    }
    if (serveMedia(req, res, mediaDirs, mediaGate)) return;
    if (phonePages?.(req, res)) return;
    grantScreenMedia(req, res, services.secret, secureCookies).then(
      () => handle(req, res),
      (err) => {
        opts.logger.error("screen media grant failed", { error: (err as Error).message });
        handle(req, res);
      },
    );
  });
  // Node closes keep-alive connections left idle this long; shutdown closes the rest itself.
  server.keepAliveTimeout = 5_000;

  const writes = gatedStore(services.store);
  // On PostgreSQL this instance may be one of several behind a balancer: join them.
  const cluster = services.shared
    ? await openCluster({ url: services.shared.url, feed: services.shared.feed, schema: services.shared.schema, redisUrl: opts.env.REDIS_URL, logger: opts.logger })
    : null;
  const sockets = createSocketServer(server, {
    cluster: cluster ?? undefined,
    store: writes.store,
    users: services.users,
    plans: services.plans,
    help: services.help,
    secret: services.secret,
    clock: Date.now,
    newId: () => crypto.randomUUID(),
    randomInt: (n) => crypto.randomInt(n),
    filter: loadWordFilter(path.resolve(opts.env.FILTERS_DIR)),
    concern: loadConcernFilter(path.resolve(opts.env.FILTERS_DIR)),
    safeguarding: services.safeguarding,
    allowedOrigins,
    trustProxy: opts.env.TRUST_PROXY,
    logger: opts.logger,
  });
  const io = sockets.io;
  // socket.io's own HTTP replies (long-polling) carry the same headers.
  io.engine.on("headers", (headers: Record<string, string>) => Object.assign(headers, BASE_SECURITY_HEADERS));

  // No new socket connections while stopping.
  io.use((_socket, next) => (closing ? next(new Error("SERVER_RESTARTING")) : next()));

  // On every instance: a deleted session's hub, an account's live sockets after sign-out.
  services.evictHub = (id) => sockets.evict(id);
  services.endLiveSessions = (userId) => sockets.endUser(userId);
  services.currentVideo = async (sessionId, participantId) => {
    const hub = await sockets.registry.get(sessionId);
    const state = hub?.state;
    if (!state || state.status !== "live") return null;
    if (participantId !== undefined) {
      // A phone in the room: not one the trainer removed or has not let in yet.
      if (!Object.hasOwn(state.participants, participantId) || state.removed.includes(participantId) || state.waiting.includes(participantId)) return null;
    }
    const step = currentStep(state);
    if (step?.kind !== "video" || !step.media) return null;
    if (step.warning && state.video.warningConfirmed !== step.id) return null;
    return step.media;
  };

  services.forgetParticipant = async (sessionId, participantId, by) => {
    const hub = await sockets.registry.get(sessionId);
    if (!hub) return { ok: false, error: { code: "SESSION_NOT_FOUND", message: "No such session" } };
    const result = await hub.execute(`forget-${crypto.randomUUID()}`, { kind: "user", id: by.id, role: by.role }, { type: "participant:forget", participantId });
    return result.ok ? { ok: true } : result;
  };

  // Retention: purge at start and every hour.
  const purge = () =>
    purgeExpired(services.sql, services.store, Date.now(), services.evictHub)
      .then((n) => n && opts.logger.info("retention purge", { deleted: n }))
      .catch((err) => opts.logger.error("retention purge failed", { error: (err as Error).message }));
  void purge();
  const purgeTimer = setInterval(purge, 60 * 60_000);
  purgeTimer.unref();
  if (upgrade) {
    // Dev hot reload uses its own websocket; socket.io handles /socket.io/ itself.
    const devUpgrade = upgrade;
    server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket.io/")) devUpgrade(req, socket, head);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.env.PORT, opts.env.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  async function close(): Promise<void> {
    const t0 = Date.now();
    const step = (what: string) => opts.logger.info(`stopping: ${what}`, { ms: Date.now() - t0, writesPending: writes.pending });
    closing = true;
    clearInterval(purgeTimer);
    // No new connections; idle keep-alive connections are closed now.
    server.close();
    // This instance's clients only: the others' keep their connections.
    io.local.emit("server:restarting");
    // The other instances write the sessions this one wrote (commands already here are still written).
    sockets.retire();
    // Commands already queued are written and acknowledged, for a bounded time; then writes stop
    // (later commands are answered INTERNAL and sent again by the clients after they reconnect).
    await writes.settled(DRAIN_MS);
    writes.refuse();
    step("drained");
    // Let the last acknowledgements and the notice reach the clients.
    await sleep(50);
    // Closing the transports (not a socket.io "disconnect") makes clients reconnect by themselves.
    const ioClosed = sockets.close();
    // Whatever is still open (a long download, a keep-alive connection mid-request) is cut.
    server.closeAllConnections();
    step("connections cut");
    await Promise.race([ioClosed, sleep(CLOSE_WAIT_MS)]);
    step("sockets closed");
    if (closeNext) await Promise.race([closeNext().catch(() => undefined), sleep(CLOSE_WAIT_MS)]);
    await cluster?.close();
    await services.close();
    step("database closed");
  }

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    instanceId: cluster?.instanceId ?? null,
    services,
    sockets,
    close() {
      closed ??= close();
      return closed;
    },
  };
}

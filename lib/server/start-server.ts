import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { loadWordFilter } from "./store/word-lists";
import { serveMedia } from "./media/media-files";
import { purgeExpired } from "./reports/retention";
import type { AddressInfo } from "node:net";
import type { Env } from "@/lib/env";
import { bootstrapAdmin } from "./accounts/bootstrap-admin";
import { createServices, setServices, type Services } from "./services";
import { createSocketServer, type SocketServer } from "./live/socket-server";
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
  services: Services;
  sockets: SocketServer;
  close(): Promise<void>;
}

/** One HTTP server on one port: Next.js pages and socket.io, sharing one set of services. */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const services = createServices(opts.env);
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
  if (opts.next) {
    const { default: next } = await import("next");
    const app = next({ dev: opts.next.dev, dir: opts.next.dir, hostname: "localhost", port: opts.env.PORT });
    await app.prepare();
    const nextHandle = app.getRequestHandler();
    handle = (req, res) => void nextHandle(req, res);
    if (opts.next.dev) {
      const nextUpgrade = app.getUpgradeHandler();
      upgrade = (req, socket, head) => void nextUpgrade(req, socket, head);
    }
  }

  // Media (video, captions) is served here, with range requests, before Next sees the request.
  const server = http.createServer((req, res) => {
    if (!serveMedia(req, res, mediaDirs)) handle(req, res);
  });
  const sockets = createSocketServer(server, {
    store: services.store,
    users: services.users,
    plans: services.plans,
    help: services.help,
    secret: services.secret,
    clock: Date.now,
    newId: () => crypto.randomUUID(),
    randomInt: (n) => crypto.randomInt(n),
    filter: loadWordFilter(path.resolve(opts.env.FILTERS_DIR)),
    allowedOrigins: (opts.env.ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    logger: opts.logger,
  });
  services.evictHub = (id) => sockets.registry.evict(id);
  // Retention: purge at start and every hour.
  const purge = () =>
    purgeExpired(services.db, services.store, Date.now(), services.evictHub)
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

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    services,
    sockets,
    async close() {
      clearInterval(purgeTimer);
      await sockets.close();
      services.db.close();
    },
  };
}

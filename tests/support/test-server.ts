import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { EVENT_TYPES } from "@/lib/domain/events";
import { parseEnv } from "@/lib/env";
import type { Ack } from "@/lib/protocol/result";
import { silentLogger } from "@/lib/server/logger";
import { startServer, type RunningServer } from "@/lib/server/start-server";
import { AUTH_COOKIE, sealAuth } from "@/lib/server/accounts/tokens";
import type { Role } from "@/lib/server/accounts/user-store";

export type TestSocket = Socket;

export interface TestServer {
  server: RunningServer;
  url: string;
  dbPath: string;
  /** Creates an account and returns the cookie header a signed-in browser would send. */
  account(role?: Role): Promise<{ id: string; cookie: string }>;
  connect(opts?: { cookie?: string; origin?: string; auth?: Record<string, unknown> }): Promise<TestSocket>;
  close(): Promise<void>;
}

/**
 * The real socket server (real SQLite file, real hubs) on a free port; no Next.js.
 * With `databaseUrl` (and `schema`), it runs on PostgreSQL instead, as with
 * DATABASE_URL / DATABASE_SCHEMA; `dbPath` then only places the media folder.
 * A new organisation asks every phone to agree to its notice before joining; the
 * tests of other features join with bare sockets, so here the organisation does
 * not ask unless `consent` says so (tests/integration/safeguarding.test.ts does).
 */
export async function startTestServer(opts: { dbPath?: string; consent?: boolean; databaseUrl?: string; schema?: string } = {}): Promise<TestServer> {
  const dbPath = opts.dbPath ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-it-")), "ortaq.db");
  // Uploads go beside the database, never into the working copy's data/media.
  const env = parseEnv({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_PATH: dbPath,
    DATABASE_URL: opts.databaseUrl,
    DATABASE_SCHEMA: opts.schema,
    MEDIA_DIR: path.join(path.dirname(dbPath), "media"),
  });
  const server = await startServer({ env, logger: silentLogger });
  if (!opts.consent) await server.services.safeguarding.setConsent({ required: false, notice: null });
  const sockets: TestSocket[] = [];
  return {
    server,
    url: server.url,
    dbPath,
    async account(role = "trainer") {
      const id = crypto.randomUUID();
      await server.services.users.create({ id, email: `${id}@example.org`, name: `T ${id.slice(0, 4)}`, role, passwordHash: "x", createdAt: Date.now() });
      return { id, cookie: `${AUTH_COOKIE}=${encodeURIComponent(await sealAuth(id, server.services.secret))}` };
    },
    connect(o = {}) {
      const headers: Record<string, string> = {};
      if (o.cookie) headers.cookie = o.cookie;
      if (o.origin) headers.origin = o.origin;
      const socket = io(server.url, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: headers, auth: o.auth ?? {} });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.once("connect", () => resolve(socket));
        socket.once("connect_error", (err) => reject(err));
      });
    },
    async close() {
      sockets.forEach((s) => s.disconnect());
      await server.close();
    },
  };
}

let counter = 0;
/** A fresh client-made command id. */
export function cid(): string {
  return `cmd-${process.pid}-${Date.now()}-${++counter}`;
}

export function send<T extends object = Record<string, unknown>>(socket: TestSocket, event: string, payload: unknown, timeoutMs = 5000): Promise<Ack<T & Record<string, any>>> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack<T & Record<string, any>>>;
}

/**
 * Stored events all arrive on one socket.io event, "session:event", told apart
 * by `type`; the helpers below take an event type ("note:added") or a plain
 * socket.io event name ("presence:changed", "stroke:progress").
 */
function listen<T>(socket: TestSocket, event: string, fn: (p: T) => void): () => void {
  if ((EVENT_TYPES as readonly string[]).includes(event)) {
    const handler = (e: T & { type: string }) => e.type === event && fn(e);
    socket.on("session:event", handler);
    return () => socket.off("session:event", handler);
  }
  socket.on(event, fn);
  return () => socket.off(event, fn);
}

/** Resolves with the next `event` on the socket that matches. */
export function nextEvent<T = any>(socket: TestSocket, event: string, match: (p: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const off = listen<T>(socket, event, (p) => {
      if (!match(p)) return;
      clearTimeout(timer);
      off();
      resolve(p);
    });
  });
}

/** Collects every `event` the socket receives from now on. */
export function collect<T = any>(socket: TestSocket, event: string): T[] {
  const seen: T[] = [];
  listen<T>(socket, event, (p) => seen.push(p));
  return seen;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A trainer with a live session they watch, plus helpers to add phones. */
export async function sessionWithTrainer(t: TestServer, title = "Workshop") {
  const trainer = await t.account("trainer");
  const console_ = await t.connect({ cookie: trainer.cookie });
  const created = await send(console_, "session:create", { id: cid(), title, language: "en" });
  if (!created.ok) throw new Error(`create failed: ${created.error.code}`);
  const watched = await send(console_, "session:watch", { id: cid(), sessionId: created.sessionId, lastSeq: 0 });
  if (!watched.ok) throw new Error(`watch failed: ${watched.error.code}`);
  async function phone(nickname: string) {
    const socket = await t.connect();
    const ack = await send(socket, "participant:join", { id: cid(), code: created.ok ? created.code : "", nickname });
    if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
    return { socket, ack };
  }
  return { trainer, console: console_, sessionId: created.sessionId as string, code: created.code as string, phone };
}

/** The session as a console sees it now (a fresh snapshot). */
export async function staffState(console_: TestSocket, sessionId: string, screenKey?: string): Promise<any> {
  const w = await send(console_, "session:watch", { id: cid(), sessionId, lastSeq: 0, ...(screenKey ? { screenKey } : {}) });
  if (!w.ok || w.sync.kind !== "snapshot") throw new Error(`watch failed: ${w.ok ? w.sync.kind : w.error.code}`);
  return w.sync.state;
}

/**
 * A free session (no plan) with a watching console, a projector (screen key)
 * and `n` phones split into two groups. `a` is the first phone, `mate` shares
 * its group, `other` is in the other group.
 */
export async function roomInTwoGroups(t: TestServer, opts: { n?: number; nickname?: (i: number) => string } = {}) {
  const trainer = await t.account("trainer");
  const c = await t.connect({ cookie: trainer.cookie });
  const created = await send(c, "session:create", { id: cid(), title: "Room", language: "en" });
  if (!created.ok) throw new Error(created.error.code);
  const sessionId = created.sessionId as string;
  await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  const { sealScreenKey } = await import("@/lib/server/accounts/tokens");
  const screen = await t.connect();
  await send(screen, "session:watch", { id: cid(), sessionId, lastSeq: 0, screenKey: await sealScreenKey(sessionId, t.server.services.secret) });
  const phones: { socket: TestSocket; id: string }[] = [];
  for (let i = 0; i < (opts.n ?? 4); i++) {
    const socket = await t.connect();
    const ack = await send(socket, "participant:join", { id: cid(), code: created.code, nickname: opts.nickname?.(i) ?? `P${i}` });
    if (!ack.ok) throw new Error(ack.error.code);
    phones.push({ socket, id: ack.participantId });
  }
  await send(c, "groups:form", { id: cid(), sessionId, by: "count", n: 2 });
  const st = await staffState(c, sessionId);
  const groupOf = (id: string) => st.membership[id] as string;
  const a = phones[0];
  const mate = phones.find((p) => p !== a && groupOf(p.id) === groupOf(a.id))!;
  const other = phones.find((p) => groupOf(p.id) !== groupOf(a.id))!;
  return { c, screen, sessionId, phones, a, mate, other, groupOf };
}

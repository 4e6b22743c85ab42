import type { Env } from "@/lib/env";
import type { DomainError } from "@/lib/domain/errors";
import { openDatabase } from "./store/db";
import type { Pool } from "pg";
import type { AppendFeed, EventStore } from "./store/event-store";
import { openPostgres } from "./store/pg";
import { loadSecret } from "./store/secret";
import type { Sql } from "./store/sql";
import { createSqliteEventStore } from "./store/sqlite-event-store";
import { createSqliteSql } from "./store/sqlite-sql";
import { createUserStore, type UserStore } from "./accounts/user-store";
import path from "node:path";
import { createHelpStore, type HelpStore } from "./store/help-store";
import { createSafeguardingStore, type SafeguardingStore } from "./store/safeguarding-store";
import { loadPlanFiles } from "./store/plan-files";
import { PlanLibrary } from "./store/plan-library";
import { MediaLibrary } from "./media/media-library";
import { createSignInThrottle, type SignInThrottle } from "./accounts/sign-in-throttle";

export interface Services {
  env: Env;
  /** Accounts, plans, settings and media metadata: the SQLite file, or PostgreSQL with DATABASE_URL. */
  sql: Sql;
  store: EventStore;
  users: UserStore;
  secret: string;
  plans: PlanLibrary;
  help: HelpStore;
  /** The consent notice and the help-request policy. */
  safeguarding: SafeguardingStore;
  media: MediaLibrary;
  /** Drops a session's live hub (after deletion); set once the socket server runs. */
  evictHub: (sessionId: string) => void;
  /** Password-guessing limits, shared by every copy of the sign-in route. */
  signInThrottle: SignInThrottle;
  /** Cuts off an account's live sockets (they reconnect and are checked again) after its sessions were ended; set once the socket server runs. */
  endLiveSessions: (userId: string) => void;
  /**
   * The media of a live session's current step when it is a video step whose
   * content warning (if any) was given, else null; with `participantId`, only
   * if that participant is in the session. Set once the socket server runs.
   */
  currentVideo: (sessionId: string, participantId?: string) => Promise<string | null>;
  /**
   * Deletes one participant's data from a session (live or ended) at an
   * organiser's request, through the session's hub: every client hears of it
   * and the log is purged. Set once the socket server runs.
   */
  forgetParticipant: (sessionId: string, participantId: string, by: { id: string; role: "organiser" | "trainer" }) => Promise<{ ok: true } | { ok: false; error: DomainError }>;
  /** Closes the event store, then the database (the SQLite file or the PostgreSQL pool). */
  close(): Promise<void>;
  /** On PostgreSQL, what several instances share: the pool (for the socket.io adapter) and the feed of appends. */
  shared: SharedDatabase | null;
}

export interface SharedDatabase {
  /** For connections of its own (the socket.io adapter's). */
  url: string;
  pool: Pool;
  feed: AppendFeed;
  schema?: string;
}

const KEY = Symbol.for("ortaq.services");
type Holder = { [KEY]?: Services };

/** Where the data lives: SQL for the repositories, the event log, and how to let go of both. */
interface Storage {
  sql: Sql;
  store: EventStore;
  close(): Promise<void>;
  shared: SharedDatabase | null;
}

async function openStorage(env: Env): Promise<Storage> {
  if (env.DATABASE_URL) {
    const pg = await openPostgres(env.DATABASE_URL, { schema: env.DATABASE_SCHEMA });
    return { sql: pg.sql, store: pg.store, close: () => pg.close(), shared: { url: env.DATABASE_URL, pool: pg.pool, feed: pg.store, schema: env.DATABASE_SCHEMA } };
  }
  const db = openDatabase(env.DATABASE_PATH);
  const store = createSqliteEventStore(db);
  return {
    sql: createSqliteSql(db),
    store,
    shared: null,
    async close() {
      // The store's checkpointing thread first: it has the file open too.
      await store.close();
      db.close();
    },
  };
}

/** Opens the database (running its migrations) and loads the secret. */
export async function createServices(env: Env): Promise<Services> {
  const storage = await openStorage(env);
  let secret: string;
  try {
    secret = await loadSecret(storage.sql, env.SESSION_SECRET);
  } catch (err) {
    await storage.close().catch(() => undefined);
    throw err;
  }
  const { sql, store } = storage;
  let closed: Promise<void> | null = null;
  return {
    env,
    sql,
    store,
    shared: storage.shared,
    users: createUserStore(sql),
    secret,
    plans: new PlanLibrary(sql, loadPlanFiles(path.resolve(env.PLANS_DIR))),
    help: createHelpStore(sql),
    safeguarding: createSafeguardingStore(sql),
    media: new MediaLibrary(sql, path.resolve(env.MEDIA_DIR), env.MEDIA_MAX_MB * 1_000_000),
    evictHub: () => {},
    signInThrottle: createSignInThrottle(),
    endLiveSessions: () => {},
    currentVideo: async () => null,
    forgetParticipant: async () => ({ ok: false, error: { code: "INTERNAL", message: "The live server is not running" } }),
    close() {
      closed ??= storage.close();
      return closed;
    },
  };
}

/**
 * One set of services per process. server.ts and Next's bundled route
 * handlers load this module separately, so the instance lives on globalThis
 * to be shared: one database connection, one secret. Opening the database
 * is asynchronous (PostgreSQL), so it is done once at start (startServer);
 * route handlers and pages only read what was set.
 */
export function getServices(): Services {
  const services = (globalThis as Holder)[KEY];
  if (!services) {
    throw new Error("Services are not set up yet: start Ortaq with server.ts (startServer), or call createServices and setServices first");
  }
  return services;
}

export function setServices(services: Services): void {
  (globalThis as Holder)[KEY] = services;
}

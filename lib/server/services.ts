import { getEnv, type Env } from "@/lib/env";
import type { DomainError } from "@/lib/domain/errors";
import { openDatabase, type Db } from "./store/db";
import type { EventStore } from "./store/event-store";
import { loadSecret } from "./store/secret";
import { createSqliteEventStore } from "./store/sqlite-event-store";
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
  db: Db;
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
}

const KEY = Symbol.for("ortaq.services");
type Holder = { [KEY]?: Services };

export function createServices(env: Env): Services {
  const db = openDatabase(env.DATABASE_PATH);
  return {
    env,
    db,
    store: createSqliteEventStore(db),
    users: createUserStore(db),
    secret: loadSecret(db, env.SESSION_SECRET),
    plans: new PlanLibrary(db, loadPlanFiles(path.resolve(env.PLANS_DIR))),
    help: createHelpStore(db),
    safeguarding: createSafeguardingStore(db),
    media: new MediaLibrary(db, path.resolve(env.MEDIA_DIR), env.MEDIA_MAX_MB * 1_000_000),
    evictHub: () => {},
    signInThrottle: createSignInThrottle(),
    endLiveSessions: () => {},
    currentVideo: async () => null,
    forgetParticipant: async () => ({ ok: false, error: { code: "INTERNAL", message: "The live server is not running" } }),
  };
}

/**
 * One set of services per process. server.ts and Next's bundled route
 * handlers load this module separately, so the instance lives on globalThis
 * to be shared: one database connection, one secret.
 */
export function getServices(): Services {
  const holder = globalThis as Holder;
  holder[KEY] ??= createServices(getEnv());
  return holder[KEY];
}

export function setServices(services: Services): void {
  (globalThis as Holder)[KEY] = services;
}

import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/protocol/events";
import type { WordFilter } from "@/lib/domain/word-filter";
import type { EventStore } from "../store/event-store";
import type { HelpStore } from "../store/help-store";
import type { SafeguardingStore } from "../store/safeguarding-store";
import type { PlanLibrary } from "../store/plan-library";
import type { HubRegistry } from "./hub-registry";
import type { Presence } from "./presence";
import type { PresenceFeed } from "./presence-feed";
import type { JoinGuard } from "./join-guard";
import type { RateLimiter } from "./rate-limit";
import type { Breaks } from "./breaks";
import type { User, UserStore } from "../accounts/user-store";
import type { ClusterOptions, InterServerEvents } from "./cluster-link";

export interface SocketData {
  user: User | null;
  participant: { sessionId: string; participantId: string } | null;
  /** Sessions this socket watches as console or projector. */
  watching: Set<string>;
  strikes: number[];
  /** The client's network address (the proxy's forwarded one when TRUST_PROXY is set): for join-guessing limits only, never logged. */
  address: string;
  /** A keyed hash of the device's cookie id, or null when the browser keeps no cookies. */
  device: string | null;
}

export type OrtaqServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type OrtaqSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface SocketServerDeps {
  store: EventStore;
  plans: PlanLibrary;
  help: HelpStore;
  users: UserStore;
  secret: string;
  clock: () => number;
  newId: () => string;
  randomInt: (n: number) => number;
  allowedOrigins: readonly string[];
  logger: Logger;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** The note word filter (content/filters). */
  filter?: WordFilter;
  /** The concern list (content/filters/concern): matching notes are held for the trainer alone. */
  concern?: WordFilter;
  /** The organisation's consent notice and help-request policy. */
  safeguarding: SafeguardingStore;
  /** Several instances sharing one PostgreSQL database: the adapter and the store's feed. Absent: this instance is alone. */
  cluster?: ClusterOptions;
}

/** What every handler gets. */
export interface HandlerContext {
  io: OrtaqServer;
  deps: SocketServerDeps;
  registry: HubRegistry;
  presence: Presence;
  presenceFeed: PresenceFeed;
  joinGuard: JoinGuard;
  /** Who is on a break (in memory only). */
  breaks: Breaks;
  limits: { commands: RateLimiter; joins: RateLimiter; notes: RateLimiter; progress: RateLimiter };
}

export const rooms = {
  session: (id: string) => `session:${id}`,
  trainers: (id: string) => `trainers:${id}`,
  screen: (id: string) => `screen:${id}`,
  participant: (sessionId: string, participantId: string) => `participant:${sessionId}:${participantId}`,
  group: (sessionId: string, groupId: string) => `group:${sessionId}:${groupId}`,
};

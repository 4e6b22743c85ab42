import crypto from "node:crypto";
import type { AppendFeed } from "../store/event-store";
import { domainError } from "@/lib/domain/errors";
import type { ForwardedCommand, ForwardedResult, SessionWriter } from "./session-hub";
import { announceBreaks } from "./breaks";
import type { SetChange, SetSnapshot } from "./cluster-set";
import type { HandlerContext, OrtaqServer } from "./socket-types";

/** How often an instance tells the others its whole share of who is online and away. */
export const HEARTBEAT_MS = 5_000;
/** An instance not heard from for this long is gone: its phones are offline until they reconnect elsewhere. */
export const INSTANCE_EXPIRY_MS = 15_000;
/** A session's writer that has not answered a forwarded batch after this long is passed over... */
export const FORWARD_TIMEOUT_MS = 2_000;
/** ...for this long, or until it answers one (heartbeats alone do not count: its writes may hang while it beats). */
export const SILENT_MS = 30_000;
/**
 * A starting instance's first beats ask everyone to answer at once. An
 * adapter starts listening a moment after it starts sending, so answers to
 * the very first beat can be missed; these repeats make sure it knows its
 * peers (and which of them writes a session) within about a second, not at
 * the next heartbeat.
 */
export const HELLO_AT_MS = [0, 250, 1_000, 3_000];

/**
 * The command id of something the server itself does (a pause point, the
 * help purge, an attendance record), the same on every instance so that the
 * log applies it once whoever fires first. The colons keep it out of the
 * ids clients may send (commandIdSchema), so a phone cannot take it first.
 */
export function systemCommandId(what: string, sessionId: string, ...parts: (string | number)[]): string {
  return ["sys", what, sessionId, ...parts].join(":");
}

/** What several instances behind one balancer share, beside the database. */
export interface ClusterOptions {
  /** This instance's id, unique among the running ones. */
  instanceId: string;
  /** The official socket.io adapter (PostgreSQL or Redis Streams) that carries broadcasts between instances. */
  adapter: Parameters<OrtaqServer["adapter"]>[0];
  /** Tells of events other instances stored, once committed. */
  feed: AppendFeed;
}

/** Messages between instances (socket.io's serverSideEmit). */
export interface InterServerEvents {
  /** `n` counts each instance's messages: one that arrives after a later one (the adapter fetches large ones later) is dropped. */
  "ortaq:set": (instance: string, n: number, kind: "presence" | "breaks", change: SetChange) => void;
  /** `writes`: the instance takes forwarded commands (one of an older version, during a rolling update, does not). */
  "ortaq:sets": (instance: string, n: number, sets: { presence: SetSnapshot; breaks: SetSnapshot; writes?: boolean; hello?: boolean }, reply: boolean) => void;
  /** A session was deleted: every instance drops its hub. */
  "ortaq:evict": (sessionId: string) => void;
  /** An account's sessions were ended (sign-out, password change): every instance cuts its sockets. */
  "ortaq:end-user": (userId: string) => void;
  /** Commands for the session `to` writes (see SessionWriter); `req` pairs the answer. */
  "ortaq:forward": (from: string, to: string, req: number, sessionId: string, commands: ForwardedCommand[]) => void;
  "ortaq:forwarded": (from: string, to: string, req: number, results: ForwardedResult[]) => void;
  /** An instance is stopping: the others stop sending it commands. */
  "ortaq:bye": (instance: string) => void;
}

/**
 * Who writes a session: of the instances heard from lately (and this one),
 * the one whose id hashed with the session's id ranks highest (rendezvous
 * hashing). Every instance that hears the same ones picks the same writer;
 * one joining or leaving moves only its share of the sessions.
 */
export function pickWriter(sessionId: string, instances: Iterable<string>): string {
  let best = "";
  let bestRank = "";
  for (const instance of instances) {
    const rank = crypto.createHash("sha1").update(`${instance}\n${sessionId}`).digest("hex");
    if (rank > bestRank || (rank === bestRank && instance > best)) {
      best = instance;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * Joins this instance to the others: hubs catch up on what other instances
 * store, and the volatile sets (who is online, who stepped out) are shared
 * by small messages and a heartbeat. Each instance sends every stored event
 * and every count to its own sockets only; the adapter carries what is not
 * stored (live drawing points) and these messages.
 */
export function linkCluster(ctx: HandlerContext, opts: ClusterOptions & { clock: () => number; cutUser: (userId: string) => void; nextMessage: () => number }) {
  const { io, registry, presence, breaks } = ctx;
  const me = opts.instanceId;
  const known = new Set<string>();
  /** The latest message number heard from each instance. */
  const latest = new Map<string, number>();
  const fresh = (instance: string, n: number) => {
    if (n <= (latest.get(instance) ?? 0)) return false;
    latest.set(instance, n);
    return true;
  };

  /**
   * The other instances that take forwarded commands, when each was last
   * heard from; when one last failed to answer a forward; and the ones that
   * said they are stopping (an id never comes back).
   */
  const heard = new Map<string, number>();
  const silent = new Map<string, number>();
  const gone = new Set<string>();
  const hear = (instance: string) => {
    if (heard.has(instance) && !gone.has(instance)) heard.set(instance, opts.clock());
  };
  const live = function* (): Generator<string> {
    yield me;
    const now = opts.clock();
    for (const [instance, at] of heard) if (at > now - INSTANCE_EXPIRY_MS && !((silent.get(instance) ?? -Infinity) > now - SILENT_MS)) yield instance;
  };
  let requests = 0;
  let retired = false;
  const pending = new Map<number, (results: ForwardedResult[]) => void>();
  const writer: SessionWriter = {
    writerFor(sessionId) {
      if (heard.size === 0) return null;
      const w = pickWriter(sessionId, live());
      return w === me ? null : w;
    },
    forward(instance, sessionId, commands) {
      return new Promise((resolve, reject) => {
        const req = ++requests;
        const timer = setTimeout(() => {
          pending.delete(req);
          silent.set(instance, opts.clock());
          reject(new Error("the session's writer did not answer"));
        }, FORWARD_TIMEOUT_MS);
        pending.set(req, (results) => {
          clearTimeout(timer);
          pending.delete(req);
          resolve(results);
        });
        io.serverSideEmit("ortaq:forward", me, instance, req, sessionId, commands);
      });
    },
  };
  registry.setWriter(writer);

  io.on("ortaq:forward", (from, to, req, sessionId, commands) => {
    hear(from);
    if (to !== me) return;
    const answer = (results: ForwardedResult[]) => io.serverSideEmit("ortaq:forwarded", me, from, req, results);
    // Stopping: the sender writes them itself (this instance's writes are closing).
    if (retired) return answer(commands.map(() => ({ kind: "not-writer" })));
    registry.get(sessionId).then(
      async (hub) => {
        if (!hub) return answer(commands.map(() => ({ kind: "refused", error: domainError("SESSION_NOT_FOUND", "No such session") })));
        // All in this turn, so they share one write (and keep their order).
        answer(await Promise.all(commands.map((c) => hub.executeForwarded(c))));
      },
      (err: unknown) => answer(commands.map(() => ({ kind: "failed", message: err instanceof Error ? err.message : String(err) }))),
    );
  });
  io.on("ortaq:forwarded", (from, to, req, results) => {
    hear(from);
    if (to !== me) return;
    silent.delete(from);
    pending.get(req)?.(results);
  });
  io.on("ortaq:bye", (instance) => {
    gone.add(instance);
    heard.delete(instance);
    silent.delete(instance);
  });

  const unfeed = opts.feed.onAppended((sessionId, lastSeq, events) => registry.appended(sessionId, lastSeq, events));

  function told(kind: "presence" | "breaks", changes: SetChange[]): void {
    const sessions = new Set<string>();
    for (const c of changes) {
      if (kind === "presence") ctx.presenceFeed.changed(c.sessionId, c.id, c.present);
      else sessions.add(c.sessionId);
    }
    sessions.forEach((id) => announceBreaks(ctx, id));
  }

  const shares = (hello: boolean) => ({ presence: presence.members.snapshot(), breaks: breaks.members.snapshot(), writes: !retired, hello });
  const beat = (reply: boolean, hello = false) => io.serverSideEmit("ortaq:sets", me, opts.nextMessage(), shares(hello), reply);

  io.on("ortaq:set", (instance, n, kind, change) => {
    hear(instance);
    if (!fresh(instance, n)) return;
    const set = kind === "presence" ? presence.members : breaks.members;
    const changed = set.applyChange(instance, change, opts.clock());
    if (changed) told(kind, [changed]);
  });
  io.on("ortaq:sets", (instance, n, sets, reply) => {
    if (sets.writes && !gone.has(instance)) heard.set(instance, opts.clock());
    else heard.delete(instance);
    if (!fresh(instance, n)) return;
    const now = opts.clock();
    told("presence", presence.members.applySnapshot(instance, sets.presence, now));
    told("breaks", breaks.members.applySnapshot(instance, sets.breaks, now));
    // A new instance hears everyone's share at once, not at the next heartbeat.
    if ((!known.has(instance) || sets.hello) && !reply) beat(true);
    known.add(instance);
  });
  io.on("ortaq:evict", (sessionId) => registry.evict(sessionId));
  io.on("ortaq:end-user", (userId) => opts.cutUser(userId));

  const timer = setInterval(() => {
    const now = opts.clock();
    beat(false);
    const cutoff = now - INSTANCE_EXPIRY_MS;
    told("presence", presence.members.expire(cutoff, now));
    told("breaks", breaks.members.expire(cutoff, now));
  }, HEARTBEAT_MS);
  timer.unref();
  const hellos = HELLO_AT_MS.map((ms) => setTimeout(() => retired || beat(false, true), ms));
  hellos.forEach((t) => t.unref());

  return {
    /** Drops a deleted session's hub here and on every other instance. */
    evict(sessionId: string): void {
      registry.evict(sessionId);
      io.serverSideEmit("ortaq:evict", sessionId);
    },
    /** Cuts an account's sockets here and on every other instance. */
    endUser(userId: string): void {
      opts.cutUser(userId);
      io.serverSideEmit("ortaq:end-user", userId);
    },
    /** Stopping: the others write this instance's sessions from now on (it writes what it still has itself). */
    retire(): void {
      if (retired) return;
      retired = true;
      registry.setWriter(null);
      io.serverSideEmit("ortaq:bye", me);
    },
    /** The other instances this one would pick a session's writer among now (what tests wait for). */
    peers(): string[] {
      return [...live()].filter((i) => i !== me);
    },
    stop(): void {
      clearInterval(timer);
      hellos.forEach(clearTimeout);
      unfeed();
      this.retire();
    },
  };
}

export type ClusterLink = ReturnType<typeof linkCluster>;

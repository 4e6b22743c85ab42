import crypto from "node:crypto";
import { openPgPool } from "../store/pg/pool";
import { createAdapter as createPostgresAdapter } from "@socket.io/postgres-adapter";
import { createAdapter as createRedisStreamsAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import type { AppendFeed } from "../store/event-store";
import type { ClusterOptions } from "./cluster-link";
import type { Logger } from "./socket-types";

/**
 * The socket.io adapter for several instances on one PostgreSQL database.
 * By default the official PostgreSQL adapter (LISTEN/NOTIFY on the database
 * the instances already share: no other service to run); with REDIS_URL the
 * official Redis Streams adapter (bench/results/instances-*.json compares
 * them). Either way, stored events do not travel through the adapter: each
 * instance reads them from the log (see cluster-link.ts); the adapter carries
 * live drawing points and the instances' small messages.
 */
export async function openCluster(opts: {
  /** The database; the PostgreSQL adapter gets a small pool of its own, so it never waits behind appends. */
  url: string;
  feed: AppendFeed;
  /** Keeps the channels of several deployments (or test schemas) in one database apart. */
  schema?: string;
  redisUrl?: string;
  logger: Logger;
}): Promise<ClusterOptions & { close(): Promise<void> }> {
  const instanceId = crypto.randomUUID();
  const prefix = `ortaq${opts.schema ? `.${opts.schema}` : ""}`;
  const errorHandler = (err: Error) => opts.logger.error("socket.io adapter error", { error: err.message });
  if (opts.redisUrl) {
    const client = createClient({ url: opts.redisUrl });
    client.on("error", errorHandler);
    await client.connect();
    return {
      instanceId,
      feed: opts.feed,
      adapter: createRedisStreamsAdapter(client, { streamName: prefix, channelPrefix: prefix }),
      async close() {
        await client.quit().catch(() => undefined);
      },
    };
  }
  // Its messages are hints, never data: their NOTIFY transactions commit without waiting for the disk
  // (PostgreSQL holds its notification lock through a commit's flush).
  const pool = await openPgPool(opts.url, { schema: opts.schema, max: 4, logger: opts.logger, settings: { synchronous_commit: "off" } });
  // The adapter keeps one connection checked out for LISTEN, and pg-pool stops watching a checked-out
  // connection for errors: without this, a database restart would throw, and the adapter would never
  // hear the connection end and so never listen again.
  const watched = new WeakSet<object>();
  pool.on("acquire", (client) => {
    if (watched.has(client)) return;
    watched.add(client);
    client.on("error", (err) => errorHandler(err));
    // The adapter drops a connection that ended without giving it back: give it back here, or the
    // pool would count it as in use for ever (and wait for it when closing).
    client.once("end", () => {
      try {
        client.release(new Error("connection ended"));
      } catch {
        // Already given back.
      }
    });
  });
  return {
    instanceId,
    feed: opts.feed,
    adapter: createPostgresAdapter(pool, { channelPrefix: prefix, errorHandler }),
    async close() {
      await pool.end().catch(() => undefined);
    },
  };
}

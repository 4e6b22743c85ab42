import crypto from "node:crypto";
import type pg from "pg";
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
  pool: pg.Pool;
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
  return {
    instanceId,
    feed: opts.feed,
    adapter: createPostgresAdapter(opts.pool, { channelPrefix: prefix, errorHandler }),
    async close() {},
  };
}

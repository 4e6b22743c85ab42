// One instance of the real socket server (no Next.js) on PostgreSQL, for the
// scale-out bench: DATABASE_URL, DATABASE_SCHEMA (and REDIS_URL for the Redis
// Streams adapter) come from the environment. Prints "READY <port> <secret>".
import { parseEnv } from "../lib/env";
import { silentLogger } from "../lib/server/logger";
import { startServer } from "../lib/server/start-server";
import { installStats } from "./server-stats";
import { hubCounters } from "../lib/server/live/session-hub";

async function main() {
  const env = parseEnv({ ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1" });
  const server = await startServer({ env, logger: silentLogger });
  // Since the last "reset": batches written, beaten to their seq by the other instance, reads of the log,
  // batches sent to the session's writer, and those it did not answer in time.
  let base = { ...hubCounters };
  const since = () => Object.fromEntries(Object.entries(hubCounters).map(([k, v]) => [k, v - base[k as keyof typeof hubCounters]]));
  installStats(
    () => ({ hub: since() }),
    () => (base = { ...hubCounters }),
  );
  process.stdout.write(`READY ${server.port} ${server.services.secret}\n`);
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

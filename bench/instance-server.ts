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
  // Since the last "reset": how many batches were written, beaten to their seq by the other instance, read back from the log.
  let base = { ...hubCounters };
  installStats(
    () => ({ hub: { batches: hubCounters.batches - base.batches, seqConflicts: hubCounters.seqConflicts - base.seqConflicts, storeReads: hubCounters.storeReads - base.storeReads } }),
    () => (base = { ...hubCounters }),
  );
  process.stdout.write(`READY ${server.port} ${server.services.secret}\n`);
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// The real socket server (SQLite store, hubs, handlers) without Next.js, for benchmarks.
// Prints "READY <port> <secret>" once listening.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "../lib/env";
import { silentLogger } from "../lib/server/logger";
import { startServer } from "../lib/server/start-server";
import { installStats } from "./server-stats";

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-bench-"));
  const env = parseEnv({ NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: path.join(dir, "bench.db") });
  const server = await startServer({ env, logger: silentLogger });
  installStats();
  process.stdout.write(`READY ${server.port} ${server.services.secret} ${env.DATABASE_PATH}\n`);
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
}

void main();

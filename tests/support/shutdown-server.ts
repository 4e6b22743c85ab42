// The real server (SQLite store, hubs, handlers; no Next.js) with the same
// signal handling as server.ts, for the graceful-shutdown test. Prints one
// JSON line {port, dbPath, cookie} once listening; `cookie` signs in the
// organiser it creates.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "../../lib/env";
import { AUTH_COOKIE, sealAuth } from "../../lib/server/accounts/tokens";
import { createConsoleLogger, silentLogger } from "../../lib/server/logger";
import { installSignalHandlers } from "../../lib/server/shutdown";
import { startServer } from "../../lib/server/start-server";

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-shutdown-"));
  const env = parseEnv({
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_PATH: path.join(dir, "ortaq.db"),
    MEDIA_DIR: path.join(dir, "media"),
    ADMIN_EMAIL: "organiser@example.org",
    ADMIN_PASSWORD: "shutdown-test-1",
  });
  // SHUTDOWN_LOG=1 prints what the server does while stopping (to stderr).
  const logger = process.env.SHUTDOWN_LOG ? createConsoleLogger() : silentLogger;
  const running = await startServer({ env, logger });
  installSignalHandlers(running, logger);
  const user = (await running.services.users.byEmailWithHash("organiser@example.org"))!;
  const cookie = `${AUTH_COOKIE}=${encodeURIComponent(await sealAuth(user.id, running.services.secret, user.sessionVersion))}`;
  process.stdout.write(`${JSON.stringify({ port: running.port, dbPath: env.DATABASE_PATH, cookie })}\n`);
}

void main();

// One instance of the real server (hubs, handlers, the cluster link; no Next.js)
// on PostgreSQL, for the multi-instance test and bench. Reads DATABASE_URL,
// DATABASE_SCHEMA (and REDIS_URL for the Redis Streams adapter) from the
// environment; prints one JSON line {port, cookie, instanceId} once listening, where
// `cookie` signs in the organiser it makes sure exists.
import { parseEnv } from "../../lib/env";
import { AUTH_COOKIE, sealAuth } from "../../lib/server/accounts/tokens";
import { createConsoleLogger, silentLogger } from "../../lib/server/logger";
import { installSignalHandlers } from "../../lib/server/shutdown";
import { startServer } from "../../lib/server/start-server";
import { hubCounters } from "../../lib/server/live/session-hub";

async function main() {
  const env = parseEnv({
    ...process.env,
    NODE_ENV: "production",
    PORT: process.env.PORT ?? "0",
    HOST: "127.0.0.1",
    ADMIN_EMAIL: "organiser@example.org",
    ADMIN_PASSWORD: "instances-test-1",
  });
  // INSTANCE_LOG=1 prints what the server does (to stderr).
  const logger = process.env.INSTANCE_LOG ? createConsoleLogger() : silentLogger;
  const running = await startServer({ env, logger });
  installSignalHandlers(running, logger);
  const user = (await running.services.users.byEmailWithHash("organiser@example.org"))!;
  const cookie = `${AUTH_COOKIE}=${encodeURIComponent(await sealAuth(user.id, running.services.secret, user.sessionVersion))}`;
  // (Listened for before the ready line: a test may ask as soon as it reads it.)
  // What the hubs did so far (batches written, sent to the session's writer, seqs found taken) and the
  // instances this one knows (a test waits for both to know each other), on SIGUSR2.
  process.on("SIGUSR2", () => process.stdout.write(`${JSON.stringify({ hubCounters, peers: running.sockets.peers() })}\n`));
  process.stdout.write(`${JSON.stringify({ port: running.port, cookie, instanceId: running.instanceId })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

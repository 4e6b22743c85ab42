import path from "node:path";
import { getEnv } from "./lib/env";
import { lanAddresses } from "./lib/server/lan";
import { createConsoleLogger } from "./lib/server/logger";
import { installSignalHandlers } from "./lib/server/shutdown";
import { startServer } from "./lib/server/start-server";

async function main() {
  const env = getEnv();
  const logger = createConsoleLogger();
  const dev = env.NODE_ENV !== "production";
  const running = await startServer({ env, logger, next: { dev, dir: path.resolve(__dirname) } });

  const lan = lanAddresses();
  console.log(`\nOrtaq is running (${dev ? "development" : "production"}) on port ${running.port}.`);
  console.log(`  On this computer:   http://localhost:${running.port}`);
  for (const ip of lan) console.log(`  Phones on the Wi-Fi: http://${ip}:${running.port}/join`);
  if (lan.length === 0) console.log("  No network address found: connect this computer to the room's Wi-Fi.");
  if ((await running.services.users.count()) === 0) {
    console.log(`  First start: open http://localhost:${running.port}/setup to create the organiser account.`);
  }

  // A bug in one handler must not end everyone's session: log it and keep serving.
  process.on("uncaughtException", (err) => logger.error("uncaught exception", { error: err.message, stack: err.stack?.split("\n").slice(0, 4).join(" | ") }));
  process.on("unhandledRejection", (err) => logger.error("unhandled rejection", { error: err instanceof Error ? err.message : String(err) }));
  installSignalHandlers(running, logger);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

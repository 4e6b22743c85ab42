// The real socket server (as bench/server-only.ts) plus a password spray run inside the same process,
// so the spray's hashing competes with the room for this event loop exactly as a real sign-in route would.
// stdin: "setup N" makes N accounts (real scrypt hashes) and prints "SETUP done";
//        "spray N" runs N wrong-password sign-ins, each for its own account from its own address, all at once,
//        and prints "SPRAY {json}" when they are all answered.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseEnv } from "../lib/env";
import { hashPassword } from "../lib/server/accounts/passwords";
import { signInWithPassword } from "../lib/server/accounts/sign-in";
import { silentLogger } from "../lib/server/logger";
import { startServer } from "../lib/server/start-server";

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ortaq-spray-"));
  const env = parseEnv({ NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: path.join(dir, "bench.db") });
  const server = await startServer({ env, logger: silentLogger });
  const email = (i: number) => `spray-${i}@bench.example`;
  readline.createInterface({ input: process.stdin }).on("line", (line) => {
    const [cmd, arg] = line.trim().split(" ");
    const n = Number(arg);
    if (cmd === "setup") {
      void (async () => {
        const hash = await hashPassword("the-real-password-123");
        for (let i = 0; i < n; i++) await server.services.users.create({ id: crypto.randomUUID(), email: email(i), name: `S${i}`, role: "trainer", passwordHash: hash, createdAt: Date.now() });
        process.stdout.write("SETUP done\n");
      })();
    } else if (cmd === "spray") {
      void (async () => {
        const t0 = performance.now();
        const results = await Promise.all(
          Array.from({ length: n }, (_, i) => signInWithPassword(server.services, { email: email(i), password: `guess-${i}`, address: `10.9.${i >> 8}.${i & 255}` })),
        );
        const codes: Record<string, number> = {};
        for (const r of results) codes[r.ok ? "ok" : r.code] = (codes[r.ok ? "ok" : r.code] ?? 0) + 1;
        process.stdout.write(`SPRAY ${JSON.stringify({ ms: Math.round(performance.now() - t0), codes })}\n`);
      })();
    }
  });
  process.stdout.write(`READY ${server.port} ${server.services.secret} ${env.DATABASE_PATH}\n`);
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
}

void main();

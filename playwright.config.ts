import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3211);
// One fresh database per run; the config is read again in workers, so the path travels by env.
process.env.E2E_DB ??= path.join(os.tmpdir(), `ortaq-e2e-${Date.now()}`, "ortaq.db");
process.env.E2E_ADMIN_EMAIL ??= "organiser@example.org";
process.env.E2E_ADMIN_PASSWORD ??= "e2e-password-123";
// E2E_DATABASE_URL: run on PostgreSQL instead, with two instances of the app (ports PORT and PORT+1)
// sharing one fresh schema; tests/e2e/instances.spec.ts splits a room across them.
const PG_URL = process.env.E2E_DATABASE_URL;
if (PG_URL) {
  process.env.E2E_SCHEMA ??= `e2e_${Date.now()}`;
  process.env.E2E_SECOND_URL ??= `http://127.0.0.1:${PORT + 1}`;
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "tests/e2e",
  // Two cores: one browser at a time, several contexts (phones) inside it.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? "test-results/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: (PG_URL ? [PORT, PORT + 1] : [PORT]).map((port) => ({
    command: "npx tsx server.ts",
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      ...(PG_URL ? { DATABASE_URL: PG_URL, DATABASE_SCHEMA: process.env.E2E_SCHEMA! } : { DATABASE_PATH: process.env.E2E_DB! }),
      // Which phone page the phones get: the light one (the default) or Next's (E2E_PHONE_PAGE=next).
      ...(process.env.E2E_PHONE_PAGE ? { PHONE_PAGE: process.env.E2E_PHONE_PAGE } : {}),
      ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL!,
      ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD!,
      MEDIA_DIR: path.join(path.dirname(process.env.E2E_DB!), "media"),
      // Small, so the upload limit can be tested with a small file.
      MEDIA_MAX_MB: "2",
    },
  })),
});

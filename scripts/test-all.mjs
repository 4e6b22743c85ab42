#!/usr/bin/env node
// Runs every test runner (jest: unit, components, integration; Playwright e2e
// in Chromium) and prints one total line last: "tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const { findChromiumHere } = createRequire(import.meta.url)("./chromium.cjs");

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const out = path.join(root, "test-results");
fs.mkdirSync(out, { recursive: true });

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
const problems = [];

// 0. Static checks, each counted as one test: the type checker (it is what refuses a command
// without a decider, an authorisation case or translated error codes) and no casts on protocol paths.
function staticCheck(name, ok) {
  if (ok) passed += 1;
  else {
    failed += 1;
    problems.push(name);
  }
}
staticCheck("typecheck failed (npx tsc --noEmit -p .)", run("npx", ["tsc", "--noEmit", "-p", "."]) === 0);
const PROTOCOL_PATHS = ["lib/protocol", "lib/server/live", "lib/client"];
const casts = [];
for (const dir of PROTOCOL_PATHS) {
  for (const file of fs.readdirSync(path.join(root, dir), { recursive: true })) {
    if (!/\.tsx?$/.test(file)) continue;
    const rel = path.join(dir, file);
    fs.readFileSync(path.join(root, rel), "utf8")
      .split("\n")
      .forEach((line, i) => /as never\b|as unknown as\b/.test(line) && casts.push(`${rel}:${i + 1}`));
  }
}
if (casts.length) console.log(`casts on protocol paths:\n  ${casts.join("\n  ")}`);
staticCheck(`casts on protocol paths (${PROTOCOL_PATHS.join(", ")}): ${casts.join(", ")}`, casts.length === 0);

// 1. jest: unit, components, integration.
const jestFile = path.join(out, "jest.json");
fs.rmSync(jestFile, { force: true });
const jestStatus = run("npx", ["jest", "--json", `--outputFile=${jestFile}`]);
const jest = readJson(jestFile);
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  // A suite that fails to load has no test results; count it as a failure.
  failed += jest.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
} else {
  failed += 1;
  problems.push("jest produced no report");
}
if (jestStatus !== 0 && jest && jest.numFailedTests === 0 && jest.numFailedTestSuites === 0) {
  failed += 1;
  problems.push(`jest exited with ${jestStatus}`);
}

// 2. e2e: find (or, as root, install) Debian's Chromium, build the app, then Playwright drives
// that Chromium against server.ts.
if (process.env.SKIP_E2E !== "1") {
  console.log("\nChromium for the e2e run (scripts/chromium.cjs):");
  const chromium = findChromiumHere();
  if ("error" in chromium) {
    // No browser, no build and no e2e run: one failure, with its reason above the totals.
    failed += 1;
    problems.push(chromium.error);
  } else if (run("npx", ["next", "build"]) !== 0 || run("npx", ["tsx", "scripts/build-phone.ts"]) !== 0) {
    failed += 1;
    problems.push("the build failed (next build, or the phone page's build)");
  } else {
    console.log(`Chromium: ${chromium.path}${chromium.installed ? " (just installed)" : ""}`);
    // Each pass: its specs, its report and what it runs on.
    const passes = [
      // Every spec on SQLite, phones on the light phone page (the production default).
      { name: "e2e", specs: [], env: {} },
      // The same build on PostgreSQL, two instances sharing one schema: a room split across them
      // (instances.spec.ts, skipped above) and the whole workshop on PostgreSQL.
      {
        name: "e2e-postgres",
        specs: ["tests/e2e/instances.spec.ts", "tests/e2e/workshop.spec.ts"],
        env: { E2E_DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test", E2E_PORT: "3221" },
      },
      // Phones on Next's own pages (PHONE_PAGE=next, from the same components): joining, notes,
      // the headers and nonce, and the offline shell.
      {
        name: "e2e-next-phone",
        specs: ["tests/e2e/notes.spec.ts", "tests/e2e/offline-shell.spec.ts", "tests/e2e/security-headers.spec.ts"],
        env: { E2E_PHONE_PAGE: "next", E2E_PORT: "3231" },
      },
    ];
    for (const pass of passes) {
      const file = path.join(out, `${pass.name}.json`);
      fs.rmSync(file, { force: true });
      const args = ["playwright", "test", ...pass.specs, ...(pass.name === "e2e" ? [] : ["--output", `test-results/${pass.name}`])];
      const status = run("npx", args, { CHROMIUM_PATH: chromium.path, E2E_REPORT: file, ...pass.env });
      const report = readJson(file);
      if (report?.stats) {
        passed += report.stats.expected + (report.stats.flaky ?? 0);
        failed += report.stats.unexpected;
        if (status !== 0 && report.stats.unexpected === 0) {
          failed += 1;
          problems.push(`playwright (${pass.name}) exited with ${status}`);
        }
      } else {
        failed += 1;
        problems.push(`playwright (${pass.name}) produced no report`);
      }
    }
  }
}

for (const p of problems) console.log(`problem: ${p}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

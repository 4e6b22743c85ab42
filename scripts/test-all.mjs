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
  } else if (run("npx", ["next", "build"]) !== 0) {
    failed += 1;
    problems.push("next build failed");
  } else {
    const e2eFile = path.join(out, "e2e.json");
    fs.rmSync(e2eFile, { force: true });
    console.log(`Chromium: ${chromium.path}${chromium.installed ? " (just installed)" : ""}`);
    const pwStatus = run("npx", ["playwright", "test"], { CHROMIUM_PATH: chromium.path });
    const e2e = readJson(e2eFile);
    if (e2e?.stats) {
      passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
      failed += e2e.stats.unexpected;
      if (pwStatus !== 0 && e2e.stats.unexpected === 0) {
        failed += 1;
        problems.push(`playwright exited with ${pwStatus}`);
      }
    } else {
      failed += 1;
      problems.push("playwright produced no report");
    }
    // The same build on PostgreSQL, two instances sharing one schema: a room split across them
    // (instances.spec.ts, skipped above) and the whole workshop on PostgreSQL.
    const pgFile = path.join(out, "e2e-postgres.json");
    fs.rmSync(pgFile, { force: true });
    const pgStatus = run("npx", ["playwright", "test", "tests/e2e/instances.spec.ts", "tests/e2e/workshop.spec.ts", "--output", "test-results/e2e-postgres"], {
      CHROMIUM_PATH: chromium.path,
      E2E_DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
      E2E_PORT: "3221",
      E2E_REPORT: pgFile,
    });
    const pg = readJson(pgFile);
    if (pg?.stats) {
      passed += pg.stats.expected + (pg.stats.flaky ?? 0);
      failed += pg.stats.unexpected;
      if (pgStatus !== 0 && pg.stats.unexpected === 0) {
        failed += 1;
        problems.push(`playwright on PostgreSQL exited with ${pgStatus}`);
      }
    } else {
      failed += 1;
      problems.push("playwright on PostgreSQL produced no report");
    }
  }
}

for (const p of problems) console.log(`problem: ${p}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

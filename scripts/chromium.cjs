// Finds the Chromium that Playwright drives in `npm test` (Debian's package,
// no browser download): CHROMIUM_PATH, then /usr/bin/chromium, then
// /usr/bin/chromium-browser. When none is there and this runs as root with
// apt-get, it installs Debian's `chromium` package first. Used by
// scripts/test-all.mjs; `node scripts/chromium.cjs` prints the path it finds
// (exit 0) or the one-sentence reason it cannot (exit 1).
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const DEFAULT_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const HINT = "run `sudo apt-get install -y chromium` or set CHROMIUM_PATH";

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command, envPath) {
  return (envPath || "").split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, command)));
}

function listPaths(paths) {
  return paths.length <= 1 ? paths.join("") : `${paths.slice(0, -1).join(", ")} or ${paths[paths.length - 1]}`;
}

/**
 * @param {{
 *   env: Record<string, string | undefined>,
 *   exists: (file: string) => boolean,
 *   isRoot: boolean,
 *   hasAptGet: boolean,
 *   install: () => boolean,
 *   log: (message: string) => void,
 * }} deps
 * @returns {{ path: string, installed: boolean } | { error: string }}
 */
function findChromium({ env, exists, isRoot, hasAptGet, install, log }) {
  const wanted = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : [];
  const candidates = [...new Set([...wanted, ...DEFAULT_PATHS])];
  let found = candidates.find((p) => exists(p));
  if (found) {
    if (wanted.length && found !== wanted[0]) log(`CHROMIUM_PATH=${wanted[0]} is not an executable file; using ${found}.`);
    return { path: found, installed: false };
  }
  const where = listPaths(candidates);
  if (!hasAptGet) return { error: `Chromium not found at ${where} and cannot install it (no apt-get): ${HINT}.` };
  if (!isRoot) return { error: `Chromium not found at ${where} and cannot install it (not root): ${HINT}.` };
  log(`Chromium not found at ${where}: installing Debian's chromium package (apt-get update && apt-get install -y chromium)…`);
  const ok = install();
  found = candidates.find((p) => exists(p));
  if (found) return { path: found, installed: true };
  return {
    error: `Chromium not found at ${where} and ${ok ? "`apt-get install -y chromium` did not provide it" : "`apt-get install -y chromium` failed"}: ${HINT}.`,
  };
}

/** findChromium on this machine: real files, real user, real apt-get (output shown). */
function findChromiumHere(env = process.env, log = (message) => console.log(message)) {
  return findChromium({
    env,
    exists: isExecutable,
    isRoot: typeof process.getuid === "function" && process.getuid() === 0,
    hasAptGet: onPath("apt-get", env.PATH),
    install() {
      const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
      for (const args of [["update"], ["install", "-y", "chromium"]]) {
        log(`$ apt-get ${args.join(" ")}`);
        // apt's output goes to stderr: stdout carries only the path (see below).
        const r = spawnSync("apt-get", args, { stdio: ["ignore", 2, 2], env: aptEnv });
        if (r.status !== 0) return false;
      }
      return true;
    },
    log,
  });
}

module.exports = { DEFAULT_PATHS, findChromium, findChromiumHere };

if (require.main === module) {
  // Only the path on stdout, so a shell can use it: CHROMIUM_PATH=$(node scripts/chromium.cjs).
  const result = findChromiumHere(process.env, (message) => console.error(message));
  if ("path" in result) {
    console.log(result.path);
  } else {
    console.error(result.error);
    process.exit(1);
  }
}

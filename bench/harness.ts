import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import Database from "better-sqlite3";
import { AUTH_COOKIE, sealAuth } from "../lib/server/accounts/tokens";

export interface BenchServer {
  url: string;
  proc: ChildProcess;
  secret: string;
  dbPath: string;
  stop(): Promise<void>;
}

/**
 * Extra node flags for the benchmarked server, e.g. BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 * to take a CPU profile of the server under the bench's load (written when the server stops).
 */
export function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_ARGS ?? "").split(/\s+/).filter(Boolean);
}

/**
 * Starts a bench server script (bench/*.ts that prints "READY <port> <secret> [<dbPath>]") in its own
 * process, so clients and server do not share an event loop.
 */
export async function startServerProcess(script: string, env: NodeJS.ProcessEnv = process.env): Promise<BenchServer> {
  const proc = spawn(process.execPath, [...serverNodeArgs(), "--import", "tsx", path.join(__dirname, script)], { stdio: ["pipe", "pipe", "inherit"], env });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = "";
    proc.stdout!.on("data", (d) => {
      buf += String(d);
      const m = buf.match(/READY .*\n/);
      if (m) resolve(m[0].trim());
    });
    proc.once("exit", (code) => reject(new Error(`${script} exited ${code}`)));
  });
  const [, port, secret, dbPath = ""] = line.split(" ");
  return {
    url: `http://127.0.0.1:${port}`,
    proc,
    secret,
    dbPath,
    stop: () =>
      new Promise((resolve) => {
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}

/** The real server on SQLite (bench/server-only.ts). */
export function startBenchServer(): Promise<BenchServer> {
  return startServerProcess("server-only.ts");
}

/** Adds a trainer account straight into the bench database and returns its cookie. */
export async function benchTrainer(server: BenchServer): Promise<string> {
  const db = new Database(server.dbPath);
  const id = crypto.randomUUID();
  db.prepare("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, 'trainer', 'x', ?)").run(id, `${id}@bench`, "Bench", Date.now());
  db.close();
  return `${AUTH_COOKIE}=${encodeURIComponent(await sealAuth(id, server.secret))}`;
}

export function connect(url: string, cookie?: string): Promise<Socket> {
  const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: cookie ? { cookie } : {} });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

let n = 0;
export const cid = () => `bench-${process.pid}-${++n}-${crypto.randomBytes(4).toString("hex")}`;

export async function send(socket: Socket, event: string, payload: object): Promise<any> {
  const ack = await socket.timeout(30_000).emitWithAck(event, { id: cid(), ...payload });
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code}`);
  return ack;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), max: r(s[s.length - 1] ?? NaN) };
}

/** a / b to two decimals (how many times the baseline's figure). */
export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

/** Writes a result file under bench/results (or BENCH_OUT, for a trial run) and prints it. */
export function writeResult(name: string, result: object): void {
  const dir = process.env.BENCH_OUT ?? path.join(__dirname, "results");
  fs.mkdirSync(dir, { recursive: true });
  const full = { bench: name, at: new Date().toISOString(), machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version }, ...result };
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(full, null, 2) + "\n");
  console.log(JSON.stringify(full, null, 2));
}

/** Asks a server started with installStats() for its figures since the last reset. */
export function serverStats(proc: ChildProcess, command: "reset" | "stats"): Promise<Record<string, unknown> | null> {
  proc.stdin!.write(`${command}\n`);
  if (command === "reset") return Promise.resolve(null);
  return new Promise((resolve) => {
    const onData = (d: Buffer) => {
      const m = String(d).match(/STATS (.*)\n/);
      if (m) {
        proc.stdout!.off("data", onData);
        resolve(JSON.parse(m[1]));
      }
    };
    proc.stdout!.on("data", onData);
  });
}

/** Connects `n` phones and joins them to the session, fifty at a time. Returns sockets in join order. */
export async function joinPhones(url: string, code: string, n: number): Promise<{ socket: import("socket.io-client").Socket; participantId: string }[]> {
  const out: { socket: import("socket.io-client").Socket; participantId: string }[] = [];
  for (let i = 0; i < n; i += 50) {
    out.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, n - i) }, async (_, k) => {
          const socket = await connect(url);
          const ack = await send(socket, "participant:join", { code, nickname: `P${i + k}`, consent: true });
          return { socket, participantId: ack.participantId as string };
        }),
      )),
    );
  }
  return out;
}

/** The bare relay in its own process; with `logFile`, the durable relay (each note synced to that file before it goes out). */
export async function startRelay(logFile?: string): Promise<{ url: string; proc: ChildProcess }> {
  const env = logFile ? { ...process.env, RELAY_LOG: logFile } : process.env;
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "relay-server.ts")], { stdio: ["pipe", "pipe", "inherit"], env });
  const port = await new Promise<string>((resolve) => proc.stdout!.on("data", (d) => String(d).startsWith("READY") && resolve(String(d).split(" ")[1].trim())));
  return { url: `http://127.0.0.1:${port}`, proc };
}

/** A console, a projector and `n` phones on the bare relay, phone i in room g(i mod groups). */
export async function relayRoom(url: string, n: number, groups: number): Promise<{ console: import("socket.io-client").Socket; screen: import("socket.io-client").Socket; phones: import("socket.io-client").Socket[]; rooms: string[] }> {
  const console_ = await connect(url);
  console_.emit("join", ["trainers"]);
  const screen = await connect(url);
  screen.emit("join", ["screen"]);
  const phones: import("socket.io-client").Socket[] = [];
  for (let i = 0; i < n; i += 50) phones.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => connect(url)))));
  const rooms = phones.map((_, i) => `g${i % groups}`);
  phones.forEach((p, i) => p.emit("join", [rooms[i]]));
  await new Promise((r) => setTimeout(r, 500));
  return { console: console_, screen, phones, rooms };
}

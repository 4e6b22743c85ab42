import crypto from "node:crypto";
import os from "node:os";
import { Worker } from "node:worker_threads";
import bcrypt from "bcryptjs";

export const PASSWORD_MIN = 8;

/**
 * Passwords are hashed with scrypt away from the event loop: a burst of
 * sign-ins must not delay the notes of a live room. Stored as
 * `scrypt$N$r$p$salt$hash` (salt and hash in base64). Hashes made by earlier
 * versions with bcrypt are still verified (bcryptjs' async compare) and
 * replaced by scrypt on the next successful sign-in (see `needsRehash`).
 */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 64 } as const;
/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that, so leave room. */
const MAXMEM = 256 * SCRYPT.N * SCRYPT.r;
/** Bounds on parameters read back from a stored hash, so a bad row cannot ask for gigabytes. */
const MAX_N = 2 ** 20;

/**
 * Hashes run in this many worker threads, one hash at a time each; the others
 * wait their turn. On a small laptop at least one core stays with the event
 * loop, which serves the room.
 */
const HASH_THREADS = Math.max(1, Math.min(2, os.availableParallelism() - 1));

/**
 * The hashing thread: node's scrypt, at the lowest CPU priority. On Linux a
 * thread's nice value is its own, so the event loop (and the rest of the
 * process) always comes first when the CPU is short, however many passwords
 * are being tried. Plain CommonJS, evaluated as is: no file to find, whether
 * this module runs under tsx or inside Next's bundle.
 */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const crypto = require("node:crypto");
const os = require("node:os");
if (process.platform === "linux") {
  try { os.setPriority(os.constants.priority.PRIORITY_LOW); } catch {}
}
parentPort.on("message", (job) => {
  try {
    const key = crypto.scryptSync(job.plain, Buffer.from(job.salt), job.keyBytes, { N: job.N, r: job.r, p: job.p, maxmem: job.maxmem });
    parentPort.postMessage({ id: job.id, key });
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
`;

interface Job {
  id: number;
  plain: string;
  salt: Uint8Array;
  keyBytes: number;
  N: number;
  r: number;
  p: number;
  maxmem: number;
}

interface HashThread {
  worker: Worker;
  busy: { job: Job; resolve: (key: Buffer) => void; reject: (err: Error) => void } | null;
}

const threads: HashThread[] = [];
const queue: { job: Job; resolve: (key: Buffer) => void; reject: (err: Error) => void }[] = [];
let nextJob = 0;

function startThread(): HashThread {
  const t: HashThread = { worker: new Worker(WORKER_SOURCE, { eval: true }), busy: null };
  t.worker.on("message", (msg: { id: number; key?: Uint8Array; error?: string }) => {
    const done = t.busy;
    t.busy = null;
    t.worker.unref();
    if (done && done.job.id === msg.id) {
      if (msg.key) done.resolve(Buffer.from(msg.key.buffer, msg.key.byteOffset, msg.key.byteLength));
      else done.reject(new Error(msg.error ?? "scrypt failed"));
    }
    pump();
  });
  const fail = (err: Error) => {
    threads.splice(threads.indexOf(t), 1);
    t.busy?.reject(err);
    t.busy = null;
    pump();
  };
  t.worker.on("error", fail);
  t.worker.on("exit", (code) => fail(new Error(`hashing thread stopped (${code})`)));
  // Keeps the process alive only while it has a hash to do (pump refs it; after the listeners, which ref it).
  t.worker.unref();
  threads.push(t);
  return t;
}

function pump(): void {
  while (queue.length > 0) {
    const idle = threads.find((t) => !t.busy) ?? (threads.length < HASH_THREADS ? startThread() : null);
    if (!idle) return;
    const next = queue.shift()!;
    idle.busy = next;
    idle.worker.ref();
    idle.worker.postMessage(next.job);
  }
}

function scrypt(plain: string, salt: Buffer, keyBytes: number, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const job: Job = { id: ++nextJob, plain: plain.normalize("NFC"), salt: new Uint8Array(salt), keyBytes, N: params.N, r: params.r, p: params.p, maxmem: Math.max(MAXMEM, 256 * params.N * params.r) };
  return new Promise<Buffer>((resolve, reject) => {
    queue.push({ job, resolve, reject });
    pump();
  });
}

export async function hashPassword(plain: string): Promise<string> {
  const salt = crypto.randomBytes(SCRYPT.saltBytes);
  const key = await scrypt(plain, salt, SCRYPT.keyBytes, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

interface ScryptHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseScrypt(stored: string): ScryptHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], "base64");
  const key = Buffer.from(parts[5], "base64");
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return null;
  if (salt.length < 8 || key.length < 16 || key.length > 128) return null;
  return { N, r, p, salt, key };
}

const isBcrypt = (stored: string) => /^\$2[abxy]\$\d\d\$/.test(stored);

/** True when `plain` matches `stored` (scrypt, or an older bcrypt hash). Anything else never matches. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parsed = parseScrypt(stored);
  if (parsed) {
    const key = await scrypt(plain, parsed.salt, parsed.key.length, parsed);
    return crypto.timingSafeEqual(key, parsed.key);
  }
  if (isBcrypt(stored)) return bcrypt.compare(plain, stored);
  return false;
}

/** A stored hash that should be replaced after a successful sign-in: bcrypt, or scrypt with other parameters. */
export function needsRehash(stored: string): boolean {
  const parsed = parseScrypt(stored);
  return !parsed || parsed.N !== SCRYPT.N || parsed.r !== SCRYPT.r || parsed.p !== SCRYPT.p || parsed.key.length !== SCRYPT.keyBytes;
}

let dummy: Promise<string> | null = null;

/**
 * A hash of a random password, made once: an unknown email is checked against
 * it, so "no such account" takes as long as "wrong password".
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  return dummy;
}

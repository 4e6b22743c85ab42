import { Worker } from "node:worker_threads";

/** How often the background thread moves the write-ahead log into the database file. */
const EVERY_MS = 500;
/** The event loop's own checkpoint, only if the background one fell this far behind (pages of 4 kB). */
export const LOOP_CHECKPOINT_PAGES = 8000;

/**
 * The checkpointing thread: its own connection to the file, a PASSIVE
 * checkpoint every EVERY_MS (never waits for, nor blocks, the writer).
 * Plain CommonJS evaluated as is, as the password threads are.
 */
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("synchronous = FULL");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.everyMs);
parentPort.on("message", (msg) => {
  if (msg !== "close") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Checkpoints a WAL database from a thread of its own. SQLite otherwise
 * checkpoints in the connection that commits, every 1,000 pages: on the
 * event loop, a pause of up to tens of milliseconds that grows with the file
 * (a long session's notes scatter their pages), holding up every socket.
 * Returns null when no thread could be started (the loop then checkpoints,
 * as SQLite does by default).
 */
export function startCheckpointer(file: string): Checkpointer | null {
  let worker: Worker;
  try {
    worker = new Worker(SOURCE, { eval: true, workerData: { file, driver: driverPath(), everyMs: EVERY_MS } });
  } catch {
    return null;
  }
  worker.unref();
  // A failed thread is only a slower loop: SQLite's own checkpoints still run.
  worker.on("error", () => undefined);
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    stop: () => {
      worker.postMessage("close");
      return exited;
    },
  };
}

/** The driver's path, resolved here: the thread's own require may not see the same node_modules. */
function driverPath(): string {
  try {
    const resolved: unknown = require.resolve("better-sqlite3");
    return typeof resolved === "string" ? resolved : "better-sqlite3";
  } catch {
    return "better-sqlite3";
  }
}

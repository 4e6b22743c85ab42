import fs from "node:fs";

/**
 * Makes an event-log commit durable without blocking the event loop.
 *
 * With synchronous=FULL, SQLite waits for the disk inside the commit, on the
 * event loop: about half a millisecond on this machine's disk, several at
 * its tail, during which no socket is read or written. The store instead
 * commits with synchronous=NORMAL (in WAL mode: the log is consistent, and
 * SQLite still syncs it before each checkpoint and when it starts it over)
 * and then waits here for an fdatasync of the write-ahead log on libuv's
 * thread pool: the same sync FULL does, after the same commit, and nothing
 * is applied, acknowledged or broadcast before it is done. Meanwhile the
 * loop takes in other commands (they go in the next batch) and serves
 * other sessions.
 *
 * Commits that arrive while a sync is under way share the next one (group
 * commit across sessions): a sync covers every commit made before it began.
 * A failed sync fails every later one too: after an fdatasync error the
 * kernel may have dropped the pages, so nothing more is promised durable.
 */
export interface WalSync {
  /** Resolves once everything committed before this call is on disk. */
  sync(): Promise<void>;
  /** Closes the log's file handle once the syncs under way are done. */
  close(): Promise<void>;
}

/** Syncs `walFile`: SQLite's write-ahead log (`<database>-wal`), or any file appended to. */
export function createWalSync(walFile: string): WalSync {
  let fd: number | null = null;
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  let failed: Error | null = null;

  function run(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // Opened at the first sync: the log exists once something was committed. The same file stays
      // while the database is open (a checkpoint that truncates it keeps the file).
      if (fd === null) {
        try {
          fd = fs.openSync(walFile, "r");
        } catch (err) {
          running = null;
          reject(err);
          return;
        }
      }
      fs.fdatasync(fd, (err) => {
        running = null;
        if (!err) return resolve();
        failed = new Error(`the event log could not be synced to disk: ${err.code ?? err.message}`);
        reject(failed);
      });
    });
  }

  function sync(): Promise<void> {
    if (failed) return Promise.reject(failed);
    if (!running) return (running = run());
    // A commit made during this sync may have missed it: it waits for the next, which begins after this one.
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return sync();
      });
    return queued;
  }

  return {
    sync,
    async close() {
      await Promise.allSettled([running, queued]);
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}

import fs from "node:fs";
import path from "node:path";

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
 *
 * A commit is visible to readers before its sync is done: the store's reads
 * wait for `durable()` first, so nothing read was not on disk.
 *
 * A failed sync (or a log that could not be opened) is for good: after an
 * fdatasync error the kernel may have dropped the pages and a later sync
 * can succeed without them (PostgreSQL's "fsyncgate"), so from then on every
 * sync fails, and the store refuses every read and write. Only a restart
 * gives a state that matches the disk.
 */
export interface WalSync {
  /** Resolves once everything committed before this call is on disk; rejects for good once a sync failed. */
  sync(): Promise<void>;
  /** Resolves when no commit is waiting for the disk (at once when none is), so a read made right after sees only what is on disk; rejects once a sync failed. */
  durable(): Promise<void>;
  /** The error that ended durability, if any. */
  failure(): Error | null;
  /** Marks the log as no longer durable (a commit's settings could not be restored, say). */
  fail(err: unknown): Error;
  /** Closes the log's file handle once every sync asked for is done; later syncs fail. */
  close(): Promise<void>;
}

/** Syncs `walFile`: SQLite's write-ahead log (`<database>-wal`), or any file appended to. */
export function createWalSync(walFile: string): WalSync {
  const file = path.resolve(walFile);
  let fd: number | null = null;
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  let failed: Error | null = null;
  let closed = false;

  function fail(err: unknown): Error {
    if (!failed) {
      const e = err as NodeJS.ErrnoException;
      failed = new Error(`the event log could not be synced to disk: ${e?.code ?? e?.message ?? String(err)}`, { cause: err });
    }
    return failed;
  }

  function run(): Promise<void> {
    const p = new Promise<void>((resolve, reject) => {
      // Opened at the first sync, once something was committed. The same file stays while the database
      // is open: SQLite deletes it only when its last connection closes, and a checkpoint that truncates
      // it keeps the file.
      if (fd === null) {
        try {
          fd = fs.openSync(file, "r");
        } catch (err) {
          reject(fail(err));
          return;
        }
      }
      fs.fdatasync(fd, (err) => (err ? reject(fail(err)) : resolve()));
    });
    // Cleared only if it is still the sync under way (a settled one is never waited on again).
    const done = () => {
      if (running === p) running = null;
    };
    p.then(done, done);
    return p;
  }

  function sync(): Promise<void> {
    if (failed) return Promise.reject(failed);
    if (closed) return Promise.reject(new Error("the event log is closed"));
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
    async durable() {
      // Commits made while waiting get a sync of their own: wait until none is due (one is rarely due at all).
      for (;;) {
        if (failed) throw failed;
        const due = queued ?? running;
        if (!due) return;
        await due.catch(() => undefined);
      }
    },
    failure: () => failed,
    fail,
    async close() {
      // Syncs asked for while waiting are waited for too; none starts after.
      while (running || queued) await Promise.allSettled([running, queued]);
      closed = true;
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}

import type { ChildProcess } from "node:child_process";

/**
 * Waits for a server child process (tests/support/*-server.ts) to print its
 * first JSON line on stdout (its port and what a test needs to reach it);
 * fails with the child's stderr when it exits first or takes over `ms`.
 */
export function firstJsonLine<T>(proc: ChildProcess, what = "child", ms = 30_000): Promise<T> {
  let stderr = "";
  proc.stderr!.on("data", (d) => (stderr += d));
  return new Promise<T>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${stderr}`)), ms);
    proc.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as T);
      }
    });
    proc.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`${what} exited early: ${stderr}`));
    });
  });
}

/**
 * Sends a server child `signal` and waits for the next JSON line it prints
 * that has `key` (tests/support/instance-server.ts prints its hub counters
 * on SIGUSR2).
 */
export function askJsonLine<T>(proc: ChildProcess, signal: NodeJS.Signals, key: string, ms = 5_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d;
      const lines = out.split("\n");
      out = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith("{")) continue;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (key in parsed) {
          done();
          resolve(parsed[key] as T);
        }
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no "${key}" line after ${signal}`));
    }, ms);
    const done = () => {
      clearTimeout(timer);
      proc.stdout!.off("data", onData);
    };
    proc.stdout!.on("data", onData);
    proc.kill(signal);
  });
}

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

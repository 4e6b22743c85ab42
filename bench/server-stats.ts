import { monitorEventLoopDelay } from "node:perf_hooks";
import readline from "node:readline";

/**
 * For benchmarked server processes: "reset" on stdin starts a measurement,
 * "stats" prints "STATS {json}" with event-loop lag and CPU since the reset.
 */
export function installStats(extra: () => Record<string, unknown> = () => ({}), onReset: () => void = () => {}): void {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let cpu = process.cpuUsage();
  let t0 = performance.now();
  readline.createInterface({ input: process.stdin }).on("line", (line) => {
    if (line.trim() === "reset") {
      h.reset();
      onReset();
      cpu = process.cpuUsage();
      t0 = performance.now();
    } else if (line.trim() === "stats") {
      const used = process.cpuUsage(cpu);
      const wall = performance.now() - t0;
      const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;
      process.stdout.write(
        `STATS ${JSON.stringify({
          eventLoopLagMs: { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) },
          cpuPercentOfOneCore: Math.round(((used.user + used.system) / 1000 / wall) * 1000) / 10,
          cpuMs: Math.round((used.user + used.system) / 1000),
          wallMs: Math.round(wall),
          rssMb: Math.round(process.memoryUsage().rss / 1e6),
          ...extra(),
        })}\n`,
      );
    }
  });
}

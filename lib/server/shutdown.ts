import type { Logger } from "./live/socket-types";

/**
 * SIGINT / SIGTERM: one signal stops the server gracefully (RunningServer.close:
 * a few seconds at most, however busy); if that somehow takes longer than
 * `hardLimitMs` the process exits anyway. A second signal exits at once.
 */
export function installSignalHandlers(running: { close(): Promise<void> }, logger: Logger, opts: { hardLimitMs?: number } = {}): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn("second signal: exiting now", { signal });
      process.exit(130);
    }
    stopping = true;
    logger.info("stopping", { signal });
    setTimeout(() => {
      logger.error("stopping took too long: exiting");
      process.exit(1);
    }, opts.hardLimitMs ?? 4_500).unref();
    running.close().then(
      () => process.exit(0),
      (err) => {
        logger.error("stopping failed", { error: err instanceof Error ? err.message : String(err) });
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

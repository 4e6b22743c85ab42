import type { Logger } from "./live/socket-types";

/** One line per entry. Callers pass ids and codes only: never note texts, nicknames or emails. */
export function createConsoleLogger(): Logger {
  const line = (level: string, msg: string, fields?: Record<string, unknown>) =>
    `${new Date().toISOString()} ${level} ${msg}${fields ? " " + JSON.stringify(fields) : ""}`;
  return {
    info: (m, f) => console.log(line("info", m, f)),
    warn: (m, f) => console.warn(line("warn", m, f)),
    error: (m, f) => console.error(line("error", m, f)),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

import type { IncomingMessage } from "node:http";

/**
 * Cross-site WebSocket hijacking guard. A browser always sends Origin on a
 * cross-origin request; it must name the host the request came to (the
 * server's own page) or one of the configured extra origins. Requests with no
 * Origin come from same-origin polling or non-browser clients and carry no
 * cookies an attacker could borrow.
 */
export function isOriginAllowed(req: IncomingMessage, extra: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (extra.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host === req.headers.host || host === req.headers["x-forwarded-host"];
}

import type { IncomingMessage } from "node:http";

/**
 * The custom server (start-server.ts) writes the client's address into this
 * request header before Next.js sees the request, replacing whatever the
 * client sent, so route handlers can read it.
 */
export const CLIENT_ADDRESS_HEADER = "x-ortaq-client-address";

function normalise(address: string): string {
  const a = address.trim();
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

/**
 * The address a request came from: the socket's peer, or, only when
 * TRUST_PROXY is set (Ortaq behind a reverse proxy), the last
 * X-Forwarded-For entry, which that proxy wrote.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const list = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
    const last = list.at(-1);
    if (last) return normalise(last);
  }
  return normalise(req.socket.remoteAddress ?? "unknown");
}

/** In a route handler: the address the custom server recorded ("unknown" when the request did not pass through it). */
export function requestAddress(req: Request): string {
  return req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

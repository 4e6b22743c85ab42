import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Response headers for every reply of the custom server, and the page's
 * Content-Security-Policy with a fresh nonce per request.
 *
 * Scripts: only those carrying the nonce, and what they load ('strict-dynamic').
 * Next.js reads the nonce from the *request's* content-security-policy header
 * and puts it on its own script tags, so the custom server writes the policy
 * into the request before handing it to Next, and the same one on the response.
 * React style attributes need 'unsafe-inline' styles; development also needs
 * 'unsafe-eval' (React's dev tooling), never production.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    // 'self' covers same-host ws:/wss: (CSP 3): socket.io and, in development, hot reload.
    "connect-src 'self'",
    "font-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries, whatever produced it. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  // Not no-referrer: with it, browsers send `Origin: null` on same-origin POSTs, which the CSRF guard refuses.
  "referrer-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()",
  "cross-origin-opener-policy": "same-origin",
};

export function newNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

/**
 * Sets the security headers on `res` and returns the policy; the caller
 * passes it on to Next via the request (`req.headers["content-security-policy"]`).
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, opts: { dev: boolean }): string {
  const policy = contentSecurityPolicy(newNonce(), opts);
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader("content-security-policy", policy);
  // Never trust a policy a client sent: Next would take its nonce.
  delete req.headers["content-security-policy-report-only"];
  req.headers["content-security-policy"] = policy;
  return policy;
}

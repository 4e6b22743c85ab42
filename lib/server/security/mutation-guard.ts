import type { IncomingMessage } from "node:http";
import type { ErrorCode } from "@/lib/domain/errors";

/**
 * Cross-site request forgery guard, applied by the custom server to every
 * request that changes something (any method but GET, HEAD and OPTIONS)
 * before Next.js sees it. One place for every route under app/api.
 *
 * 1. Who sent it. A browser names the page's origin in `Origin` on every
 *    such request; it must be this server's own origin (scheme and host as
 *    the request reached us) or one listed in ALLOWED_ORIGINS / PUBLIC_URL.
 *    `Origin: null` (sandboxed frames, privacy redirects) is refused. With no
 *    Origin, `Sec-Fetch-Site` must say `same-origin`. A request with neither
 *    is not from a browser that could carry someone else's cookie (browsers
 *    send at least one of them on a POST), e.g. curl or a test client.
 * 2. What it carries, for /api/: JSON routes accept `application/json`
 *    bodies only (a cross-site HTML form can only send form encodings or
 *    text/plain, and a cross-site fetch with JSON needs a CORS preflight this
 *    server never grants); a request without a body may leave the type out.
 *    The two upload routes take the file's own type (see UPLOADS).
 */

export interface GuardOptions {
  /** Extra origins allowed (ALLOWED_ORIGINS), exact strings such as "https://ortaq.example.org". */
  allowedOrigins: readonly string[];
  /** PUBLIC_URL, whose origin is also this server's. */
  publicUrl?: string;
  /** Behind a reverse proxy: X-Forwarded-Proto and X-Forwarded-Host name the request's own origin. */
  trustProxy: boolean;
}

export interface GuardRefusal {
  code: Extract<ErrorCode, "FORBIDDEN" | "UNSUPPORTED_MEDIA_TYPE">;
  message: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Upload routes stream a file; the content types they accept (MediaUploader sends the file's type, or octet-stream). */
const UPLOADS: { method: string; path: RegExp; types: RegExp; label: string }[] = [
  { method: "POST", path: /^\/api\/media\/?$/, types: /^(video\/[a-z0-9.+-]+|application\/octet-stream)$/, label: "a video/* or application/octet-stream body" },
  { method: "PUT", path: /^\/api\/media\/[^/]+\/captions\/[^/]+\/?$/, types: /^(text\/vtt|application\/octet-stream)$/, label: "a text/vtt or application/octet-stream body" },
];

function first(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

function originOf(url: string): string | null {
  try {
    const o = new URL(url).origin;
    return o === "null" ? null : o;
  } catch {
    return null;
  }
}

/** The origin(s) this request was addressed to, as a browser on our own page would name it. */
export function ownOrigins(req: IncomingMessage, opts: GuardOptions): string[] {
  const out: string[] = [];
  const encrypted = "encrypted" in req.socket && !!(req.socket as { encrypted?: boolean }).encrypted;
  const protos = [encrypted ? "https" : "http"];
  const hosts = [first(req.headers.host)];
  if (opts.trustProxy) {
    const p = first(req.headers["x-forwarded-proto"])?.split(",")[0]?.trim();
    if (p === "http" || p === "https") protos.unshift(p);
    const h = first(req.headers["x-forwarded-host"])?.split(",")[0]?.trim();
    if (h) hosts.unshift(h);
  }
  for (const proto of protos) for (const host of hosts) if (host) {
    const o = originOf(`${proto}://${host}`);
    if (o) out.push(o);
  }
  const pub = opts.publicUrl ? originOf(opts.publicUrl) : null;
  if (pub) out.push(pub);
  return out;
}

export function isSameOriginRequest(req: IncomingMessage, opts: GuardOptions): boolean {
  const origin = first(req.headers.origin);
  if (origin !== undefined) {
    if (opts.allowedOrigins.includes(origin)) return true;
    const normalised = originOf(origin);
    return normalised !== null && ownOrigins(req, opts).includes(normalised);
  }
  const site = first(req.headers["sec-fetch-site"]);
  if (site !== undefined) return site === "same-origin";
  return true;
}

/** The media type without parameters, lower-case; null when absent or empty. */
function mediaType(header: string | undefined): string | null {
  const t = header?.split(";")[0]?.trim().toLowerCase();
  return t ? t : null;
}

function hasBody(req: IncomingMessage): boolean {
  const length = first(req.headers["content-length"]);
  if (length !== undefined) return Number(length) > 0;
  return req.headers["transfer-encoding"] !== undefined;
}

/** Null when the request may go on; otherwise why it is refused (403 or 415). */
export function guardMutation(req: IncomingMessage, opts: GuardOptions): GuardRefusal | null {
  const method = (req.method ?? "GET").toUpperCase();
  if (SAFE_METHODS.has(method)) return null;
  if (!isSameOriginRequest(req, opts)) return { code: "FORBIDDEN", message: "Cross-origin request refused" };
  const path = (req.url ?? "/").split("?")[0];
  if (!path.startsWith("/api/")) return null;
  const type = mediaType(first(req.headers["content-type"]));
  const upload = UPLOADS.find((u) => u.method === method && u.path.test(path));
  if (upload) {
    if (type === null || !upload.types.test(type)) return { code: "UNSUPPORTED_MEDIA_TYPE", message: `This upload takes ${upload.label}` };
    return null;
  }
  if (type === null ? hasBody(req) : type !== "application/json") return { code: "UNSUPPORTED_MEDIA_TYPE", message: "Send the body as application/json" };
  return null;
}

import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseCookies, serialize } from "cookie";
import { userFromAuthCookie } from "../accounts/auth-session";
import { AUTH_COOKIE, openScreenKey } from "../accounts/tokens";
import type { UserStore } from "../accounts/user-store";

/**
 * Who may fetch an uploaded video or its captions (files in MEDIA_DIR; the
 * shipped demo media in content/media stays public):
 *
 * - staff: a valid trainer or organiser sign-in cookie;
 * - anyone holding a signed, expiring media URL (`?t=`), made with the
 *   server's secret for one video and its captions (signedMediaUrl, handed
 *   out by GET /api/media-url to staff, a session's projector and its phones
 *   while a step using the video is on);
 * - a session's projector opened with its screen key: opening
 *   /screen/<id>?key=… leaves the key in a cookie that only /media/ sees
 *   (grantScreenMedia), good while that session is live and its current step
 *   shows this video.
 */

/** Long enough for a film to play to the end on a signed URL, short enough that a copied link dies the same day. */
export const MEDIA_URL_TTL_MS = 4 * 60 * 60_000;
const SCREEN_COOKIE_PREFIX = "ortaq_screen.";
const SCREEN_COOKIE_MAX_AGE_S = 60 * 60 * 24 * 2;
/** At most this many projector cookies are checked per request. */
const MAX_SCREEN_COOKIES = 4;

/** The video a media file name belongs to: "x.webm", "x.mp4", "x.kk.vtt" and "x" all give "x". */
export function mediaBase(name: string): string {
  return name.replace(/\.(en|ru|kk)\.vtt$/i, "").replace(/\.(webm|mp4)$/i, "");
}

function mac(base: string, expiresAt: number, secret: string): string {
  return crypto.createHmac("sha256", secret).update(`ortaq-media\n${base}\n${expiresAt}`).digest("base64url");
}

/** A token for one video (and its captions) until `expiresAt` (ms since epoch). */
export function signMediaToken(media: string, secret: string, expiresAt: number): string {
  const exp = Math.floor(expiresAt);
  return `${exp.toString(36)}.${mac(mediaBase(media), exp, secret)}`;
}

export function verifyMediaToken(token: string, media: string, secret: string, now: number): boolean {
  const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return false;
  const exp = parseInt(m[1], 36);
  if (!Number.isSafeInteger(exp) || exp < now) return false;
  const want = Buffer.from(mac(mediaBase(media), exp, secret));
  const got = Buffer.from(m[2]);
  return got.length === want.length && crypto.timingSafeEqual(got, want);
}

/** `/media/<file>?t=…`, valid for `ttlMs`. */
export function signedMediaUrl(file: string, secret: string, now: number, ttlMs = MEDIA_URL_TTL_MS): string {
  return `/media/${encodeURIComponent(file)}?t=${signMediaToken(file, secret, now + ttlMs)}`;
}

export interface MediaGateDeps {
  secret: string;
  users: UserStore;
  /** The media of the session's current step while the session is live and that step is a video step; else null. */
  currentVideo(sessionId: string): Promise<string | null>;
  clock: () => number;
}

/** Decides whether the request may read the protected media file `name`. */
export async function mayReadMedia(req: IncomingMessage, name: string, deps: MediaGateDeps): Promise<boolean> {
  const base = mediaBase(name);
  const token = new URL(req.url ?? "/", "http://x").searchParams.get("t");
  if (token && verifyMediaToken(token, base, deps.secret, deps.clock())) return true;
  let cookies: Record<string, string | undefined> = {};
  try {
    cookies = parseCookies(req.headers.cookie ?? "");
  } catch {
    return false;
  }
  if (await userFromAuthCookie(cookies[AUTH_COOKIE], deps.secret, deps.users)) return true;
  const screens = Object.entries(cookies)
    .filter(([k, v]) => k.startsWith(SCREEN_COOKIE_PREFIX) && v)
    .slice(0, MAX_SCREEN_COOKIES);
  for (const [cookie, key] of screens) {
    const sessionId = cookie.slice(SCREEN_COOKIE_PREFIX.length);
    const opened = await openScreenKey(key!, deps.secret);
    if (opened?.sessionId !== sessionId) continue;
    const current = await deps.currentVideo(sessionId);
    if (current && mediaBase(current) === base) return true;
  }
  return false;
}

const SCREEN_PAGE = /^\/screen\/([A-Za-z0-9-]{1,64})\/?$/;

/**
 * On a projector page opened with its screen key (GET /screen/<id>?key=…),
 * keeps the key in a cookie scoped to /media/, so the projector's video
 * element (a plain /media/ URL) is let in while the session shows the video.
 */
export async function grantScreenMedia(req: IncomingMessage, res: ServerResponse, secret: string, secure: boolean): Promise<void> {
  if (req.method !== "GET" || !req.url?.startsWith("/screen/")) return;
  const url = new URL(req.url, "http://x");
  const m = SCREEN_PAGE.exec(url.pathname);
  const key = url.searchParams.get("key");
  if (!m || !key) return;
  const opened = await openScreenKey(key, secret);
  if (opened?.sessionId !== m[1]) return;
  res.appendHeader(
    "set-cookie",
    serialize(`${SCREEN_COOKIE_PREFIX}${m[1]}`, key, { path: "/media/", httpOnly: true, sameSite: "strict", secure, maxAge: SCREEN_COOKIE_MAX_AGE_S }),
  );
}

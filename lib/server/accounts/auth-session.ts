import { parse as parseCookies, serialize } from "cookie";
import type { Env } from "@/lib/env";
import { AUTH_COOKIE, AUTH_COOKIE_MAX_AGE_S, openAuth, sealAuth } from "./tokens";
import type { User, UserStore } from "./user-store";

/**
 * The sign-in cookie, without Next.js: shared by server components
 * (current-user.ts), route handlers, the socket handshake and the media files.
 * A cookie is honoured only while its session version is the account's
 * current one, so signing out or changing the password ends it on the server.
 */
export async function userFromAuthCookie(sealed: string | undefined, secret: string, users: UserStore): Promise<User | null> {
  if (!sealed) return null;
  const data = await openAuth(sealed, secret);
  return data ? users.bySession(data.userId, data.sv) : null;
}

/** The sealed sign-in cookie in a Cookie header, if any. */
export function authCookieIn(cookieHeader: string | null | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  try {
    return parseCookies(cookieHeader)[AUTH_COOKIE];
  } catch {
    return undefined;
  }
}

/** The signed-in user of a request (a route handler's Request or Node's IncomingMessage headers). */
export function userFromCookieHeader(cookieHeader: string | null | undefined, secret: string, users: UserStore): Promise<User | null> {
  return userFromAuthCookie(authCookieIn(cookieHeader), secret, users);
}

const cookieOptions = (env: Env) =>
  ({
    httpOnly: true,
    sameSite: "lax",
    // Plain http on a room's LAN is the common case; mark secure only behind https.
    secure: env.PUBLIC_URL?.startsWith("https://") ?? false,
    path: "/",
  }) as const;

/** A Set-Cookie value that signs `userId` in at the account's current session version. */
export async function authSetCookie(userId: string, sessionVersion: number, secret: string, env: Env): Promise<string> {
  return serialize(AUTH_COOKIE, await sealAuth(userId, secret, sessionVersion), { ...cookieOptions(env), maxAge: AUTH_COOKIE_MAX_AGE_S });
}

/** A Set-Cookie value that removes the sign-in cookie from the browser. */
export function clearAuthSetCookie(env: Env): string {
  return serialize(AUTH_COOKIE, "", { ...cookieOptions(env), maxAge: 0, expires: new Date(0) });
}

/** The response with a Set-Cookie header added. */
export function withCookie(res: Response, setCookie: string): Response {
  res.headers.append("set-cookie", setCookie);
  return res;
}

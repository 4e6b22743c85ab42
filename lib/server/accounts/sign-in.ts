import type { Services } from "../services";
import { authSetCookie } from "./auth-session";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "./passwords";
import type { User } from "./user-store";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type SignInResult =
  | { ok: true; user: User; setCookie: string }
  | { ok: false; code: "INVALID_CREDENTIALS" }
  | { ok: false; code: "RATE_LIMITED"; retryAfterS: number };

/**
 * Checks an email and password under the sign-in limits (sign-in-throttle.ts).
 * An unknown email is checked against a dummy hash, so it takes as long as a
 * wrong password. A correct password stored as bcrypt (or older scrypt
 * parameters) is hashed again with scrypt, without signing anyone out.
 */
export async function signInWithPassword(
  services: Pick<Services, "users" | "secret" | "env" | "signInThrottle">,
  input: { email: string; password: string; address: string },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const verdict = services.signInThrottle.begin(email, input.address);
  if (!verdict.ok) return { ok: false, code: "RATE_LIMITED", retryAfterS: Math.ceil(verdict.retryAfterMs / 1000) };
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);
  const found = await services.users.byEmailWithHash(email);
  const ok = await verifyPassword(input.password, found?.passwordHash ?? (await dummyHash()));
  verdict.finish(ok && !!found);
  if (!found || !ok) return { ok: false, code: "INVALID_CREDENTIALS" };
  if (needsRehash(found.passwordHash)) await services.users.setPasswordHash(found.id, await hashPassword(input.password), { revoke: false });
  const { passwordHash: _hash, sessionVersion, ...user } = found;
  return { ok: true, user, setCookie: await authSetCookie(user.id, sessionVersion, services.secret, services.env) };
}

/**
 * Changes the signed-in user's password: the current one must be right. Every
 * other browser signed in to the account is signed out; this one gets a fresh
 * cookie.
 */
export async function changePassword(
  services: Pick<Services, "users" | "secret" | "env" | "signInThrottle" | "endLiveSessions">,
  user: User,
  input: { currentPassword: string; newPassword: string; address: string },
): Promise<SignInResult> {
  const checked = await signInWithPassword(services, { email: user.email, password: input.currentPassword, address: input.address });
  if (!checked.ok) return checked;
  const version = await services.users.setPasswordHash(user.id, await hashPassword(input.newPassword), { revoke: true });
  if (version === null) return { ok: false, code: "INVALID_CREDENTIALS" };
  services.endLiveSessions(user.id);
  return { ok: true, user: checked.user, setCookie: await authSetCookie(user.id, version, services.secret, services.env) };
}

/** Signs the account out on the server: every cookie made so far stops working, live consoles are disconnected. */
export async function signOutEverywhere(services: Pick<Services, "users" | "endLiveSessions">, userId: string): Promise<void> {
  // First the new version, then the cut: the consoles reconnect and are checked against it.
  await services.users.revokeSessions(userId);
  services.endLiveSessions(userId);
}

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getServices } from "../services";
import { AUTH_COOKIE, AUTH_COOKIE_MAX_AGE_S, openAuth, sealAuth } from "./tokens";
import type { User } from "./user-store";

/** The signed-in trainer or organiser of this request, or null. For server components and route handlers. */
export async function getCurrentUser(): Promise<User | null> {
  const sealed = (await cookies()).get(AUTH_COOKIE)?.value;
  if (!sealed) return null;
  const { secret, users } = getServices();
  const data = await openAuth(sealed, secret);
  return data ? users.byId(data.userId) : null;
}

export async function signIn(userId: string): Promise<void> {
  const { secret, env } = getServices();
  (await cookies()).set(AUTH_COOKIE, await sealAuth(userId, secret), {
    httpOnly: true,
    sameSite: "lax",
    // Plain http on a room's LAN is the common case; mark secure only behind https.
    secure: env.PUBLIC_URL?.startsWith("https://") ?? false,
    path: "/",
    maxAge: AUTH_COOKIE_MAX_AGE_S,
  });
}

export async function signOut(): Promise<void> {
  (await cookies()).delete(AUTH_COOKIE);
}

/** The signed-in user, or a redirect to sign-in that comes back to `here`. */
export async function requireUser(here: string): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(here)}`);
  return user;
}

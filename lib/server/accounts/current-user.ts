import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getServices } from "../services";
import { userFromAuthCookie } from "./auth-session";
import { AUTH_COOKIE } from "./tokens";
import type { User } from "./user-store";

/**
 * The signed-in trainer or organiser of this request, or null. For server
 * components and route handlers. A cookie from before a sign-out or password
 * change names an old session version and counts as signed out.
 */
export async function getCurrentUser(): Promise<User | null> {
  const sealed = (await cookies()).get(AUTH_COOKIE)?.value;
  const { secret, users } = getServices();
  return userFromAuthCookie(sealed, secret, users);
}

/** The signed-in user, or a redirect to sign-in that comes back to `here`. */
export async function requireUser(here: string): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(here)}`);
  return user;
}

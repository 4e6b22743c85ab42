import { clearAuthSetCookie, userFromCookieHeader, withCookie } from "@/lib/server/accounts/auth-session";
import { signOutEverywhere } from "@/lib/server/accounts/sign-in";
import { getServices } from "@/lib/server/services";

/**
 * Signs out on the server, not just in this browser: the account's session
 * version goes up, so every cookie made before (a copied one included) stops
 * working, and its live consoles are disconnected.
 */
export async function POST(req: Request) {
  const services = getServices();
  const user = await userFromCookieHeader(req.headers.get("cookie"), services.secret, services.users);
  if (user) await signOutEverywhere(services, user.id);
  return withCookie(Response.json({ ok: true }), clearAuthSetCookie(services.env));
}

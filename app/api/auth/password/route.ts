import { z } from "zod";
import { withCookie, userFromCookieHeader } from "@/lib/server/accounts/auth-session";
import { PASSWORD_MIN } from "@/lib/server/accounts/passwords";
import { changePassword } from "@/lib/server/accounts/sign-in";
import { jsonError, readJson } from "@/lib/server/http-json";
import { requestAddress } from "@/lib/server/security/client-address";
import { getServices } from "@/lib/server/services";

const bodySchema = z.object({
  currentPassword: z.string().min(1).max(200),
  // Named "password" for readJson's PASSWORD_SHORT mapping.
  password: z.string().min(PASSWORD_MIN).max(200),
});

/**
 * Changes the signed-in user's password. Every other browser signed in to the
 * account is signed out; this one gets a fresh cookie.
 */
export async function POST(req: Request) {
  const services = getServices();
  const user = await userFromCookieHeader(req.headers.get("cookie"), services.secret, services.users);
  if (!user) return jsonError("UNAUTHENTICATED", "Sign in first");
  const body = await readJson(req, bodySchema);
  if ("response" in body) return body.response;
  const result = await changePassword(services, user, { currentPassword: body.data.currentPassword, newPassword: body.data.password, address: requestAddress(req) });
  if (!result.ok) {
    if (result.code === "RATE_LIMITED") {
      const res = jsonError("RATE_LIMITED", `Too many attempts; try again in ${result.retryAfterS} s`);
      res.headers.set("retry-after", String(result.retryAfterS));
      return res;
    }
    return jsonError("INVALID_CREDENTIALS", "The current password is wrong");
  }
  return withCookie(Response.json({ ok: true }), result.setCookie);
}

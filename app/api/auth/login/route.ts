import { credentialsSchema } from "@/lib/server/accounts/account-schemas";
import { withCookie } from "@/lib/server/accounts/auth-session";
import { signInWithPassword } from "@/lib/server/accounts/sign-in";
import { jsonError, readJson } from "@/lib/server/http-json";
import { requestAddress } from "@/lib/server/security/client-address";
import { getServices } from "@/lib/server/services";

/** Signs in; limited per account and address (lib/server/accounts/sign-in-throttle.ts). */
export async function POST(req: Request) {
  const body = await readJson(req, credentialsSchema);
  if ("response" in body) return body.response;
  const result = await signInWithPassword(getServices(), { ...body.data, address: requestAddress(req) });
  if (!result.ok) {
    if (result.code === "RATE_LIMITED") {
      const res = jsonError("RATE_LIMITED", `Too many attempts; try again in ${result.retryAfterS} s`);
      res.headers.set("retry-after", String(result.retryAfterS));
      return res;
    }
    return jsonError("INVALID_CREDENTIALS", "Wrong email or password");
  }
  return withCookie(Response.json({ ok: true, user: { id: result.user.id, role: result.user.role } }), result.setCookie);
}

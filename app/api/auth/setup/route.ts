import crypto from "node:crypto";
import { newAccountSchema } from "@/lib/server/accounts/account-schemas";
import { authSetCookie, withCookie } from "@/lib/server/accounts/auth-session";
import { jsonError, readJson } from "@/lib/server/http-json";
import { hashPassword } from "@/lib/server/accounts/passwords";
import { getServices } from "@/lib/server/services";

/** One-time setup: creates the first organiser while no account exists. */
export async function POST(req: Request) {
  const { users, secret, env } = getServices();
  if ((await users.count()) > 0) return jsonError("SETUP_DONE", "An account already exists");
  const body = await readJson(req, newAccountSchema);
  if ("response" in body) return body.response;
  const user = await users.createFirst({
    id: crypto.randomUUID(),
    email: body.data.email,
    name: body.data.name,
    passwordHash: await hashPassword(body.data.password),
    createdAt: Date.now(),
  });
  if (!user) return jsonError("SETUP_DONE", "An account already exists");
  const cookie = await authSetCookie(user.id, (await users.sessionVersion(user.id)) ?? 0, secret, env);
  return withCookie(Response.json({ ok: true, user: { id: user.id, role: user.role } }), cookie);
}

import { credentialsSchema } from "@/lib/server/accounts/account-schemas";
import { signIn } from "@/lib/server/accounts/current-user";
import { jsonError, readJson } from "@/lib/server/http-json";
import { verifyPassword } from "@/lib/server/accounts/passwords";
import { createRateLimiter } from "@/lib/server/live/rate-limit";
import { getServices } from "@/lib/server/services";

// Per account, not per IP: trainers share the venue's address with the whole class.
const attempts = createRateLimiter({ capacity: 10, refillPerSecond: 1 / 30 });

export async function POST(req: Request) {
  const body = await readJson(req, credentialsSchema);
  if ("response" in body) return body.response;
  const email = body.data.email.trim().toLowerCase();
  if (!attempts.take(email)) return jsonError("RATE_LIMITED", "Too many attempts; wait a minute");
  const user = getServices().users.byEmailWithHash(email);
  const ok = user ? await verifyPassword(body.data.password, user.passwordHash) : false;
  if (!user || !ok) return jsonError("INVALID_CREDENTIALS", "Wrong email or password");
  await signIn(user.id);
  return Response.json({ ok: true, user: { id: user.id, role: user.role } });
}

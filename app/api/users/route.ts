import crypto from "node:crypto";
import { newTrainerSchema } from "@/lib/server/accounts/account-schemas";
import { getCurrentUser } from "@/lib/server/accounts/current-user";
import { jsonError, readJson } from "@/lib/server/http-json";
import { hashPassword } from "@/lib/server/accounts/passwords";
import { getServices } from "@/lib/server/services";

/** Organisers add trainer (or organiser) accounts. */
export async function POST(req: Request) {
  const me = await getCurrentUser();
  if (!me) return jsonError("UNAUTHENTICATED", "Sign in first");
  if (me.role !== "organiser") return jsonError("FORBIDDEN", "Only organisers can add accounts");
  const body = await readJson(req, newTrainerSchema);
  if ("response" in body) return body.response;
  const user = await getServices().users.create({
    id: crypto.randomUUID(),
    email: body.data.email,
    name: body.data.name,
    role: body.data.role,
    passwordHash: await hashPassword(body.data.password),
    createdAt: Date.now(),
  });
  if (!user) return jsonError("EMAIL_TAKEN", "An account with this email already exists");
  return Response.json({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } }, { status: 201 });
}

export async function GET() {
  const me = await getCurrentUser();
  if (!me) return jsonError("UNAUTHENTICATED", "Sign in first");
  if (me.role !== "organiser") return jsonError("FORBIDDEN", "Only organisers can list accounts");
  return Response.json({ ok: true, users: await getServices().users.list() });
}

import { jsonError } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { getServices } from "@/lib/server/services";

/** Copies a plan (file or custom) into a new, editable custom plan. */
export async function POST(_req: Request, { params }: { params: Promise<{ planId: string }> }) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  const copy = await getServices().plans.duplicate((await params).planId, auth.user.id, Date.now());
  if (!copy) return jsonError("PLAN_NOT_FOUND", "No such plan");
  return Response.json({ ok: true, plan: copy }, { status: 201 });
}

import { jsonError } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { getServices } from "@/lib/server/services";

type Ctx = { params: Promise<{ planId: string }> };
const MAX_PLAN_BYTES = 512 * 1024;

export async function GET(_req: Request, { params }: Ctx) {
  const auth = await userWithRole(["organiser", "trainer"]);
  if ("response" in auth) return auth.response;
  const found = await getServices().plans.get((await params).planId);
  if (!found) return jsonError("PLAN_NOT_FOUND", "No such plan");
  return Response.json({ ok: true, ...found });
}

/** Saves an edited custom plan; the reply lists every problem by step and field. */
export async function PUT(req: Request, { params }: Ctx) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  const text = await req.text();
  if (text.length > MAX_PLAN_BYTES) return jsonError("PAYLOAD_TOO_LARGE", "Plan too large");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return jsonError("BAD_REQUEST", "Body must be JSON");
  }
  const result = await getServices().plans.save((await params).planId, raw, Date.now());
  if ("notEditable" in result) return jsonError("PLAN_READ_ONLY", "Plan files are templates: duplicate the plan to edit it");
  if (!result.ok) return Response.json({ ok: false, error: { code: "PLAN_INVALID", message: "The plan has problems" }, issues: result.issues }, { status: 400 });
  return Response.json({ ok: true, plan: result.plan, missingTranslations: result.missingTranslations });
}

export async function DELETE(_req: Request, { params }: Ctx) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  const id = (await params).planId;
  const found = await getServices().plans.get(id);
  if (!found) return jsonError("PLAN_NOT_FOUND", "No such plan");
  if (found.source !== "custom") return jsonError("PLAN_READ_ONLY", "Plan files cannot be deleted here");
  await getServices().plans.delete(id);
  return Response.json({ ok: true });
}

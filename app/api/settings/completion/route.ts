import { readJson } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { completionRuleSchema, setCompletionRule } from "@/lib/server/impact/completion-rule";
import { getServices } from "@/lib/server/services";

/** PUT: the organisation's rule for "completed the training" (organisers), used by every impact report. */
export async function PUT(req: Request) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  const body = await readJson(req, completionRuleSchema);
  if ("response" in body) return body.response;
  const rule = await setCompletionRule(getServices().sql, body.data);
  return Response.json({ ok: true, rule });
}

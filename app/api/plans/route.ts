import { userWithRole } from "@/lib/server/accounts/require-role";
import { getServices } from "@/lib/server/services";

/** Plans trainers can run; organisers also see problems in plan files. */
export async function GET() {
  const auth = await userWithRole(["organiser", "trainer"]);
  if ("response" in auth) return auth.response;
  const { plans } = getServices();
  return Response.json({ ok: true, plans: await plans.list(), fileIssues: auth.user.role === "organiser" ? plans.fileIssues : [] });
}

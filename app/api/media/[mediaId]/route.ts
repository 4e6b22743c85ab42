import { jsonError } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { getServices } from "@/lib/server/services";

export async function DELETE(_req: Request, { params }: { params: Promise<{ mediaId: string }> }) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  if (!(await getServices().media.remove((await params).mediaId))) return jsonError("MEDIA_NOT_FOUND", "No such video");
  return Response.json({ ok: true });
}

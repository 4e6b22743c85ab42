import { jsonError } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { loadSessionFor } from "@/lib/server/reports/session-record";
import { getServices } from "@/lib/server/services";

/** Deletes an ended session with its notes, sketches and participant records, for good. */
export async function DELETE(_req: Request, { params }: { params: Promise<{ sessionId: string }> }) {
  const auth = await userWithRole(["organiser", "trainer"]);
  if ("response" in auth) return auth.response;
  const { store, evictHub } = getServices();
  const id = (await params).sessionId;
  const found = await loadSessionFor(store, auth.user, id);
  if (!found) return jsonError("SESSION_NOT_FOUND", "No such session");
  if (found.record.status !== "ended") return jsonError("SESSION_LIVE", "End the session before deleting it");
  await store.deleteSession(id);
  evictHub(id);
  return Response.json({ ok: true });
}

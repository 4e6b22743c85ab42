import { z } from "zod";
import { jsonError } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { getServices } from "@/lib/server/services";

const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/**
 * DELETE /api/sessions/:id/participants/:pid: an organiser deletes one
 * participant's notes, sketches, answers and profile, live or after the
 * session, through the session's hub (every client hears of it; the log is
 * purged before this answers).
 */
export async function DELETE(_req: Request, { params }: { params: Promise<{ sessionId: string; participantId: string }> }) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  const { sessionId, participantId } = await params;
  if (!idSchema.safeParse(sessionId).success || !idSchema.safeParse(participantId).success) return jsonError("BAD_REQUEST", "Not an id");
  const { store, forgetParticipant } = getServices();
  if (!(await store.getSession(sessionId))) return jsonError("SESSION_NOT_FOUND", "No such session");
  const result = await forgetParticipant(sessionId, participantId, { id: auth.user.id, role: auth.user.role });
  return result.ok ? Response.json({ ok: true }) : jsonError(result.error.code, result.error.message);
}

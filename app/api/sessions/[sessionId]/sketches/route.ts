import { jsonError } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { loadSessionFor } from "@/lib/server/reports/session-record";
import { getServices } from "@/lib/server/services";
import { sketchesZip } from "@/lib/server/reports/sketch-export";

/** All of a session's sketches as SVG and PNG in a ZIP; the session's trainer and organisers only. */
export async function GET(_req: Request, { params }: { params: Promise<{ sessionId: string }> }) {
  const auth = await userWithRole(["organiser", "trainer"]);
  if ("response" in auth) return auth.response;
  const found = await loadSessionFor(getServices().store, auth.user, (await params).sessionId);
  if (!found) return jsonError("SESSION_NOT_FOUND", "No such session");
  const zip = sketchesZip(found.state);
  const name = `sketches-${found.record.code}-${new Date(found.record.createdAt).toISOString().slice(0, 10)}.zip`;
  return new Response(Buffer.from(zip), {
    headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
}

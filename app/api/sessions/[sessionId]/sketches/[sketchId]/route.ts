import { sketchToSvg } from "@/lib/domain/sketch-svg";
import { jsonError } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { loadSessionFor } from "@/lib/server/reports/session-record";
import { getServices } from "@/lib/server/services";
import { sketchFileName, sketchPng } from "@/lib/server/reports/sketch-export";

/** One sketch as SVG (vector) or PNG (?format=png). */
export async function GET(req: Request, { params }: { params: Promise<{ sessionId: string; sketchId: string }> }) {
  const auth = await userWithRole(["organiser", "trainer"]);
  if ("response" in auth) return auth.response;
  const { sessionId, sketchId } = await params;
  const found = await loadSessionFor(getServices().store, auth.user, sessionId);
  if (!found) return jsonError("SESSION_NOT_FOUND", "No such session");
  const k = found.state.sketches[sketchId];
  if (!k) return jsonError("SKETCH_NOT_FOUND", "No such sketch");
  const name = sketchFileName(found.state, k);
  const svg = sketchToSvg(k.strokes, name);
  const png = new URL(req.url).searchParams.get("format") === "png";
  const body = png ? Buffer.from(sketchPng(svg)) : svg;
  return new Response(body, {
    headers: {
      "content-type": png ? "image/png" : "image/svg+xml; charset=utf-8",
      "content-disposition": `attachment; filename="${encodeURIComponent(name)}.${png ? "png" : "svg"}"`,
      "cache-control": "no-store",
    },
  });
}

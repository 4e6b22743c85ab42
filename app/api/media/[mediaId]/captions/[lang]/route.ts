import { isLocale } from "@/lib/domain/locales";
import { jsonError } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { getServices } from "@/lib/server/services";

/** Uploads WebVTT captions in one language for a video. */
export async function PUT(req: Request, { params }: { params: Promise<{ mediaId: string; lang: string }> }) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  const { mediaId, lang } = await params;
  if (!isLocale(lang)) return jsonError("BAD_REQUEST", "Language must be en, ru or kk");
  if (!req.body) return jsonError("BAD_REQUEST", "No file");
  const r = await getServices().media.addCaptions(mediaId, lang, req.body);
  if (!r.ok) return jsonError(r.code, r.message);
  return Response.json({ ok: true });
}

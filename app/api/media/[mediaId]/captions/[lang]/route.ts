import { isLocale } from "@/lib/domain/locales";
import { jsonError } from "@/lib/server/http-json";
import { isUploadError } from "@/lib/server/media-library";
import { userWithRole } from "@/lib/server/require-role";
import { getServices } from "@/lib/server/services";

/** Uploads WebVTT captions in one language for a video. */
export async function PUT(req: Request, { params }: { params: Promise<{ mediaId: string; lang: string }> }) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  const { mediaId, lang } = await params;
  if (!isLocale(lang)) return jsonError(400, "BAD_REQUEST", "Language must be en, ru or kk");
  if (!req.body) return jsonError(400, "BAD_REQUEST", "No file");
  try {
    await getServices().media.addCaptions(mediaId, lang, req.body);
    return Response.json({ ok: true });
  } catch (err) {
    if (isUploadError(err)) return jsonError(err.code === "MEDIA_TOO_LARGE" ? 413 : err.code === "MEDIA_NOT_FOUND" ? 404 : 415, err.code, err.message);
    throw err;
  }
}

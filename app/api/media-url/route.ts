import path from "node:path";
import { LOCALES } from "@/lib/domain/locales";
import { userFromCookieHeader } from "@/lib/server/accounts/auth-session";
import { openParticipantToken, openScreenKey } from "@/lib/server/accounts/tokens";
import { jsonError } from "@/lib/server/http-json";
import { findMediaFile } from "@/lib/server/media/media-files";
import { MEDIA_URL_TTL_MS, mediaBase, signedMediaUrl } from "@/lib/server/media/media-access";
import { getServices } from "@/lib/server/services";

/**
 * GET /api/media-url?media=<id or file>[&session=<id>]: a signed, expiring
 * URL for a video and its captions. Staff (sign-in cookie) get any video; a
 * projector (screen key in the `x-screen-key` header) or a phone (its
 * participant token in `x-participant-token`) gets the video of its session's
 * current step, while that step is on.
 */
export async function GET(req: Request) {
  const services = getServices();
  const url = new URL(req.url);
  const media = url.searchParams.get("media") ?? "";
  const sessionId = url.searchParams.get("session") ?? "";
  const base = mediaBase(media);
  const found = findMediaFile([services.media.dir], media);
  if (!found) {
    // Shipped demo media (content/media) is public: its plain URL does.
    const shipped = findMediaFile([path.resolve("content/media")], media);
    if (!shipped) return jsonError("MEDIA_NOT_FOUND", "No such video");
    const shippedDir = [path.resolve("content/media")];
    const captions = Object.fromEntries(
      LOCALES.filter((l) => findMediaFile(shippedDir, `${base}.${l}.vtt`)).map((l) => [l, `/media/${encodeURIComponent(`${base}.${l}.vtt`)}`]),
    );
    return Response.json({ ok: true, url: `/media/${encodeURIComponent(path.basename(shipped.file))}`, captions, expiresAt: null });
  }

  let allowed = !!(await userFromCookieHeader(req.headers.get("cookie"), services.secret, services.users));
  if (!allowed && sessionId) {
    const screenKey = req.headers.get("x-screen-key");
    const token = req.headers.get("x-participant-token");
    let viewer: { participantId?: string } | null = null;
    if (screenKey && (await openScreenKey(screenKey, services.secret))?.sessionId === sessionId) viewer = {};
    else if (token) {
      const p = await openParticipantToken(token, services.secret);
      if (p?.sessionId === sessionId) viewer = { participantId: p.participantId };
    }
    const current = viewer ? await services.currentVideo(sessionId, viewer.participantId) : null;
    allowed = !!current && mediaBase(current) === base;
  }
  if (!allowed) return jsonError("FORBIDDEN", "This video is not on now");

  const now = Date.now();
  const file = path.basename(found.file);
  const captions = Object.fromEntries(
    LOCALES.filter((l) => findMediaFile([services.media.dir], `${base}.${l}.vtt`)).map((l) => [l, signedMediaUrl(`${base}.${l}.vtt`, services.secret, now)]),
  );
  return Response.json(
    { ok: true, url: signedMediaUrl(file, services.secret, now), captions, expiresAt: now + MEDIA_URL_TTL_MS },
    { headers: { "cache-control": "no-store" } },
  );
}

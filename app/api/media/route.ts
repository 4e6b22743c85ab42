import { jsonError } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { getServices } from "@/lib/server/services";

export async function GET() {
  const auth = await userWithRole(["organiser", "trainer"]);
  if ("response" in auth) return auth.response;
  return Response.json({ ok: true, media: await getServices().media.list() });
}

/**
 * Uploads a video: the raw file is the body (streamed to disk, never held in
 * memory), the title is ?title=. The size is capped and the first bytes must
 * be WebM or MP4, whatever the browser declared.
 */
export async function POST(req: Request) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  const title = (new URL(req.url).searchParams.get("title") ?? "").trim();
  if (!title) return jsonError("BAD_REQUEST", "A title is required");
  const declared = Number(req.headers.get("content-length") ?? 0);
  const { media, env } = getServices();
  if (declared > env.MEDIA_MAX_MB * 1_000_000) return jsonError("MEDIA_TOO_LARGE", `The file is larger than ${env.MEDIA_MAX_MB} MB`);
  if (!req.body) return jsonError("BAD_REQUEST", "No file");
  const r = await media.addVideo(title, req.body, auth.user.id);
  if (!r.ok) return jsonError(r.code, r.message);
  return Response.json({ ok: true, media: r.media }, { status: 201 });
}

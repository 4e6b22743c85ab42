import { z } from "zod";
import { readJson } from "@/lib/server/http-json";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { purgeExpired, setRetentionDays } from "@/lib/server/reports/retention";
import { getServices } from "@/lib/server/services";

/** Organisation-wide retention: ended sessions older than `days` are deleted (0 keeps them). */
export async function PUT(req: Request) {
  const auth = await userWithRole(["organiser"]);
  if ("response" in auth) return auth.response;
  const body = await readJson(req, z.object({ days: z.number().int().min(0).max(3650) }));
  if ("response" in body) return body.response;
  const { sql, store, evictHub } = getServices();
  await setRetentionDays(sql, body.data.days);
  const deleted = await purgeExpired(sql, store, Date.now(), evictHub);
  return Response.json({ ok: true, days: body.data.days, deleted });
}

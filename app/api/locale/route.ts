import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALES } from "@/lib/domain/locales";
import { LOCALE_COOKIE } from "@/lib/i18n/locale-cookie";
import { readJson } from "@/lib/server/http-json";

/** Each device picks its own language; kept in a cookie for a year. */
export async function POST(req: Request) {
  const body = await readJson(req, z.object({ locale: z.enum(LOCALES) }));
  if ("response" in body) return body.response;
  (await cookies()).set(LOCALE_COOKIE, body.data.locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  return Response.json({ ok: true });
}

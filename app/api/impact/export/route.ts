import { z } from "zod";
import { isLocale, type Locale } from "@/lib/domain/locales";
import { localize } from "@/lib/domain/plan";
import { userFromCookieHeader } from "@/lib/server/accounts/auth-session";
import { jsonError } from "@/lib/server/http-json";
import { impactSummary } from "@/lib/server/impact/impact-data";
import { tablesCsv, tablesPdf, tablesXlsx } from "@/lib/server/impact/impact-export";
import { impactFilter, impactQuerySchema } from "@/lib/server/impact/impact-filter";
import { impactText, summaryTables } from "@/lib/server/impact/impact-tables";
import { LOCALE_COOKIE } from "@/lib/i18n/locale-cookie";
import { nameBook } from "@/lib/server/name-book";
import { getServices } from "@/lib/server/services";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function download(body: string | Uint8Array, type: string, filename: string): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return new Response(new Uint8Array(bytes), {
    headers: { "content-type": type, "content-length": String(bytes.length), "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
}

function cookieLocale(header: string | null): Locale {
  const m = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([a-z]{2})`).exec(header ?? "");
  return m && isLocale(m[1]) ? m[1] : "en";
}

/**
 * GET /api/impact/export?format=csv|xlsx|pdf[&from&to&plan&trainer]: the
 * impact dashboard's figures (published: cells under 5 people suppressed),
 * in the downloader's language. Organisers: every session; trainers: their own.
 */
export async function GET(req: Request) {
  const { store, users, secret, sql, plans } = getServices();
  const user = await userFromCookieHeader(req.headers.get("cookie"), secret, users);
  if (!user) return jsonError("UNAUTHENTICATED", "Sign in first");
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const format = z.enum(["csv", "xlsx", "pdf"]).safeParse(params.format);
  if (!format.success) return jsonError("BAD_REQUEST", "format must be csv, xlsx or pdf");
  const query = impactQuerySchema.parse(params);
  const locale = cookieLocale(req.headers.get("cookie"));
  const summary = await impactSummary(store, sql, impactFilter(query, user));
  const x = impactText(locale).impact;
  const names = nameBook(await plans.list(), await users.list());
  const planName = (id: string | null) => {
    if (!id) return x.noPlan;
    const title = names.planTitle(id);
    return title ? localize(title, locale) : id;
  };
  const trainerName = (id: string | null) => (id ? (names.userName(id) ?? "—") : "—");
  const tables = summaryTables(summary, { locale, planName, trainerName });
  const period = `${query.from ?? x.all} – ${query.to ?? x.all}`;
  const lines = [`${x.period.replace("{from} – {to}", period)}`, x.generated.replace("{date}", new Date().toISOString().slice(0, 16).replace("T", " "))];
  const base = `ortaq-impact-${query.from ?? "all"}-${query.to ?? "all"}`;
  switch (format.data) {
    case "csv":
      return download(tablesCsv([x.title, ...lines], tables, locale), "text/csv; charset=utf-8", `${base}.csv`);
    case "xlsx":
      return download(await tablesXlsx(tables), XLSX_TYPE, `${base}.xlsx`);
    case "pdf":
      return download(
        await tablesPdf({
          title: x.title,
          lines,
          tables,
          chart: { title: x.checkChart, legend: [x.before, x.after], bars: summary.checks.map((c) => ({ label: `${planName(c.planId)}: ${localize(c.text, locale)}`, pre: c.prePercent, post: c.postPercent })) },
        }),
        "application/pdf",
        `${base}.pdf`,
      );
  }
}

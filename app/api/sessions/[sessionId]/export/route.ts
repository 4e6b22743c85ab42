import { z } from "zod";
import { buildReport } from "@/lib/domain/report";
import { userFromCookieHeader } from "@/lib/server/accounts/auth-session";
import { jsonError } from "@/lib/server/http-json";
import { CSV_SEPARATORS, notesCsv } from "@/lib/server/reports/notes-csv";
import { reportPdf } from "@/lib/server/reports/report-pdf";
import { reportXlsx } from "@/lib/server/reports/report-xlsx";
import { sessionImpact } from "@/lib/server/impact/impact-data";
import { tablesSheets, writeTablesPdf } from "@/lib/server/impact/impact-export";
import { sessionTables } from "@/lib/server/impact/impact-tables";
import { loadSessionFor, recordEvents, recordState } from "@/lib/server/reports/session-record";
import { getServices } from "@/lib/server/services";

const SEPARATOR_NAMES: Record<string, keyof typeof CSV_SEPARATORS> = { ",": "comma", ";": "semicolon", "\t": "tab" };

const querySchema = z.object({
  format: z.enum(["csv", "xlsx", "json", "pdf"]),
  /** CSV only: overrides the separator the session's language expects ("," for English, ";" for Russian and Kazakh). */
  sep: z.preprocess((v) => (typeof v === "string" ? (SEPARATOR_NAMES[v] ?? v) : v), z.enum(["comma", "semicolon", "tab"]).optional()),
});

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function download(body: string | Uint8Array, type: string, filename: string): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return new Response(new Uint8Array(bytes), {
    headers: { "content-type": type, "content-length": String(bytes.length), "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
}

/**
 * GET /api/sessions/:id/export?format=csv|xlsx|json|pdf[&sep=comma|semicolon|tab]:
 * the session's notes as CSV, the report as an Excel workbook or a PDF, or the
 * whole record as JSON; for the session's trainer and organisers. CSV, XLSX
 * and PDF speak the session's language, whoever downloads them.
 */
export async function GET(req: Request, { params }: { params: Promise<{ sessionId: string }> }) {
  const { store, users, secret, sql } = getServices();
  const user = await userFromCookieHeader(req.headers.get("cookie"), secret, users);
  if (!user) return jsonError("UNAUTHENTICATED", "Sign in first");
  const query = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return jsonError("BAD_REQUEST", "format must be csv, xlsx, json or pdf; sep comma, semicolon or tab");
  const id = (await params).sessionId;
  const found = await loadSessionFor(store, user, id);
  if (!found) return jsonError("SESSION_NOT_FOUND", "No such session");
  const { record, state } = found;
  // Help requests stay out of every export (the report gives their number alone).
  const events = recordEvents(await store.readSince(id, 0), state);
  const report = buildReport(state, events, Date.now());
  const base = `ortaq-${record.code}-${new Date(record.createdAt).toISOString().slice(0, 10)}`;
  const trainer = (await users.byId(record.trainerId))?.name ?? "";
  const { format, sep } = query.data;
  // Polls, the paired knowledge check and the indicators (small numbers suppressed), as tables.
  const impact = format === "xlsx" || format === "pdf" ? await sessionImpact(store, sql, user, id) : null;
  const impactTables = impact ? sessionTables(impact, state.language) : [];
  switch (format) {
    case "csv":
      return download(notesCsv(report, { locale: state.language, separator: sep && CSV_SEPARATORS[sep] }), "text/csv; charset=utf-8", `${base}-notes.csv`);
    case "xlsx":
      return download(await reportXlsx({ record, state, report, trainer, locale: state.language, now: Date.now(), extraSheets: tablesSheets(impactTables) }), XLSX_TYPE, `${base}.xlsx`);
    case "pdf":
      return download(await reportPdf({ record, state, report, trainer, locale: state.language, more: impactTables.length ? (doc) => {
        doc.addPage();
        writeTablesPdf(doc, impactTables);
      } : undefined }), "application/pdf", `${base}.pdf`);
    case "json":
      // The whole record as staff see it: anonymous authors stay anonymous, no actors or command ids.
      return download(
        JSON.stringify({ exportedAt: new Date().toISOString(), session: record, report, state: recordState(state), events }, null, 1),
        "application/json; charset=utf-8",
        `${base}.json`,
      );
  }
}

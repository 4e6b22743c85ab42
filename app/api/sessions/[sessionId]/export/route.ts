import { getTranslations } from "next-intl/server";
import { buildReport } from "@/lib/domain/report";
import { eventForViewer, stateForViewer } from "@/lib/domain/visibility";
import { jsonError } from "@/lib/server/http-json";
import { notesCsv } from "@/lib/server/reports/notes-csv";
import { reportPdf } from "@/lib/server/reports/report-pdf";
import { userWithRole } from "@/lib/server/accounts/require-role";
import { loadSessionFor } from "@/lib/server/reports/session-record";
import { getServices } from "@/lib/server/services";

/** Exports for donors and records: notes as CSV, or the whole session record as JSON. */
export async function GET(req: Request, { params }: { params: Promise<{ sessionId: string }> }) {
  const auth = await userWithRole(["organiser", "trainer"]);
  if ("response" in auth) return auth.response;
  const { store } = getServices();
  const id = (await params).sessionId;
  const found = await loadSessionFor(store, auth.user, id);
  if (!found) return jsonError("SESSION_NOT_FOUND", "No such session");
  const format = new URL(req.url).searchParams.get("format");
  const events = (await store.readSince(id, 0)).map((e) => eventForViewer(e, { kind: "staff" }, found.state)!);
  const report = buildReport(found.state, events, Date.now());
  const base = `ortaq-${found.record.code}-${new Date(found.record.createdAt).toISOString().slice(0, 10)}`;
  if (format === "csv") {
    const t = await getTranslations("board");
    return new Response(notesCsv(report, { anonymous: t("anonymousLabel") }), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${base}-notes.csv"`, "cache-control": "no-store" },
    });
  }
  if (format === "json") {
    // The whole record as staff see it: anonymous authors stay anonymous, no actors or command ids.
    const body = JSON.stringify({ exportedAt: new Date().toISOString(), session: found.record, report, state: stateForViewer(found.state, { kind: "staff" }), events }, null, 1);
    return new Response(body, {
      headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${base}.json"`, "cache-control": "no-store" },
    });
  }
  if (format === "pdf") {
    const t = await getTranslations("reports");
    const tb = await getTranslations("board");
    const { users } = getServices();
    const pdf = await reportPdf({
      record: found.record,
      state: found.state,
      report,
      trainer: users.byId(found.record.trainerId)?.name ?? "",
      dateText: new Date(found.record.createdAt).toISOString().slice(0, 16).replace("T", " "),
      labels: {
        heading: t("report"),
        attendance: t("attendance"),
        perGroup: t("perGroup"),
        timeline: t("timeline"),
        notes: t("notesByGroup"),
        notesChart: t("notesChart"),
        sketches: t("sketches"),
        help: report.helpShown ? t("helpShown") : t("helpNotShown"),
        anonymous: tb("anonymousLabel"),
        hidden: t("hidden"),
        room: t("room"),
        moreSketches: (n) => tb("more", { count: n }),
      },
    });
    return new Response(new Uint8Array(pdf), {
      headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${base}.pdf"`, "cache-control": "no-store" },
    });
  }
  return jsonError("BAD_REQUEST", "format must be csv, json or pdf");
}

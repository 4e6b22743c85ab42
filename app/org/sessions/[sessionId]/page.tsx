import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { BarChart, StepLineChart } from "@/components/report/Charts";
import { DeleteSession } from "@/components/report/DeleteSession";
import { ExportLink } from "@/components/report/ExportLink";
import { SketchView } from "@/components/sketch/SketchView";
import { buildReport } from "@/lib/domain/report";
import { localize } from "@/lib/domain/plan";
import { eventForViewer } from "@/lib/domain/visibility";
import { requireUser } from "@/lib/server/accounts/current-user";
import { loadSessionFor } from "@/lib/server/reports/session-record";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

/** One session's record for organisers (any) and trainers (their own). */
export default async function SessionReportPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const user = await requireUser(`/org/sessions/${sessionId}`);
  const { store, users } = getServices();
  const found = await loadSessionFor(store, user, sessionId);
  if (!found) notFound();
  const { record, state } = found;
  const t = await getTranslations();
  const format = await getFormatter();
  const events = (await store.readSince(sessionId, 0)).map((e) => eventForViewer(e, { kind: "staff" }, state)!);
  const report = buildReport(state, events, Date.now());
  const time = (ms: number) => format.dateTime(new Date(ms), { timeStyle: "short" });
  const sketches = state.sketchOrder.map((id) => state.sketches[id]).filter((k) => k && k.strokes.length > 0);
  const card = "rounded-2xl bg-white p-5 shadow-sm";
  return (
    <>
      <ConsoleHeader userName={user.name} isOrganiser={user.role === "organiser"} />
      <main className="mx-auto flex max-w-6xl flex-col gap-5 p-6">
        <Link href="/org/sessions" className="text-sm underline">
          ← {t("reports.sessions")}
        </Link>
        <header className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-2xl font-bold" data-testid="report-title">
              {record.title}
            </h1>
            <p className="text-slate-600">
              {format.dateTime(new Date(record.createdAt), { dateStyle: "long", timeStyle: "short" })} · {users.byId(record.trainerId)?.name ?? "—"}
              {state.plan ? ` · ${localize(state.plan.title, state.language)}` : ""} · {record.code}
            </p>
          </div>
          <nav className="flex flex-wrap gap-3 text-sm font-semibold" aria-label={t("reports.export")}>
            <ExportLink href={`/api/sessions/${sessionId}/export?format=csv`} label={t("reports.csv")} testId="export-csv" />
            <ExportLink href={`/api/sessions/${sessionId}/export?format=json`} label={t("reports.json")} testId="export-json" />
            <ExportLink href={`/api/sessions/${sessionId}/export?format=pdf`} label={t("reports.pdf")} testId="export-pdf" />
            <ExportLink href={`/api/sessions/${sessionId}/sketches`} label={t("reports.zip")} testId="export-zip" />
          </nav>
        </header>

        <section className={`${card} grid gap-6 md:grid-cols-2`}>
          <div>
            <h2 className="mb-2 text-lg font-semibold">{t("reports.attendance")}</h2>
            <p className="text-3xl font-bold" data-testid="report-joined" data-count={report.joined}>
              {t("reports.joined", { count: report.joined })}
            </p>
            {report.groups.some((g) => g.active) && (
              <>
                <h3 className="mt-3 font-semibold">{t("reports.perGroup")}</h3>
                <ul className="text-sm">
                  {report.groups
                    .filter((g) => g.active)
                    .map((g) => (
                      <li key={g.id}>
                        {g.name}: {g.members}
                      </li>
                    ))}
                </ul>
              </>
            )}
            <p className="text-sm text-slate-600" data-testid="report-peak">
              {t("profile.peak", { count: report.peakOnline })}
            </p>
            {report.askedProfile && (
              <div className="mt-3 text-sm" data-testid="report-profile">
                <h3 className="font-semibold">{t("profile.report")}</h3>
                {(["byAge", "bySex"] as const).map((k) => (
                  <p key={k}>
                    {k === "byAge" ? t("profile.age") : t("profile.sex")}:{" "}
                    {Object.entries(report[k])
                      .map(([v, n]) => `${v === "not-answered" ? t("profile.notAnswered") : t(`profile.${v}` as "profile.male")} ${n}`)
                      .join(" · ")}
                  </p>
                ))}
              </div>
            )}
            <p className="mt-3 text-sm">{report.helpShown ? t("reports.helpShown") : t("reports.helpNotShown")}</p>
          </div>
          <div className="flex flex-col gap-4">
            <figure>
              <figcaption className="text-sm font-semibold">{t("reports.joinsChart")}</figcaption>
              <StepLineChart points={report.joinsOverTime} label={t("reports.joinsChart")} />
            </figure>
            <figure>
              <figcaption className="text-sm font-semibold">{t("reports.notesChart")}</figcaption>
              <BarChart bars={report.notesPerGroup} label={t("reports.notesChart")} />
            </figure>
          </div>
        </section>

        {report.timeline.length > 0 && (
          <section className={card}>
            <h2 className="mb-2 text-lg font-semibold">{t("reports.timeline")}</h2>
            <ol className="text-sm" data-testid="report-timeline">
              {report.timeline.map((s, i) => (
                <li key={i} className="flex gap-3 border-b border-slate-100 py-1">
                  <span className="w-28 tabular-nums text-slate-600">
                    {time(s.startedAt)}
                    {s.endedAt ? `–${time(s.endedAt)}` : ""}
                  </span>
                  <span>{s.title}</span>
                  <span className="text-slate-500">{t(`agenda.kinds.${s.kind}` as "agenda.kinds.intro")}</span>
                </li>
              ))}
            </ol>
          </section>
        )}

        <section className={card}>
          <h2 className="mb-2 text-lg font-semibold">
            {t("reports.notesByGroup")} ({report.notes.length})
          </h2>
          {report.notes.length === 0 ? (
            <p className="text-slate-500">{t("reports.noNotes")}</p>
          ) : (
            <div className="grid gap-4 md:grid-cols-2">
              {[...new Set(report.notes.map((n) => n.groupName ?? t("reports.room")))].map((g) => (
                <div key={g}>
                  <h3 className="font-semibold">{g}</h3>
                  <ul className="flex flex-col gap-1 text-sm">
                    {report.notes
                      .filter((n) => (n.groupName ?? t("reports.room")) === g)
                      .map((n) => (
                        <li key={n.id} data-testid="report-note" data-status={n.status} className={`rounded bg-amber-50 px-2 py-1 ${n.status !== "visible" ? "text-slate-500" : ""}`}>
                          <span className="whitespace-pre-line">{n.text}</span>
                          <span className="ml-2 text-xs text-slate-500">
                            {n.anonymous ? t("reports.anonymous") : n.author}
                            {n.clusterName ? ` · ${n.clusterName}` : ""}
                            {n.votes ? ` · ♥ ${n.votes}` : ""}
                            {n.status === "hidden" ? ` · ${t("reports.hidden")}` : n.status === "held" ? ` · ${t("reports.held")}` : ""}
                          </span>
                        </li>
                      ))}
                  </ul>
                </div>
              ))}
            </div>
          )}
        </section>

        {sketches.length > 0 && (
          <section className={card}>
            <h2 className="mb-2 text-lg font-semibold">
              {t("reports.sketches")} ({sketches.length})
            </h2>
            <ul className="grid grid-cols-3 gap-3 md:grid-cols-6">
              {sketches.map((k) => (
                <li key={k.id}>
                  <SketchView strokes={k.strokes} label={t("reports.sketches")} className="rounded border border-slate-200" />
                </li>
              ))}
            </ul>
          </section>
        )}

        <section className={card}>
          <DeleteSession sessionId={sessionId} live={record.status === "live"} />
        </section>
      </main>
    </>
  );
}

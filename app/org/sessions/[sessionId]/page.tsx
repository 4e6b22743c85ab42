import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { BarChart, StepLineChart } from "@/components/report/Charts";
import { DeleteSession } from "@/components/report/DeleteSession";
import { ForgetParticipant } from "@/components/safeguarding/ForgetParticipant";
import { ExportLink } from "@/components/report/ExportLink";
import { SketchView } from "@/components/sketch/SketchView";
import { buildReport } from "@/lib/domain/report";
import { localize } from "@/lib/domain/plan";
import { requireUser } from "@/lib/server/accounts/current-user";
import { loadSessionFor, recordEvents } from "@/lib/server/reports/session-record";
import { getServices } from "@/lib/server/services";
import { sessionImpact } from "@/lib/server/impact/impact-data";
import { SessionImpact } from "@/components/polls/SessionImpact";

export const dynamic = "force-dynamic";

/** One session's record for organisers (any) and trainers (their own). */
export default async function SessionReportPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const user = await requireUser(`/org/sessions/${sessionId}`);
  const { store, users, sql } = getServices();
  const found = await loadSessionFor(store, user, sessionId);
  if (!found) notFound();
  const { record, state } = found;
  const t = await getTranslations();
  const format = await getFormatter();
  const events = recordEvents(await store.readSince(sessionId, 0), state);
  const report = buildReport(state, events, Date.now());
  const impact = await sessionImpact(store, sql, user, sessionId);
  const trainerName = (await users.byId(record.trainerId))?.name;
  const time = (ms: number) => format.dateTime(new Date(ms), { timeStyle: "short" });
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
              {format.dateTime(new Date(record.createdAt), { dateStyle: "long", timeStyle: "short" })} · {trainerName ?? "—"}
              {state.plan ? ` · ${localize(state.plan.title, state.language)}` : ""} · {record.code}
            </p>
          </div>
          <nav className="flex flex-wrap gap-3 text-sm font-semibold" aria-label={t("reports.export")}>
            <ExportLink href={`/api/sessions/${sessionId}/export?format=xlsx`} label={t("exports.xlsxLink")} testId="export-xlsx" />
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
            <p className="text-sm" data-testid="report-help-requests" data-count={state.helpCount}>
              {t("safeguarding.helpCount", { count: state.helpCount })}
            </p>
          </div>
          <div className="flex flex-col gap-4">
            <figure>
              <figcaption className="text-sm font-semibold">{t("reports.joinsChart")}</figcaption>
              <StepLineChart points={report.joinsOverTime} label={t("reports.joinsChart")} minutes={(count) => t("exports.chartMinutes", { count })} />
            </figure>
            <figure>
              <figcaption className="text-sm font-semibold">{t("reports.notesChart")}</figcaption>
              <BarChart bars={report.notesPerGroup.map((b) => (b.room ? { ...b, name: t("reports.room") } : b))} label={t("reports.notesChart")} />
            </figure>
          </div>
        </section>

        {impact && <SessionImpact impact={impact} language={state.language} />}

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

        {report.sketchList.length > 0 && (
          <section className={card}>
            <h2 className="mb-2 text-lg font-semibold">
              {t("reports.sketches")} ({report.sketchList.length})
            </h2>
            <ul className="grid grid-cols-3 gap-3 md:grid-cols-6">
              {report.sketchList.map((k) => {
                const group = k.groupName ?? t("reports.room");
                const owner = k.ownerKind === "group" ? t("exports.values.groupCanvas") : k.owner;
                const caption = [group, owner, k.hidden ? t("reports.hidden") : null].filter(Boolean).join(" · ");
                return (
                  <li key={k.id}>
                    <figure data-testid="report-sketch" data-group={k.groupName ?? ""} className={k.hidden ? "opacity-60" : undefined}>
                      <SketchView strokes={state.sketches[k.id]?.strokes ?? []} label={caption} className="rounded border border-slate-200" />
                      <figcaption className="mt-1 flex items-start gap-1.5 text-xs leading-snug wrap-anywhere" title={caption}>
                        <span className="mt-0.5 size-2.5 shrink-0 rounded-full" style={{ background: k.groupColour ?? "#94a3b8" }} aria-hidden />
                        <span>
                          <span className="font-semibold">{group}</span>
                          {owner ? ` · ${owner}` : ""}
                          {k.hidden ? ` · ${t("reports.hidden")}` : ""}
                        </span>
                      </figcaption>
                    </figure>
                  </li>
                );
              })}
            </ul>
          </section>
        )}

        {user.role === "organiser" && state.participantOrder.length > 0 && (
          <section className={card}>
            <ForgetParticipant sessionId={sessionId} people={state.participantOrder.map((id) => ({ id, nickname: state.participants[id].nickname }))} />
          </section>
        )}

        <section className={card}>
          <DeleteSession sessionId={sessionId} live={record.status === "live"} />
        </section>
      </main>
    </>
  );
}

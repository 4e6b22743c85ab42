import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { CompletionRuleForm } from "@/components/polls/CompletionRuleForm";
import { MonthChart, PrePostChart } from "@/components/polls/ImpactCharts";
import { CellText } from "@/components/polls/SessionImpact";
import { ExportLink } from "@/components/report/ExportLink";
import type { PublishedTotals } from "@/lib/domain/impact";
import { isLocale } from "@/lib/domain/locales";
import { localize } from "@/lib/domain/plan";
import { requireUser } from "@/lib/server/accounts/current-user";
import { getCompletionRule } from "@/lib/server/impact/completion-rule";
import { impactSummary } from "@/lib/server/impact/impact-data";
import { impactFilter, impactQuerySchema } from "@/lib/server/impact/impact-filter";
import { nameBook } from "@/lib/server/name-book";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

const card = "rounded-2xl bg-white p-5 shadow-sm";
const th = "border-b border-slate-200 px-2 py-1 text-left font-semibold";
const td = "border-b border-slate-100 px-2 py-1 tabular-nums";

/**
 * Impact across sessions for a date range, by plan and by trainer: sessions
 * held, people reached, completion and the knowledge change, with charts and
 * exports. Organisers see the organisation's sessions; trainers their own.
 * Every count of fewer than 5 people is suppressed.
 */
export default async function ImpactPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser("/org/impact");
  const query = impactQuerySchema.parse(await searchParams);
  const t = await getTranslations();
  const locale = await getLocale();
  const lang = isLocale(locale) ? locale : "en";
  const { store, users, plans, sql } = getServices();
  const organiser = user.role === "organiser";
  const summary = await impactSummary(store, sql, impactFilter(query, user));
  const [rule, planList, userList] = await Promise.all([getCompletionRule(sql), plans.list(), users.list()]);
  const names = nameBook(planList, userList);
  const planName = (id: string | null) => {
    if (!id) return t("impact.noPlan");
    const title = names.planTitle(id);
    return title ? localize(title, lang) : id;
  };
  const trainerName = (id: string | null) => (id ? (names.userName(id) ?? "—") : "—");
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  const exportHref = (format: string) => `/api/impact/export?format=${format}${qs ? `&${qs}` : ""}`;
  const pct = (v: number | null) => (v === null ? t("impact.none") : `${v}%`);
  const totals = summary.totals;
  const field = "rounded-lg border border-slate-300 bg-white px-2 py-1.5";

  const groupTable = (title: string, first: string, groups: { id: string | null; totals: PublishedTotals }[], name: (id: string | null) => string, testId: string) => (
    <section className={card} data-testid={testId}>
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr>
              <th className={th}>{first}</th>
              <th className={th}>{t("impact.sessionsHeld")}</th>
              <th className={th}>{t("impact.peopleReached")}</th>
              <th className={th}>{t("impact.completed")}</th>
              <th className={th}>{t("impact.paired")}</th>
              <th className={th}>{t("impact.rightBefore")}</th>
              <th className={th}>{t("impact.rightAfter")}</th>
              <th className={th}>{t("impact.change")}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.id ?? "none"} data-testid="impact-group" data-id={g.id ?? ""}>
                <th className={`${td} text-left font-normal`}>{name(g.id)}</th>
                <td className={td}>{g.totals.sessions}</td>
                <td className={td}>
                  <CellText value={g.totals.trained} />
                </td>
                <td className={td}>
                  <CellText value={g.totals.completed} /> {g.totals.completedPercent !== null && `(${g.totals.completedPercent}%)`}
                </td>
                <td className={td}>
                  <CellText value={g.totals.pairedPeople} />
                </td>
                <td className={td}>{pct(g.totals.prePercent)}</td>
                <td className={td}>{pct(g.totals.postPercent)}</td>
                <td className={td}>{g.totals.change === null ? t("impact.none") : t("impact.changeValue", { value: `${g.totals.change > 0 ? "+" : ""}${g.totals.change}` })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );

  return (
    <>
      <ConsoleHeader userName={user.name} isOrganiser={organiser} />
      <main className="mx-auto flex max-w-6xl flex-col gap-5 p-6">
        <div>
          <h1 className="text-2xl font-bold">{t("impact.title")}</h1>
          <p className="text-slate-600">{t("impact.intro")}</p>
        </div>
        <form className="flex flex-wrap items-end gap-3 rounded-2xl bg-white p-4 shadow-sm" method="get">
          <label className="flex flex-col text-sm">
            {t("reports.from")}
            <input type="date" name="from" defaultValue={query.from} className={field} />
          </label>
          <label className="flex flex-col text-sm">
            {t("reports.to")}
            <input type="date" name="to" defaultValue={query.to} className={field} />
          </label>
          <label className="flex flex-col text-sm">
            {t("reports.plan")}
            <select name="plan" defaultValue={query.plan ?? ""} className={field}>
              <option value="">{t("reports.any")}</option>
              {planList.map((p) => (
                <option key={p.id} value={p.id}>
                  {localize(p.title, lang)}
                </option>
              ))}
            </select>
          </label>
          {organiser && (
            <label className="flex flex-col text-sm">
              {t("reports.trainer")}
              <select name="trainer" defaultValue={query.trainer ?? ""} className={field}>
                <option value="">{t("reports.any")}</option>
                {userList.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" className="min-h-11 rounded-lg bg-brand px-4 py-2 font-semibold text-white">
            {t("impact.show")}
          </button>
        </form>

        <section className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="impact-totals">
          <div className={card}>
            <p className="text-sm text-slate-600">{t("impact.sessionsHeld")}</p>
            <p className="text-3xl font-bold" data-testid="impact-sessions">
              {totals.sessions}
            </p>
          </div>
          <div className={card}>
            <p className="text-sm text-slate-600">{t("impact.peopleReached")}</p>
            <p className="text-3xl font-bold" data-testid="impact-reached">
              <CellText value={totals.trained} />
            </p>
          </div>
          <div className={card}>
            <p className="text-sm text-slate-600">{t("impact.completed")}</p>
            <p className="text-3xl font-bold" data-testid="impact-completed">
              <CellText value={totals.completed} />
            </p>
            {totals.completedPercent !== null && <p className="text-sm">{t("impact.completedShare", { percent: totals.completedPercent })}</p>}
          </div>
          <div className={card}>
            <p className="text-sm text-slate-600">{t("impact.knowledgeChange")}</p>
            <p className="text-3xl font-bold" data-testid="impact-change">
              {totals.change === null ? t("impact.none") : t("impact.changeValue", { value: `${totals.change > 0 ? "+" : ""}${totals.change}` })}
            </p>
            {totals.prePercent !== null && <p className="text-sm">{t("impact.prePost", { pre: totals.prePercent, post: totals.postPercent ?? 0 })}</p>}
            <p className="text-sm">{t("impact.pairedPeople", { count: totals.pairedPeople ?? t("impact.suppressed") })}</p>
          </div>
        </section>
        <p className="text-sm text-slate-600" data-testid="impact-rule">
          {t("impact.rule", { percent: Math.round(rule.minStepShare * 100), post: String(rule.requirePost) })}
        </p>

        <nav className="flex flex-wrap gap-3 text-sm font-semibold" aria-label={t("reports.export")}>
          <ExportLink href={exportHref("csv")} label={t("impact.exportCsv")} testId="impact-export-csv" />
          <ExportLink href={exportHref("xlsx")} label={t("impact.exportXlsx")} testId="impact-export-xlsx" />
          <ExportLink href={exportHref("pdf")} label={t("impact.exportPdf")} testId="impact-export-pdf" />
        </nav>

        {summary.sessions.length === 0 ? (
          <p className={card}>{t("impact.noSessions")}</p>
        ) : (
          <>
            <section className={`${card} grid gap-6 lg:grid-cols-2`}>
              <div>
                <h2 className="mb-2 text-lg font-semibold">{t("impact.sessionsChart")}</h2>
                <MonthChart months={summary.byMonth} label={t("impact.sessionsChart")} />
              </div>
              <div>
                <h2 className="mb-2 text-lg font-semibold">{t("impact.checkChart")}</h2>
                {summary.checks.some((c) => c.prePercent !== null && c.postPercent !== null) ? (
                  <PrePostChart
                    label={t("impact.checkChart")}
                    legend={[t("impact.before"), t("impact.after")]}
                    bars={summary.checks.map((c) => ({ label: localize(c.text, lang), pre: c.prePercent, post: c.postPercent }))}
                  />
                ) : (
                  <p className="text-slate-600">{t("impact.noPaired")}</p>
                )}
              </div>
            </section>
            {groupTable(t("impact.byPlan"), t("impact.plan"), summary.byPlan, planName, "impact-by-plan")}
            {organiser && groupTable(t("impact.byTrainer"), t("impact.trainer"), summary.byTrainer, trainerName, "impact-by-trainer")}
          </>
        )}
        {organiser && <CompletionRuleForm initialPercent={Math.round(rule.minStepShare * 100)} initialRequirePost={rule.requirePost} />}
      </main>
    </>
  );
}

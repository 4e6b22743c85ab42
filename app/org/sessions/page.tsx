import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { RetentionForm } from "@/components/report/RetentionForm";
import { isLocale } from "@/lib/domain/locales";
import { localize } from "@/lib/domain/plan";
import { requireUser } from "@/lib/server/accounts/current-user";
import { nameBook } from "@/lib/server/name-book";
import { getRetentionDays } from "@/lib/server/reports/retention";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

type Search = { from?: string; to?: string; trainer?: string; plan?: string; q?: string };

const day = (s: string | undefined, plus = 0) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00Z`) + plus : undefined);

/** Every session of the organisation (organisers) or one's own (trainers), with filters. */
export default async function SessionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser("/org/sessions");
  const sp = await searchParams;
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const lang = isLocale(locale) ? locale : "en";
  const { store, users, plans, sql } = getServices();
  const organiser = user.role === "organiser";
  const [planList, userList, retentionDays] = await Promise.all([plans.list(), users.list(), getRetentionDays(sql)]);
  const names = nameBook(planList, userList);
  const trainers = organiser ? userList : [user];
  const sessions = await store.listSessions({
    trainerId: organiser ? sp.trainer || undefined : user.id,
    planId: sp.plan || undefined,
    from: day(sp.from),
    to: day(sp.to, 86_400_000),
    search: sp.q?.slice(0, 100) || undefined,
    limit: 500,
  });
  const planTitle = (id: string | null | undefined) => {
    const title = id ? names.planTitle(id) : null;
    return title ? localize(title, lang) : "—";
  };
  const field = "rounded-lg border border-slate-300 bg-white px-2 py-1.5";
  return (
    <>
      <ConsoleHeader userName={user.name} isOrganiser={organiser} />
      <main className="mx-auto flex max-w-6xl flex-col gap-4 p-6">
        <h1 className="text-2xl font-bold">{t("reports.sessions")}</h1>
        <form className="flex flex-wrap items-end gap-3 rounded-2xl bg-white p-4 shadow-sm" method="get">
          <label className="flex flex-col text-sm">
            {t("reports.from")}
            <input type="date" name="from" defaultValue={sp.from} className={field} />
          </label>
          <label className="flex flex-col text-sm">
            {t("reports.to")}
            <input type="date" name="to" defaultValue={sp.to} className={field} />
          </label>
          {organiser && (
            <label className="flex flex-col text-sm">
              {t("reports.trainer")}
              <select name="trainer" defaultValue={sp.trainer ?? ""} className={field}>
                <option value="">{t("reports.any")}</option>
                {trainers.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="flex flex-col text-sm">
            {t("reports.plan")}
            <select name="plan" defaultValue={sp.plan ?? ""} className={field}>
              <option value="">{t("reports.any")}</option>
              {planList.map((p) => (
                <option key={p.id} value={p.id}>
                  {localize(p.title, lang)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-sm">
            {t("reports.search")}
            <input name="q" defaultValue={sp.q} maxLength={100} className={field} />
          </label>
          <button type="submit" className="rounded-lg bg-brand px-4 py-2 font-semibold text-white">
            {t("reports.filter")}
          </button>
        </form>
        {organiser && <RetentionForm initialDays={retentionDays} />}
        <div className="overflow-x-auto rounded-2xl bg-white shadow-sm">
          <table className="w-full text-left text-sm" data-testid="sessions-table">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                {["date", "trainer", "plan", "participants", "notes", "duration", "status"].map((k) => (
                  <th key={k} className="px-3 py-2 font-semibold">
                    {t(`reports.${k}` as "reports.date")}
                  </th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {sessions.length === 0 && (
                <tr>
                  <td colSpan={8} className="px-3 py-6 text-center text-slate-500">
                    {t("reports.none")}
                  </td>
                </tr>
              )}
              {sessions.map((s) => (
                <tr key={s.id} className="border-b border-slate-100" data-testid="session-row" data-session-id={s.id}>
                  <td className="px-3 py-2">
                    <div className="font-medium">{s.title}</div>
                    <div className="text-xs text-slate-500">{format.dateTime(new Date(s.createdAt), { dateStyle: "medium", timeStyle: "short" })}</div>
                  </td>
                  <td className="px-3 py-2">{names.userName(s.trainerId) ?? "—"}</td>
                  <td className="px-3 py-2">{planTitle(s.planId)}</td>
                  <td className="px-3 py-2 tabular-nums">{s.participants ?? 0}</td>
                  <td className="px-3 py-2 tabular-nums">{s.notes ?? 0}</td>
                  <td className="px-3 py-2 tabular-nums">{s.endedAt ? t("reports.minutes", { count: Math.round((s.endedAt - s.createdAt) / 60_000) }) : "—"}</td>
                  <td className="px-3 py-2">{s.status === "live" ? t("reports.live") : t("reports.ended")}</td>
                  <td className="px-3 py-2">
                    <Link href={`/org/sessions/${s.id}`} className="font-semibold text-brand-dark underline">
                      {t("reports.report")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </main>
    </>
  );
}

import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { PlanActions } from "@/components/org/PlanActions";
import { isLocale } from "@/lib/domain/locales";
import { localize } from "@/lib/domain/plan";
import { requireUser } from "@/lib/server/accounts/current-user";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

/** The plan library: file templates and the organisation's own copies. */
export default async function PlansPage() {
  const user = await requireUser("/org/plans");
  if (user.role !== "organiser") notFound();
  const t = await getTranslations();
  const locale = await getLocale();
  const lang = isLocale(locale) ? locale : "en";
  const { plans } = getServices();
  return (
    <>
      <ConsoleHeader userName={user.name} isOrganiser />
      <main className="mx-auto flex max-w-5xl flex-col gap-6 p-6">
        <h1 className="text-2xl font-bold">{t("org.plans")}</h1>
        <p className="text-slate-600">{t("org.templateHint")}</p>
        {plans.fileIssues.length > 0 && (
          <section className="rounded-2xl border border-amber-300 bg-amber-50 p-4" data-testid="plan-file-issues">
            <h2 className="mb-2 font-semibold">{t("org.fileIssues")}</h2>
            <ul className="list-disc pl-5 font-mono text-sm">
              {plans.fileIssues.map((i, n) => (
                <li key={n}>
                  {i.file}
                  {i.step ? ` › ${i.step}` : ""} › {i.field}: {i.message}
                </li>
              ))}
            </ul>
          </section>
        )}
        <ul className="flex flex-col gap-3" data-testid="plan-list">
          {(await plans.list()).map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 rounded-2xl bg-white p-5 shadow-sm" data-testid="plan" data-plan-id={p.id}>
              <div>
                <p className="text-lg font-semibold">{localize(p.title, lang)}</p>
                <p className="text-sm text-slate-600">
                  <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-bold ${p.source === "file" ? "bg-slate-200" : "bg-cyan-100 text-cyan-900"}`}>
                    {p.source === "file" ? t("org.template") : t("org.custom")}
                  </span>
                  {t("org.steps", { count: p.steps })} · {t("agenda.minutes", { count: p.minutes })} · {t("org.missing", { count: p.missingTranslations })}
                  {p.basedOn ? ` · ${t("org.basedOn", { id: p.basedOn })}` : ""}
                </p>
              </div>
              <PlanActions id={p.id} source={p.source} />
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}

"use client";

import { LocaleOptions } from "@/components/ui/LocaleOptions";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { StepContent } from "@/components/agenda/StepContent";
import { QuestionsPreview } from "@/components/polls/QuestionsPreview";
import { Button } from "@/components/ui/Button";
import type { HelpInfo } from "@/lib/domain/help-contacts";
import type { Locale } from "@/lib/domain/locales";
import { localize, type Plan } from "@/lib/domain/plan";

/** Steps through a plan as the room would see it, in any of the three languages. */
export function PlanPreview({ plan, help, initialLocale }: { plan: Plan; help: HelpInfo; initialLocale: Locale }) {
  const t = useTranslations();
  const [i, setI] = useState(0);
  const [lang, setLang] = useState<Locale>(initialLocale);
  const step = plan.steps[i];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => setI(i - 1)} disabled={i === 0}>
          {t("org.previousStep")}
        </Button>
        <span data-testid="preview-position">{t("agenda.stepOf", { n: i + 1, total: plan.steps.length })}</span>
        <Button variant="secondary" onClick={() => setI(i + 1)} disabled={i === plan.steps.length - 1}>
          {t("org.nextStep")}
        </Button>
        <label className="ml-auto flex items-center gap-2 text-sm">
          {t("org.previewAs")}
          <select value={lang} onChange={(e) => setLang(e.target.value as Locale)} className="min-h-10 rounded-lg border border-slate-300 bg-white px-2">
            <LocaleOptions />
          </select>
        </label>
      </div>
      <p className="text-sm text-slate-600">
        {t(`agenda.kinds.${step.kind}`)}
        {step.groups ? ` · ${t("agenda.groupWork")}` : ""}
        {step.durationMinutes ? ` · ${t("agenda.minutes", { count: step.durationMinutes })}` : ""}
        {step.autoStartTimer && step.durationMinutes ? ` · ${t("controls.autoMark")}` : ""}
      </p>
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <figure className="flex flex-col gap-1">
          <figcaption className="text-xs font-bold text-slate-500 uppercase">{t("org.screenView")}</figcaption>
          <div className="aspect-video overflow-auto rounded-xl bg-slate-950 p-6 text-white">
            <StepContent step={step} locale={lang} help={help} size="console" />
          </div>
        </figure>
        <figure className="flex flex-col gap-1">
          <figcaption className="text-xs font-bold text-slate-500 uppercase">{t("org.phoneView")}</figcaption>
          <div className="max-h-[667px] w-full max-w-[375px] overflow-auto rounded-xl border border-slate-300 bg-white p-4">
            <StepContent step={step} locale={lang} help={help} size="phone" />
          </div>
        </figure>
      </div>
      <QuestionsPreview plan={plan} step={step} locale={lang} />
      <ol className="flex flex-col gap-1">
        {plan.steps.map((s, n) => (
          <li key={s.id}>
            <button
              type="button"
              onClick={() => setI(n)}
              aria-current={n === i ? "step" : undefined}
              className={`w-full rounded-lg px-3 py-1.5 text-left ${n === i ? "bg-brand text-white" : "hover:bg-slate-100"}`}
            >
              {n + 1}. {localize(s.title, lang)}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { Locale } from "@/lib/domain/locales";
import { localize, type Plan, type PlanStep } from "@/lib/domain/plan";
import { optionTexts, stepQuestions } from "@/lib/domain/polls";

/** A plan step's questions as an organiser previews them: the order the trainer asks them, options, right answers and explanations. */
export function QuestionsPreview({ plan, step, locale }: { plan: Plan; step: PlanStep; locale: Locale }) {
  const t = useTranslations("polls");
  const refs = stepQuestions(plan, step);
  if (refs.length === 0) return null;
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4" aria-label={t("controls.title")} data-testid="preview-questions" lang={locale}>
      <h3 className="mb-2 font-semibold">{t("controls.title")}</h3>
      <ol className="flex list-decimal flex-col gap-3 pl-5">
        {refs.map((r) => (
          <li key={r.key}>
            <p className="font-medium">
              {r.phase && <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase">{t(`controls.phase.${r.phase}`)}</span>}
              {r.phase === "retro" && `${t("retroLead")} `}
              {localize(r.question.text, locale)}
            </p>
            {r.question.type === "open" ? (
              <p className="text-sm text-slate-600">{t("yourAnswer")}</p>
            ) : (
              <ul className="text-sm">
                {optionTexts(r.question).map((o, i) => (
                  <li key={i}>
                    {localize(o, locale)}
                    {r.question.options?.[i]?.correct && <span className="ml-1 font-semibold text-emerald-700">✓ {t("controls.correct")}</span>}
                  </li>
                ))}
              </ul>
            )}
            {r.question.explanation && r.phase !== "retro" && <p className="text-sm text-slate-600">{localize(r.question.explanation, locale)}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Paragraphs } from "@/components/agenda/StepContent";
import type { HelpInfo } from "@/lib/domain/help-contacts";
import type { Locale } from "@/lib/domain/locales";
import { localize, type PlanStep } from "@/lib/domain/plan";
import { HelpContactList } from "./HelpContactList";

/**
 * The current step on a phone, what it asks first: its title, then what to do (a video's pause prompt, the help contacts, the
 * task and questions), then the step's action (`children`: the note
 * composer, the sketch pad), and its longer text last. A sketch step keeps
 * to title and question so the pad fills the screen (`fill`).
 */
export function PhoneStep({
  step,
  locale,
  help,
  pausePrompt,
  fill = false,
  children,
}: {
  step: PlanStep;
  locale: Locale;
  help: HelpInfo;
  /** A video's pause point: its discussion prompt. */
  pausePrompt?: string | null;
  /** Give the action all the height left (the sketch pad). */
  fill?: boolean;
  children?: ReactNode;
}) {
  const t = useTranslations("step");
  const prompts = step.prompts ?? [];
  const body = localize(step.body, locale);
  const task = localize(step.task, locale);
  return (
    <article className={`flex flex-col ${fill ? "min-h-0 flex-1 gap-2" : "gap-3"}`} data-testid="step" data-step-id={step.id} data-kind={step.kind} lang={locale}>
      <h2 className={`font-bold leading-tight ${fill ? "text-base" : "text-xl"}`} data-testid="step-title">
        {localize(step.title, locale)}
      </h2>
      {fill ? (
        prompts[0] && (
          <p className="text-sm leading-snug text-slate-800" data-testid="step-prompt">
            {localize(prompts[0], locale)}
          </p>
        )
      ) : (
        <>
          {pausePrompt && (
            <p className="rounded-xl bg-amber-100 p-3 text-lg font-semibold" data-testid="pause-point" role="status">
              {pausePrompt}
            </p>
          )}
          {step.kind === "help" && <HelpContactList help={help} />}
          {step.warning && (
            <aside className="rounded-xl border-2 border-amber-400 bg-amber-50 p-3 text-amber-950" data-testid="content-warning" role="note">
              <p className="font-bold">{t("contentWarning")}</p>
              <Paragraphs text={localize(step.warning, locale)} />
              <p className="mt-1 font-medium">{t("stepOut")}</p>
            </aside>
          )}
          {task && (
            <div className="rounded-xl bg-cyan-50 px-3 py-2 text-cyan-950" data-testid="step-task">
              <p className="text-xs font-semibold uppercase">{t("yourTask")}</p>
              <p className="leading-snug">{task}</p>
            </div>
          )}
          {prompts.length > 0 && (
            <section>
              {prompts.length > 1 && (
                <h3 className="mb-1 text-sm font-semibold text-slate-600" data-testid="step-questions-label">
                  {t("questions")}
                </h3>
              )}
              <ol className={`flex flex-col gap-2 ${prompts.length > 1 ? "list-decimal pl-6" : ""}`}>
                {prompts.map((p, i) => (
                  <li key={i} className="text-base font-semibold leading-snug" data-testid="step-prompt">
                    {localize(p, locale)}
                  </li>
                ))}
              </ol>
            </section>
          )}
          {body && (
            <div className="flex flex-col gap-3 text-base" data-testid="step-body">
              <Paragraphs text={body} />
            </div>
          )}
        </>
      )}
      {children}
    </article>
  );
}

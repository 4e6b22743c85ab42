"use client";

import { useTranslations } from "next-intl";
import type { HelpInfo } from "@/lib/domain/help-contacts";
import type { Locale } from "@/lib/domain/locales";
import { localize, type PlanStep } from "@/lib/domain/plan";

/** Plain-text paragraphs: plan texts are never rendered as HTML. */
export function Paragraphs({ text, className = "" }: { text: string; className?: string }) {
  if (!text) return null;
  return (
    <>
      {text.split(/\n\s*\n/).map((para, i) => (
        <p key={i} className={`whitespace-pre-line ${className}`}>
          {para}
        </p>
      ))}
    </>
  );
}

const look = {
  screen: { title: "text-[4.2vw] leading-tight font-bold", body: "text-[2.2vw] leading-snug", prompt: "text-[2.4vw] font-semibold", box: "gap-[1.6vw]" },
  phone: { title: "text-2xl font-bold", body: "text-base", prompt: "text-lg font-semibold", box: "gap-3" },
  console: { title: "text-xl font-bold", body: "text-sm", prompt: "text-base font-semibold", box: "gap-2" },
};

function screenBodySize(chars: number): string {
  if (chars > 1400) return "text-[1.45vw] leading-snug";
  if (chars > 900) return "text-[1.7vw] leading-snug";
  if (chars > 500) return "text-[1.95vw] leading-snug";
  return look.screen.body;
}

/**
 * One plan step as the screen, a phone or the console shows it, in the
 * given language (English where a translation is missing).
 */
export function StepContent({ step, locale, help, size }: { step: PlanStep; locale: Locale; help: HelpInfo; size: keyof typeof look }) {
  const t = useTranslations("step");
  const body = localize(step.body, locale);
  // A long story must still fit one projector screen: smaller type, not a cut-off page.
  const l = size === "screen" ? { ...look.screen, body: screenBodySize(body.length + (step.warning ? 200 : 0)) } : look[size];
  const showTask = size === "phone" && step.task;
  return (
    <article className={`flex flex-col ${l.box}`} data-testid="step" data-step-id={step.id} data-kind={step.kind} lang={locale}>
      <h2 className={l.title} data-testid="step-title">
        {localize(step.title, locale)}
      </h2>
      {step.warning && (
        <aside className={`rounded-xl border-2 border-amber-400 bg-amber-50 p-3 text-amber-950 ${size === "screen" ? "text-[1.4vw]" : ""}`} data-testid="content-warning" role="note">
          <p className="font-bold">{t("contentWarning")}</p>
          <Paragraphs text={localize(step.warning, locale)} />
          <p className="mt-1 font-medium">{t("stepOut")}</p>
        </aside>
      )}
      {showTask && (
        <div className="rounded-xl bg-cyan-50 p-3 text-cyan-950" data-testid="step-task">
          <p className="text-sm font-semibold uppercase">{t("yourTask")}</p>
          <p className="text-lg">{localize(step.task, locale)}</p>
        </div>
      )}
      <div className={`flex flex-col gap-[0.8em] ${l.body}`} data-testid="step-body">
        <Paragraphs text={body} />
      </div>
      {step.prompts && step.prompts.length > 0 && (
        <section>
          <h3 className="mb-1 font-semibold opacity-80">{t("questions")}</h3>
          <ol className="flex list-decimal flex-col gap-2 pl-[1.4em]">
            {step.prompts.map((p, i) => (
              <li key={i} className={l.prompt} data-testid="step-prompt">
                {localize(p, locale)}
              </li>
            ))}
          </ol>
        </section>
      )}
      {step.kind === "help" && <HelpContacts help={help} size={size} />}
    </article>
  );
}

function HelpContacts({ help, size }: { help: HelpInfo; size: keyof typeof look }) {
  const t = useTranslations("step");
  const big = size === "screen";
  return (
    <section data-testid="help-contacts" data-examples={help.examples}>
      {help.examples && (
        <p className={`mb-2 rounded-lg border-2 border-dashed border-rose-400 p-2 font-semibold text-rose-600 ${big ? "text-[1.5vw]" : ""}`} data-testid="help-examples">
          {t("helpExamples")}
        </p>
      )}
      <ul className={`grid gap-3 ${big ? "grid-cols-2" : ""}`}>
        {help.contacts.map((c, i) => (
          <li key={i} className="rounded-xl border border-current/20 p-3" data-testid="help-contact">
            <p className={big ? "text-[2.2vw] font-bold" : "font-bold"}>{c.name}</p>
            <p className={big ? "text-[3.4vw] font-black tracking-wide" : "text-2xl font-black"}>
              {size === "phone" && !help.examples ? <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`}>{c.phone}</a> : c.phone}
            </p>
            {c.hours && (
              <p className={big ? "text-[1.6vw]" : "text-sm"}>
                {t("hours")}: {c.hours}
              </p>
            )}
            {c.helpsWith && <p className={big ? "text-[1.6vw]" : "text-sm"}>{c.helpsWith}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { isDialable, type HelpInfo } from "@/lib/domain/help-contacts";
import { ContactCheck } from "@/components/safeguarding/ContactCheck";
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
  // The projector sizes everything in em: FitToBox picks the body size that fills the screen.
  screen: { title: "text-[1.75em] leading-tight font-bold", body: "leading-snug", prompt: "text-[1.05em] font-semibold leading-snug", box: "gap-[0.7em]", label: "text-[1em] font-semibold uppercase tracking-wide opacity-80" },
  phone: { title: "text-2xl font-bold", body: "text-base", prompt: "text-lg font-semibold", box: "gap-3", label: "mb-1 font-semibold opacity-80" },
  console: { title: "text-xl font-bold", body: "text-sm", prompt: "text-base font-semibold", box: "gap-2", label: "mb-1 font-semibold opacity-80" },
};

/**
 * One plan step as the screen, a phone or the console shows it, in the
 * given language (English where a translation is missing).
 */
export function StepContent({ step, locale, help, size }: { step: PlanStep; locale: Locale; help: HelpInfo; size: keyof typeof look }) {
  const t = useTranslations("step");
  const body = localize(step.body, locale);
  const l = look[size];
  const big = size === "screen";
  const showTask = size === "phone" && step.task;
  return (
    <article className={`flex flex-col ${l.box}`} data-testid="step" data-step-id={step.id} data-kind={step.kind} lang={locale}>
      <h2 className={l.title} data-testid="step-title">
        {localize(step.title, locale)}
      </h2>
      {step.warning && (
        <aside className={`rounded-xl border-2 border-amber-400 bg-amber-50 text-amber-950 ${big ? "break-inside-avoid p-[0.5em] text-[1em] leading-snug" : "p-3"}`} data-testid="content-warning" role="note">
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
      <div className={`flex flex-col ${big ? "gap-[0.6em]" : "gap-[0.8em]"} ${l.body}`} data-testid="step-body">
        <Paragraphs text={body} />
      </div>
      {step.prompts && step.prompts.length > 0 && (
        <section>
          <h3 className={l.label} data-testid="step-questions-label">
            {t("questions")}
          </h3>
          <ol className={`flex list-decimal flex-col pl-[1.4em] ${big ? "gap-[0.35em]" : "gap-2"}`}>
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
  // Examples are the app's own placeholders, so they speak the viewer's language; real contacts stay as the organiser entered them.
  const shown = help.examples
    ? help.contacts.map((c, i) =>
        i === 0
          ? { ...c, name: t("example1Name"), hours: t("example1Hours"), helpsWith: t("example1HelpsWith") }
          : i === 1
            ? { ...c, name: t("example2Name"), hours: t("example2Hours"), helpsWith: t("example2HelpsWith") }
            : c,
      )
    : help.contacts;
  return (
    <section data-testid="help-contacts" data-examples={help.examples}>
      {help.examples && (
        <p className={`mb-2 rounded-lg border-2 border-dashed border-rose-400 p-2 font-semibold text-rose-600 ${big ? "text-[1em]" : ""}`} data-testid="help-examples">
          {t("helpExamples")}
        </p>
      )}
      <ul className={`grid ${big ? "grid-cols-2 gap-[0.5em]" : "gap-3"}`}>
        {shown.map((c, i) => (
          <li key={i} className={`rounded-xl border border-current/20 ${big ? "break-inside-avoid p-[0.5em]" : "p-3"}`} data-testid="help-contact">
            <p className={big ? "text-[1.15em] font-bold" : "font-bold"}>{c.name}</p>
            <p className={big ? "text-[1.7em] leading-tight font-black tracking-wide" : "text-2xl font-black"}>
              {size === "phone" && isDialable(c, help) ? <a href={`tel:${c.phone.replace(/[^\d+]/g, "")}`}>{c.phone}</a> : c.phone}
            </p>
            {c.hours && (
              <p className={big ? "text-[1em]" : "text-sm"}>
                {t("hours")}: {c.hours}
              </p>
            )}
            {c.helpsWith && <p className={big ? "text-[1em]" : "text-sm"}>{c.helpsWith}</p>}
            <ContactCheck contact={c} examples={help.examples} className={big ? "text-[0.8em] opacity-80" : "text-xs opacity-80"} />
          </li>
        ))}
      </ul>
    </section>
  );
}

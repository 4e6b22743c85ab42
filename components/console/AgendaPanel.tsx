"use client";

import type { StaffAction } from "@/lib/client/live-connection";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { StepContent } from "@/components/agenda/StepContent";
import { Button } from "@/components/ui/Button";
import { localize } from "@/lib/domain/plan";
import type { SessionState } from "@/lib/domain/session-state";

export type AgendaAction = StaffAction<"agenda:goto" | "timer:reset" | "timer:configure">;

/**
 * The step on now, as the room sees it (in the session's language), and
 * what comes next. Moving on and running the timer are in the sticky bar;
 * the whole plan is in `AgendaSteps`, the timer's options in `TimerOptions`.
 */
export function AgendaPanel({ session, compact, footer }: { session: SessionState; compact: boolean; /** Under the step's text: e.g. the projector's page controls. */ footer?: React.ReactNode }) {
  const t = useTranslations();
  const plan = session.plan;
  if (!plan) return null;
  const lang = session.language;
  const i = session.stepIndex;
  const current = i >= 0 ? plan.steps[i] : null;
  const next = plan.steps[i + 1] ?? null;

  return (
    <section className="flex flex-col gap-2 rounded-2xl bg-white p-3 shadow-sm" aria-labelledby="agenda-heading" data-testid="agenda-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 px-1">
        <h2 id="agenda-heading" className="text-xs font-bold text-brand-dark uppercase">
          {t("agenda.current")}
          {current && (
            <span className="ml-2 font-semibold text-slate-500 normal-case">
              {t(`agenda.kinds.${current.kind}`)}
              {current.durationMinutes ? ` · ${t("agenda.minutes", { count: current.durationMinutes })}` : ""}
              {current.groups ? ` · ${t("agenda.groupWork")}` : ""}
              {current.autoStartTimer && current.durationMinutes ? ` · ${t("controls.autoMark")}` : ""}
            </span>
          )}
        </h2>
        <p className="min-w-0 truncate text-sm text-slate-600" data-testid="agenda-next-up">
          <span className="font-semibold">{t("agenda.upNext")}:</span>{" "}
          {next ? (
            <>
              {localize(next.title, lang)}
              <span className="text-slate-500">
                {" "}
                ({t(`agenda.kinds.${next.kind}`)}
                {next.durationMinutes ? ` · ${t("agenda.minutes", { count: next.durationMinutes })}` : ""})
              </span>
            </>
          ) : (
            t("agenda.lastStep")
          )}
        </p>
      </div>
      {/* While the room works (notes, groups, sketches, video), the step's text gives them the room below it. */}
      <div
        className={`relative overflow-y-auto rounded-xl border-2 border-brand p-3 ${compact ? "max-h-[30vh] lg:max-h-[21vh]" : "max-h-[60vh]"}`}
        data-testid="agenda-current"
        tabIndex={0}
        aria-label={t("agenda.current")}
      >
        {current ? <StepContent step={current} locale={lang} help={session.help} size="console" /> : <p>{t("agenda.notStarted")}</p>}
      </div>
      {footer}
    </section>
  );
}

/** The session's timer options: start every step's timer by itself, a tone on the projector, and reset the step's timer. */
export function TimerOptions({ session, onAction, busy }: { session: SessionState; onAction: (a: AgendaAction) => Promise<boolean>; busy: boolean }) {
  const t = useTranslations();
  const ended = session.status === "ended";
  const { autoStart, sound } = session.timerSettings;
  // A box ticks at once; the session's own setting takes over when its event arrives (or on a refusal).
  const [draft, setDraft] = useState<{ autoStart?: boolean; sound?: boolean }>({});
  useEffect(() => setDraft({}), [autoStart, sound]);
  async function configure(patch: { autoStart?: boolean; sound?: boolean }) {
    setDraft((d) => ({ ...d, ...patch }));
    if (!(await onAction({ type: "timer:configure", ...patch }))) setDraft({});
  }
  return (
    <div className="flex flex-col text-sm leading-tight" data-testid="timer-options" role="group" aria-label={t("timer.label")}>
      <label className="flex min-h-8 cursor-pointer items-center gap-2">
        <input type="checkbox" className="size-4 shrink-0 accent-brand" checked={draft.autoStart ?? autoStart} disabled={ended} onChange={(e) => void configure({ autoStart: e.target.checked })} />
        {t("controls.autoStart")}
      </label>
      <label className="flex min-h-8 cursor-pointer items-center gap-2">
        <input type="checkbox" className="size-4 shrink-0 accent-brand" checked={draft.sound ?? sound} disabled={ended} onChange={(e) => void configure({ sound: e.target.checked })} />
        {t("controls.sound")}
      </label>
      {session.stepIndex >= 0 && (
        <Button variant="secondary" className="min-h-9 self-start px-3 py-1 text-sm" onClick={() => void onAction({ type: "timer:reset" })} disabled={busy || ended}>
          {t("controls.resetTimer")}
        </Button>
      )}
    </div>
  );
}

/** Every step of the plan: the one on now is marked; a click goes to any step. */
export function AgendaSteps({ session, onAction, busy }: { session: SessionState; onAction: (a: AgendaAction) => Promise<boolean>; busy: boolean }) {
  const t = useTranslations();
  const plan = session.plan;
  if (!plan) return null;
  const lang = session.language;
  const i = session.stepIndex;
  const ended = session.status === "ended";
  return (
    <section className="flex min-h-64 flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm lg:flex-1" aria-labelledby="agenda-steps-heading">
      <h2 id="agenda-steps-heading" className="truncate font-semibold" title={localize(plan.title, lang)}>
        {t("agenda.title")}: <span className="font-normal">{localize(plan.title, lang)}</span>
      </h2>
      <TimerOptions session={session} onAction={onAction} busy={busy} />
      <ol className="relative flex max-h-[50vh] min-h-0 flex-col gap-0.5 overflow-y-auto lg:max-h-none lg:flex-1" data-testid="agenda-steps">
        {plan.steps.map((s, n) => (
          <li key={s.id}>
            <button
              type="button"
              onClick={() => void onAction({ type: "agenda:goto", index: n })}
              disabled={busy || ended}
              aria-current={n === i ? "step" : undefined}
              aria-label={t("agenda.jumpTo", { n: n + 1, title: localize(s.title, lang) })}
              className={`flex min-h-10 w-full items-center gap-2 rounded-lg px-2 py-1 text-left text-sm ${n === i ? "bg-brand text-white" : "hover:bg-slate-100"}`}
            >
              <span className="w-5 shrink-0 text-right tabular-nums opacity-70">{n + 1}</span>
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{localize(s.title, lang)}</span>
                <span className="block truncate text-xs opacity-75">
                  {t(`agenda.kinds.${s.kind}`)}
                  {s.groups ? ` · ${t("agenda.groupWork")}` : ""}
                  {s.durationMinutes ? ` · ${t("agenda.minutes", { count: s.durationMinutes })}` : ""}
                  {s.autoStartTimer && s.durationMinutes ? ` · ${t("controls.autoMark")}` : ""}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

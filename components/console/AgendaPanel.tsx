"use client";

import type { StaffAction } from "@/lib/client/live-connection";
import { useTranslations } from "next-intl";
import { Countdown } from "@/components/agenda/Countdown";
import { StepContent } from "@/components/agenda/StepContent";
import { Button } from "@/components/ui/Button";
import { localize } from "@/lib/domain/plan";
import type { SessionState } from "@/lib/domain/session-state";

export type AgendaAction = StaffAction<"agenda:goto" | "timer:start" | "timer:pause" | "timer:extend" | "timer:reset">;

/**
 * The trainer's agenda: where we are, what comes next, jump anywhere, and
 * the step timer. Texts in the session's language, as the room sees them.
 */
export function AgendaPanel({ session, clockOffset, onAction, busy }: { session: SessionState; clockOffset: number; onAction: (a: AgendaAction) => void; busy: boolean }) {
  const t = useTranslations();
  const plan = session.plan;
  if (!plan) return null;
  const lang = session.language;
  const i = session.stepIndex;
  const current = i >= 0 ? plan.steps[i] : null;
  const next = plan.steps[i + 1] ?? null;
  const ended = session.status === "ended";
  const timer = session.timer;

  return (
    <section className="flex flex-col gap-4 rounded-2xl bg-white p-6 shadow-sm" aria-labelledby="agenda-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="agenda-heading" className="text-lg font-semibold">
          {t("agenda.title")}: {localize(plan.title, lang)}
        </h2>
        <span className="text-sm text-slate-600" data-testid="step-position">
          {i >= 0 ? t("agenda.stepOf", { n: i + 1, total: plan.steps.length }) : t("agenda.notStarted")}
        </span>
      </div>

      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => onAction({ type: "agenda:goto", index: i - 1 })} disabled={busy || ended || i < 0}>
          {i === 0 ? t("agenda.backToJoin") : t("agenda.previous")}
        </Button>
        <Button onClick={() => onAction({ type: "agenda:goto", index: i + 1 })} disabled={busy || ended || !next} data-testid="agenda-next">
          {i < 0 ? t("agenda.start") : t("agenda.next")}
        </Button>
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <div className="rounded-xl border-2 border-brand p-4" data-testid="agenda-current">
          <p className="mb-1 text-xs font-bold text-brand-dark uppercase">{t("agenda.current")}</p>
          {current ? <StepContent step={current} locale={lang} help={session.help} size="console" /> : <p>{t("agenda.notStarted")}</p>}
        </div>
        <div className="rounded-xl border border-slate-200 p-4" data-testid="agenda-next-up">
          <p className="mb-1 text-xs font-bold text-slate-500 uppercase">{t("agenda.upNext")}</p>
          {next ? (
            <>
              <p className="font-semibold">{localize(next.title, lang)}</p>
              <p className="text-sm text-slate-600">
                {t(`agenda.kinds.${next.kind}`)}
                {next.durationMinutes ? ` · ${t("agenda.minutes", { count: next.durationMinutes })}` : ""}
              </p>
            </>
          ) : (
            <p className="text-slate-600">{t("agenda.lastStep")}</p>
          )}
        </div>
      </div>

      {current && (
        <div className="flex flex-wrap items-center gap-3 rounded-xl bg-slate-50 p-4" role="group" aria-label={t("timer.label")}>
          <Countdown timer={timer} clockOffset={clockOffset} size="console" />
          <div className="flex flex-wrap gap-2">
            {timer.status === "running" ? (
              <Button variant="secondary" onClick={() => onAction({ type: "timer:pause" })} disabled={busy || ended}>
                {t("timer.pause")}
              </Button>
            ) : (
              <Button onClick={() => onAction({ type: "timer:start" })} disabled={busy || ended || (timer.durationMs <= 0 && timer.remainingMs <= 0)}>
                {t("timer.start")}
              </Button>
            )}
            <Button variant="secondary" onClick={() => onAction({ type: "timer:extend", seconds: 60 })} disabled={busy || ended}>
              {t("timer.addMinute")}
            </Button>
            <Button variant="secondary" onClick={() => onAction({ type: "timer:reset" })} disabled={busy || ended}>
              {t("timer.reset")}
            </Button>
          </div>
        </div>
      )}

      <ol className="flex flex-col gap-1" data-testid="agenda-steps">
        {plan.steps.map((s, n) => (
          <li key={s.id}>
            <button
              type="button"
              onClick={() => onAction({ type: "agenda:goto", index: n })}
              disabled={busy || ended}
              aria-current={n === i ? "step" : undefined}
              aria-label={t("agenda.jumpTo", { n: n + 1, title: localize(s.title, lang) })}
              className={`flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left ${n === i ? "bg-brand text-white" : "hover:bg-slate-100"}`}
            >
              <span className="w-6 text-right tabular-nums opacity-70">{n + 1}</span>
              <span className="flex-1">{localize(s.title, lang)}</span>
              <span className="text-xs opacity-70">
                {t(`agenda.kinds.${s.kind}`)}
                {s.groups ? ` · ${t("agenda.groupWork")}` : ""}
                {s.durationMinutes ? ` · ${t("agenda.minutes", { count: s.durationMinutes })}` : ""}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

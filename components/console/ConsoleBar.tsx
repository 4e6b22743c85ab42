"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { Countdown } from "@/components/agenda/Countdown";
import { Button } from "@/components/ui/Button";
import { ConnectionBadge } from "@/components/ui/ConnectionBadge";
import type { ConnectionState } from "@/lib/client/live-store";
import { localize } from "@/lib/domain/plan";
import { currentStep, type SessionState } from "@/lib/domain/session-state";
import { ShortcutsHelp } from "./ShortcutsHelp";
import type { ControlAction, StepControls } from "./step-controls";

/** Clicking a bar button leaves focus where it was, so Space keeps meaning "timer" rather than "press that button again". */
const keepFocus = (e: React.MouseEvent) => e.preventDefault();

/**
 * The console's sticky bar, always in view: previous and next step, where we
 * are, the step timer and, on a video step, the video's play and pause.
 * On a phone used as a remote it wraps onto two rows.
 */
export function ConsoleBar({
  session,
  controls,
  clockOffset,
  connection,
  busy,
  onAction,
  helpOpen,
  onHelpOpen,
}: {
  session: SessionState | null;
  controls: StepControls | null;
  clockOffset: number;
  connection: ConnectionState;
  busy: boolean;
  onAction: (a: ControlAction) => void;
  helpOpen: boolean;
  onHelpOpen: (open: boolean) => void;
}) {
  const t = useTranslations();
  const ids = useId();
  const plan = session?.plan ?? null;
  const i = session?.stepIndex ?? -1;
  const step = session ? currentStep(session) : null;
  const c = controls;
  const run = (a: ControlAction | null | undefined) => a && onAction(a);

  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-2 border-b border-slate-300 bg-white/95 px-3 py-2 shadow-sm backdrop-blur sm:gap-x-3 lg:flex-nowrap lg:px-4" data-testid="console-bar" role="toolbar" aria-label={t("controls.barLabel")}>
      {plan && (
        <div className="order-1 flex shrink-0 gap-2 lg:order-none" data-testid="bar-agenda">
          <Button
            variant="secondary"
            onMouseDown={keepFocus}
            onClick={() => run(c?.previous)}
            disabled={busy || !c?.previous}
            title={i === 0 ? t("agenda.backToJoin") : undefined}
            className="px-3"
            data-testid="agenda-previous"
          >
            <span aria-hidden>←</span>
            <span className="sr-only sm:not-sr-only sm:ml-1.5 lg:sr-only 2xl:not-sr-only 2xl:ml-1.5">{i === 0 ? t("agenda.backToJoin") : t("agenda.previous")}</span>
          </Button>
          <Button onMouseDown={keepFocus} onClick={() => run(c?.next)} disabled={busy || !c?.next} data-testid="agenda-next" className="px-3">
            {i < 0 ? t("agenda.start") : t("agenda.next")}
            <span aria-hidden className="ml-1.5">
              →
            </span>
          </Button>
        </div>
      )}

      <div className="order-2 min-w-0 flex-1 lg:order-none">
        {plan ? (
          <p className="line-clamp-2 text-xs leading-tight sm:text-sm lg:line-clamp-none lg:flex lg:items-baseline">
            <span className="font-semibold text-slate-600 lg:shrink-0 lg:whitespace-nowrap" data-testid="step-position">
              {i >= 0 ? t("agenda.stepOf", { n: i + 1, total: plan.steps.length }) : t("agenda.notStarted")}
            </span>
            {step && (
              <>
                <span className="text-slate-400 lg:shrink-0 lg:whitespace-pre"> · </span>
                <span className="font-bold lg:min-w-0 lg:truncate" data-testid="bar-step-title">
                  {localize(step.title, session!.language)}
                </span>
              </>
            )}
          </p>
        ) : (
          <p className="truncate font-bold" data-testid="bar-session-title">
            {session?.title ?? "…"}
          </p>
        )}
      </div>

      {step && session && (
        <div className="order-5 flex min-w-0 flex-wrap items-center gap-2 lg:order-none lg:shrink-0 lg:flex-nowrap" role="group" aria-label={t("timer.label")} data-testid="bar-timer">
          <Countdown timer={session.timer} clockOffset={clockOffset} size="bar" />
          {session.timer.status === "running" ? (
            <Button variant="secondary" onMouseDown={keepFocus} onClick={() => run(c?.timer)} disabled={busy || !c?.timer} className="px-3">
              {t("controls.pauseTimer")}
            </Button>
          ) : (
            <Button onMouseDown={keepFocus} onClick={() => run(c?.timer)} disabled={busy || !c?.timer} className="px-3">
              {t("timer.start")}
            </Button>
          )}
          <Button variant="secondary" onMouseDown={keepFocus} onClick={() => run(c?.extend)} disabled={busy || !c?.extend} className="px-3">
            <span aria-hidden className="sm:hidden">
              +1
            </span>
            <span className="sr-only sm:not-sr-only">{t("timer.addMinute")}</span>
          </Button>
        </div>
      )}

      {step?.kind === "video" && session && (
        <div className="order-6 flex min-w-0 items-center gap-2 lg:order-none lg:shrink-0" data-testid="bar-video">
          <Button
            onMouseDown={keepFocus}
            onClick={() => run(c?.video)}
            disabled={busy || !c?.video}
            aria-describedby={c?.videoNeedsWarning ? `${ids}-warn` : undefined}
            className="px-3"
          >
            <span aria-hidden className="mr-1.5">
              {session.video.playing ? "❚❚" : "▶"}
            </span>
            {session.video.playing ? t("video.pause") : session.video.pausePoint !== null ? t("video.resume") : t("video.play")}
          </Button>
          {c?.videoNeedsWarning && (
            <span id={`${ids}-warn`} className="hidden max-w-40 text-xs leading-tight text-amber-800 2xl:inline">
              {t("controls.warningFirst")}
            </span>
          )}
        </div>
      )}

      {/* On a phone: where we are and the connection on the first row, the timer and video on the next. */}
      <div className="order-3 ml-auto flex shrink-0 items-center gap-2 lg:order-none max-sm:[&_[data-testid=connection]]:gap-0 max-sm:[&_[data-testid=connection]]:px-1.5 max-sm:[&_[data-testid=connection]]:py-1.5 max-sm:[&_[data-testid=connection]]:text-[0px]">
        <ShortcutsHelp open={helpOpen} onOpen={onHelpOpen} hasVideo={step?.kind === "video"} />
        <ConnectionBadge state={connection} />
      </div>
      {step && <div aria-hidden className="order-4 basis-full lg:hidden" />}
    </div>
  );
}

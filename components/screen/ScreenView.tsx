"use client";

import { useTranslations } from "next-intl";
import { Countdown } from "@/components/agenda/Countdown";
import { playTimeUpTone, useSoundUnlock } from "@/components/agenda/time-up-sound";
import { StepContent } from "@/components/agenda/StepContent";
import { QrCode } from "@/components/session/QrCode";
import { useLive, useLiveSession } from "@/components/session/useLiveSession";
import { ConnectionBadge } from "@/components/ui/ConnectionBadge";
import { FitToBox } from "@/components/ui/FitToBox";
import { manualPage } from "./screen-type";
import { PollResults } from "@/components/polls/PollResults";
import { currentQuestion } from "@/lib/domain/polls";
import { LockIcon } from "@/components/ui/LockIcon";
import { GroupCards } from "@/components/groups/GroupCards";
import { GroupStrip } from "@/components/screen/GroupStrip";
import { Wall } from "@/components/board/Wall";
import { SketchGallery } from "@/components/sketch/SketchGallery";
import { VideoStage } from "@/components/video/VideoStage";
import { NOTE_STEP_KINDS } from "@/lib/domain/board";
import { localize } from "@/lib/domain/plan";
import { currentStep, participantCount } from "@/lib/domain/session-state";
import type { QrShape } from "@/lib/server/qr";

/**
 * The projector: no input, read from the back of a hall. Large type, high
 * contrast, and the join code always visible for late joiners.
 */
export function ScreenView({ sessionId, screenKey, joinUrl, qr }: { sessionId: string; screenKey?: string; joinUrl: string; qr: QrShape }) {
  const t = useTranslations("screen");
  const tr = useTranslations("room");
  const { store } = useLiveSession({ kind: "screen", sessionId, screenKey });
  const session = useLive(store, (s) => s.session);
  const state = useLive(store, (s) => s.connection);
  const clockOffset = useLive(store, (s) => s.clockOffset);
  const online = useLive(store, (s) => s.online);
  const liveStrokes = useLive(store, (s) => s.liveStrokes);
  const pollResults = useLive(store, (s) => s.pollResults);
  const count = session ? participantCount(session) : 0;
  const joinHost = joinUrl.replace(/^https?:\/\//, "");
  const step = session ? currentStep(session) : null;
  const wallStep = !!step && (NOTE_STEP_KINDS as readonly string[]).includes(step.kind);
  const showWall = !!session && session.noteOrder.length > 0 && (wallStep || !session.plan);
  // Locked or at its cap, the code lets nobody in: the projector says so instead of showing it.
  const closed: Closed = !session ? null : session.room.locked ? "locked" : session.room.cap !== null && count >= session.room.cap ? "full" : null;
  const closedText = closed === "locked" ? { title: tr("screenClosed"), hint: tr("screenClosedHint") } : { title: tr("screenFull"), hint: "" };
  const showGallery = !!session && step?.kind === "sketch" && (session.sketchOrder.length > 0 || Object.keys(liveStrokes).length > 0);
  // The wall and the gallery take every pixel they can: less margin, the head count in the side column.
  const stage = !!session && session.status !== "ended" && (showGallery || showWall);
  const joined = (
    <span data-testid="screen-participant-count" data-count={count}>
      {t("joined", { count })}
    </span>
  );

  return (
    <main className={`flex h-dvh flex-col overflow-hidden bg-slate-950 text-white ${stage ? "px-[1.6vw] py-[1.2vw]" : "p-[2.5vw]"}`}>
      <header className="flex shrink-0 items-start justify-between gap-6" data-testid="region-header">
        <h1 className={`${step ? "truncate text-[max(1.8vw,2.6vh)] text-slate-300" : "text-[4vw]"} min-w-0 leading-tight font-bold`} data-testid="session-title">
          {session?.title ?? ""}
        </h1>
        <ConnectionBadge state={state} className="shrink-0" />
      </header>
      {session?.status === "ended" ? (
        <p className="m-auto text-[5vw] font-bold" data-testid="session-ended">
          {t("ended")}
        </p>
      ) : (showGallery || showWall) && session ? (
        <section className="flex min-h-0 flex-1 gap-[1.6vw] pt-[0.6vw]">
          <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-[0.8vw]">
            {step && (
              <div className="shrink-0" data-testid="region-step-title">
                <h2 className="line-clamp-2 text-[max(2.6vw,4vh)] leading-tight font-bold" data-testid="step-title">
                  {localize(step.title, session.language)}
                </h2>
                {step.prompts?.[0] && !showGallery && <p className="line-clamp-2 text-[max(1.6vw,2.6vh)] leading-snug text-slate-300">{localize(step.prompts[0], session.language)}</p>}
              </div>
            )}
            <div className="min-h-0 flex-1" data-testid={showGallery ? "region-gallery" : "region-wall"}>
              {showGallery ? <SketchGallery session={session} live={liveStrokes} /> : <Wall session={session} clockOffset={clockOffset} />}
            </div>
          </div>
          <aside className="flex w-[max(15vw,11rem)] shrink-0 flex-col items-center gap-[1.5vw] text-center">
            {step && <TimerRegion timer={session.timer} clockOffset={clockOffset} sound={session.timerSettings.sound} />}
            <CornerJoin qr={qr} joinUrl={joinUrl} joinHost={joinHost} code={session.code} closed={closed} closedTitle={closedText.title} />
            <p className="shrink-0 text-[max(1.4vw,2.6vh)] leading-tight font-semibold" aria-live="polite" data-testid="region-count">
              {joined}
            </p>
          </aside>
        </section>
      ) : step && session && step.kind === "video" && step.media && (!step.warning || session.video.warningConfirmed === step.id) ? (
        <section className="flex min-h-0 flex-1 gap-[2vw] pt-[1vw]">
          <div className="flex min-h-0 flex-1 flex-col gap-[0.6vw]">
            <h2 className="text-[2vw] font-bold" data-testid="step-title">
              {localize(step.title, session.language)}
            </h2>
            <div className="min-h-0 flex-1">
              <VideoStage step={step} video={session.video} clockOffset={clockOffset} language={session.language} />
            </div>
          </div>
          <aside className="flex w-[13vw] shrink-0 flex-col items-center gap-[1.5vw] text-center">
            <CornerJoin qr={qr} joinUrl={joinUrl} joinHost={joinHost} code={session.code} closed={closed} closedTitle={closedText.title} />
          </aside>
        </section>
      ) : step && session ? (
        <section className="flex min-h-0 flex-1 gap-[3vw] pt-[1vw]">
          <div className="min-h-0 min-w-0 flex-1" data-testid="region-content">
            {/* A question the trainer has opened shows its live results; otherwise the step's text, fitted. */}
            {currentQuestion(session.plan, step.id, session.polls) ? (
              <PollResults session={session} results={pollResults} />
            ) : (
              <FitToBox watch={`${step.id}:${session.language}`} testId="step-fit" page={manualPage(session.board, step.id)}>
                <StepContent step={step} locale={session.language} help={session.help} size="screen" />
              </FitToBox>
            )}
          </div>
          <aside className="flex w-[max(17vw,11rem)] shrink-0 flex-col items-center gap-[1.5vw] text-center">
            <TimerRegion timer={session.timer} clockOffset={clockOffset} sound={session.timerSettings.sound} />
            <CornerJoin qr={qr} joinUrl={joinUrl} joinHost={joinHost} code={session.code} closed={closed} closedTitle={closedText.title} />
          </aside>
        </section>
      ) : closed ? (
        <section className="m-auto flex max-w-[80vw] flex-col items-center gap-[2vw] text-center" data-testid={`session-${closed}`} role="status">
          {closed === "locked" && <LockIcon className="size-[9vw] text-yellow-300" />}
          <p className="text-[6vw] leading-tight font-black text-yellow-300">{closedText.title}</p>
          {closedText.hint && <p className="text-[2.6vw] text-slate-200">{closedText.hint}</p>}
        </section>
      ) : (
        <section className="m-auto flex flex-wrap items-center justify-center gap-[4vw]">
          <div className="flex flex-col gap-[1.5vw]">
            <p className="text-[2.6vw]">{t("joinAt")}</p>
            <p className="text-[3.6vw] font-bold break-all text-cyan-300" data-testid="join-url">
              {joinHost}
            </p>
            <p className="text-[2.6vw]">{t("withCode")}</p>
            <p data-testid="join-code" className="font-mono text-[9vw] leading-none font-black tracking-[0.15em] text-yellow-300">
              {session?.code ?? ""}
            </p>
          </div>
          <div className="flex flex-col items-center gap-[1vw]">
            <p className="text-[2vw]">{t("scan")}</p>
            <QrCode shape={qr} label={`${joinUrl}`} className="w-[28vw] max-w-[70vh] rounded-xl" />
          </div>
        </section>
      )}
      {/* The wall and the gallery show the groups themselves; elsewhere the cards get their own strip. */}
      {session && session.status !== "ended" && !showWall && !showGallery && session.groupOrder.length > 0 && (
        <GroupStrip watch={`${session.groupOrder.join()}:${JSON.stringify(session.groupSizes)}:${JSON.stringify(session.groupDone)}:${Object.keys(session.groupTimers).join()}`}>
          <GroupCards session={session} online={new Set(online)} clockOffset={clockOffset} />
        </GroupStrip>
      )}
      {!stage && (
        <footer className="shrink-0 pt-[1vw] text-center text-[max(2vw,2.6vh)] leading-tight font-semibold" aria-live="polite" data-testid="region-footer">
          {joined}
        </footer>
      )}
    </main>
  );
}

type Closed = "locked" | "full" | null;

/** The step timer in its own region of the side column; when time is up it says so, and sounds a tone if the session asks. */
function TimerRegion({ timer, clockOffset, sound }: { timer: Parameters<typeof Countdown>[0]["timer"]; clockOffset: number; sound: boolean }) {
  const t = useTranslations("controls");
  const { locked, unlock } = useSoundUnlock(sound);
  if (timer.durationMs <= 0 && timer.status === "idle") return null;
  return (
    // Sized to the side column (the Countdown's "screen" size), never wider than it.
    <div className="flex w-full shrink-0 flex-col items-center gap-[0.4vw] text-center" data-testid="region-timer">
      <Countdown timer={timer} clockOffset={clockOffset} size="screen" onTimeUp={sound ? playTimeUpTone : undefined} />
      {sound && locked && (
        <button type="button" onClick={unlock} className="rounded-lg border border-slate-600 px-[0.6vw] py-[0.3vw] text-[max(1vw,1.6vh)] text-slate-300" data-testid="time-up-sound-unlock">
          {t("soundUnlock")}
        </button>
      )}
    </div>
  );
}

/** The join code and QR in a corner: late joiners can always find them (unless joining is closed). */
function CornerJoin({ qr, joinUrl, joinHost, code, closed, closedTitle }: { qr: QrShape; joinUrl: string; joinHost: string; code: string; closed: Closed; closedTitle: string }) {
  if (closed) {
    return (
      <div className="mt-auto flex flex-col items-center gap-[0.6vw] rounded-xl bg-slate-900 p-[1vw]" data-testid={`session-${closed}`} role="status">
        {closed === "locked" && <LockIcon className="size-[4vw] text-yellow-300" />}
        <p className="text-[1.6vw] leading-tight font-bold text-yellow-300">{closedTitle}</p>
      </div>
    );
  }
  return (
    <div className="mt-auto flex flex-col items-center gap-[0.6vw] rounded-xl bg-slate-900 p-[1vw]" data-testid="corner-join">
      <QrCode shape={qr} label={joinUrl} className="w-[11vw] rounded-md" />
      <p className="text-[1.3vw] break-all text-cyan-300">{joinHost}</p>
      <p data-testid="join-code" className="font-mono text-[3vw] leading-none font-black tracking-[0.12em] text-yellow-300">
        {code}
      </p>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { Countdown } from "@/components/agenda/Countdown";
import { StepContent } from "@/components/agenda/StepContent";
import { QrCode } from "@/components/session/QrCode";
import { useLive, useLiveSession } from "@/components/session/useLiveSession";
import { ConnectionBadge } from "@/components/ui/ConnectionBadge";
import { FitToBox } from "@/components/ui/FitToBox";
import { GroupCards } from "@/components/groups/GroupCards";
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
  const { store } = useLiveSession({ kind: "screen", sessionId, screenKey });
  const session = useLive(store, (s) => s.session);
  const state = useLive(store, (s) => s.connection);
  const clockOffset = useLive(store, (s) => s.clockOffset);
  const online = useLive(store, (s) => s.online);
  const liveStrokes = useLive(store, (s) => s.liveStrokes);
  const count = session ? participantCount(session) : 0;
  const joinHost = joinUrl.replace(/^https?:\/\//, "");
  const step = session ? currentStep(session) : null;
  const wallStep = !!step && (NOTE_STEP_KINDS as readonly string[]).includes(step.kind);
  const showWall = !!session && session.noteOrder.length > 0 && (wallStep || !session.plan);
  const showGallery = !!session && step?.kind === "sketch" && (session.sketchOrder.length > 0 || Object.keys(liveStrokes).length > 0);

  return (
    <main className="flex h-dvh flex-col overflow-hidden bg-slate-950 p-[2.5vw] text-white">
      <header className="flex items-start justify-between gap-6">
        <h1 className={`${step ? "text-[1.8vw] text-slate-300" : "text-[4vw]"} leading-tight font-bold`} data-testid="session-title">
          {session?.title ?? ""}
        </h1>
        <ConnectionBadge state={state} className="shrink-0" />
      </header>
      {session?.status === "ended" ? (
        <p className="m-auto text-[5vw] font-bold" data-testid="session-ended">
          {t("ended")}
        </p>
      ) : (showGallery || showWall) && session ? (
        <section className="flex min-h-0 flex-1 gap-[2vw] pt-[1vw]">
          <div className="flex min-h-0 flex-1 flex-col gap-[1vw]">
            {step && (
              <div>
                <h2 className="text-[2.6vw] leading-tight font-bold" data-testid="step-title">
                  {localize(step.title, session.language)}
                </h2>
                {step.prompts?.[0] && <p className="text-[1.6vw] text-slate-300">{localize(step.prompts[0], session.language)}</p>}
              </div>
            )}
            <div className="min-h-0 flex-1">{showGallery ? <SketchGallery session={session} live={liveStrokes} /> : <Wall session={session} clockOffset={clockOffset} />}</div>
          </div>
          <aside className="flex w-[15vw] shrink-0 flex-col items-center gap-[1.5vw] text-center">
            {step && <Countdown timer={session.timer} clockOffset={clockOffset} size="screen" />}
            <CornerJoin qr={qr} joinUrl={joinUrl} joinHost={joinHost} code={session.code} />
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
            <CornerJoin qr={qr} joinUrl={joinUrl} joinHost={joinHost} code={session.code} />
          </aside>
        </section>
      ) : step && session ? (
        <section className="flex min-h-0 flex-1 gap-[3vw] pt-[1vw]">
          <div className="min-h-0 flex-1">
            <FitToBox watch={`${step.id}:${session.language}`}>
              <StepContent step={step} locale={session.language} help={session.help} size="screen" />
            </FitToBox>
          </div>
          <aside className="flex w-[19vw] shrink-0 flex-col items-center gap-[1.5vw] text-center">
            <Countdown timer={session.timer} clockOffset={clockOffset} size="screen" />
            <CornerJoin qr={qr} joinUrl={joinUrl} joinHost={joinHost} code={session.code} />
          </aside>
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
      {session && session.status !== "ended" && <GroupCards session={session} online={new Set(online)} clockOffset={clockOffset} />}
      <footer className="pt-[1vw] text-center text-[2vw] font-semibold" aria-live="polite">
        <span data-testid="screen-participant-count" data-count={count}>
          {t("joined", { count })}
        </span>
      </footer>
    </main>
  );
}

/** The join code and QR in a corner: late joiners can always find them. */
function CornerJoin({ qr, joinUrl, joinHost, code }: { qr: QrShape; joinUrl: string; joinHost: string; code: string }) {
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

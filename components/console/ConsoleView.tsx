"use client";

import { useTranslations } from "next-intl";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { GroupsPanel } from "@/components/groups/GroupsPanel";
import { BoardPanel } from "@/components/board/BoardPanel";
import { postingOpen } from "@/lib/domain/note-commands";
import { SketchPanel } from "@/components/sketch/SketchPanel";
import { VideoPanel } from "@/components/video/VideoPanel";
import { AgendaPanel, AgendaSteps } from "./AgendaPanel";
import { ConsoleBar } from "./ConsoleBar";
import { ParticipantList } from "./ParticipantList";
import { RoomControls } from "./RoomControls";
import { SessionCard } from "./SessionCard";
import { ScreenPager } from "./ScreenPager";
import { HelpRequestsPanel } from "@/components/safeguarding/HelpRequestsPanel";
import { QuestionControls } from "@/components/polls/QuestionControls";
import { stepControls, type ControlAction } from "./step-controls";
import { useConsoleShortcuts } from "./useConsoleShortcuts";
import type { StaffAction } from "@/lib/client/live-connection";
import { useLive, useLiveSession } from "@/components/session/useLiveSession";
import { ErrorText } from "@/components/ui/ErrorText";
import { currentStep, participantCount } from "@/lib/domain/session-state";
import type { QrShape } from "@/lib/server/qr";

/**
 * The trainer's live view of one session. On a laptop it is one screen high:
 * a sticky bar (previous/next, timer, video), then three columns that scroll
 * on their own — the session and its plan, the step on now with the work of
 * this step first, and the people in the room. On a phone (a remote) the
 * same parts stack, the bar and the step on now first.
 */
export function ConsoleView({ sessionId, joinUrl, qr, screenHref }: { sessionId: string; joinUrl: string; qr: QrShape; screenHref: string }) {
  const t = useTranslations("console");
  const ts = useTranslations("safeguarding");
  const { store, connection } = useLiveSession({ kind: "staff", sessionId });
  const session = useLive(store, (s) => s.session);
  const state = useLive(store, (s) => s.connection);
  const online = useLive(store, (s) => s.online);
  const syncError = useLive(store, (s) => s.syncError);
  const clockOffset = useLive(store, (s) => s.clockOffset);
  const liveStrokes = useLive(store, (s) => s.liveStrokes);
  const breaks = useLive(store, (s) => s.breaks);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);

  async function end() {
    if (!window.confirm(t("confirmEnd"))) return;
    const ack = await connection.send("session:end", { sessionId });
    setError(ack.ok ? null : ack.error.code);
  }

  /** Runs one staff command from any panel; the panels' action types are slices of the command table. */
  async function act(a: StaffAction): Promise<boolean> {
    setBusy(true);
    const ack = await connection.act(sessionId, a);
    setError(ack.ok ? null : ack.error.code);
    setBusy(false);
    return ack.ok;
  }

  const controls = useMemo(() => (session ? stepControls(session) : null), [session]);
  const runControl = (a: ControlAction) => void act(a);
  const toggleHelp = useCallback(() => setHelpOpen((o) => !o), []);
  useConsoleShortcuts(controls, busy, runControl, toggleHelp);

  const onlineSet = new Set(online);
  const step = session ? currentStep(session) : null;
  const count = session ? participantCount(session) : 0;

  // The work of the step on now comes first (see `panelOrder`).
  const panels: Partial<Record<PanelKey, ReactNode>> = {};
  if (session) {
    if (step?.kind === "video") panels.video = <VideoPanel session={session} clockOffset={clockOffset} onAction={act} busy={busy} />;
    if (session.noteOrder.length > 0 || postingOpen(session)) panels.board = <BoardPanel session={session} onAction={act} busy={busy} />;
    if (session.sketchOrder.length > 0 || step?.kind === "sketch") panels.sketch = <SketchPanel session={session} live={liveStrokes} onAction={act} busy={busy} />;
    if (session.participantOrder.length > 0) panels.groups = <GroupsPanel session={session} online={onlineSet} onAction={act} busy={busy} clockOffset={clockOffset} />;
  }
  const ordered = panelOrder(step).filter((key) => panels[key]);
  // Requests to talk nobody has acknowledged yet: a quiet line under the bar, whichever pane is scrolled.
  const newRequests = session ? session.helpOrder.filter((id) => session.helpRequests[id] && !session.helpRequests[id].acknowledged).length : 0;

  return (
    <div className="flex flex-col lg:min-h-0 lg:flex-1">
      <div className="sticky top-0 z-30">
        <ConsoleBar session={session} controls={controls} clockOffset={clockOffset} connection={state} busy={busy} onAction={runControl} helpOpen={helpOpen} onHelpOpen={setHelpOpen} />
        {newRequests > 0 && (
          <a href="#safeguarding-title" className="block border-b border-teal-300 bg-teal-50 px-3 py-1.5 text-sm font-semibold text-teal-900 underline" data-testid="help-request-alert">
            {ts("newRequests", { count: newRequests })}
          </a>
        )}
        {(syncError ?? error) && (
          <div className="border-b border-rose-200 bg-white px-3 py-1">
            <ErrorText code={syncError ?? error} />
          </div>
        )}
      </div>
      {/* Each scrolling column and pane is `relative`: the screen-reader texts inside (absolutely placed) stay in it instead of stretching the page. */}
      <main className="grid items-start gap-3 p-3 lg:min-h-0 lg:flex-1 lg:grid-cols-[16rem_minmax(0,1fr)_20rem] lg:items-stretch xl:grid-cols-[17rem_minmax(0,1fr)_22rem]">
        <div className="relative order-2 flex min-w-0 flex-col gap-3 lg:order-none lg:min-h-0 lg:overflow-y-auto" data-testid="console-side">
          <SessionCard session={session} joinUrl={joinUrl} qr={qr} screenHref={screenHref} onEnd={end} />
          {session && <HelpRequestsPanel session={session} breaks={breaks} onAction={act} busy={busy} />}
          {session?.plan && <AgendaSteps session={session} onAction={act} busy={busy} />}
        </div>

        <div className="relative order-1 flex min-w-0 flex-col gap-3 lg:order-none lg:min-h-0 lg:overflow-y-auto" data-testid="console-main">
          {session?.plan && <AgendaPanel session={session} compact={ordered.length > 0} footer={<ScreenPager session={session} onAction={act} busy={busy} />} />}
          {session && <QuestionControls session={session} onAction={act} busy={busy} />}
          {ordered.map((key) => (
            <div key={key} className="min-w-0" data-testid={`console-panel-${key}`}>
              {panels[key]}
            </div>
          ))}
        </div>

        <section className="relative order-3 flex min-w-0 flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm lg:order-none lg:min-h-0 lg:overflow-y-auto" aria-labelledby="participants-heading" data-testid="participants-pane">
          <div className="flex flex-wrap items-baseline gap-x-3">
            <h2 id="participants-heading" className="text-lg font-semibold">
              {t("participants")}
            </h2>
            <p className="text-slate-700">
              <span data-testid="participant-count" className="text-3xl font-bold">
                {count}
              </span>{" "}
              <span className="sr-only">{t("participantCount", { count })}</span>
              <span className="ml-1 text-sm">{t("onlineCount", { count: online.length })}</span>
            </p>
          </div>
          {session && <RoomControls session={session} onAction={act} busy={busy} />}
          {session && session.participantOrder.length === 0 && <p className="text-slate-600">{t("noParticipants")}</p>}
          {session ? <ParticipantList session={session} online={onlineSet} onAction={act} busy={busy} /> : <ul data-testid="participant-list" />}
        </section>
      </main>
    </div>
  );
}

type PanelKey = "video" | "board" | "sketch" | "groups";

/** Which panels come first on a step: what the room is doing now, then the rest. */
export function panelOrder(step: { kind: string; groups: boolean } | null): PanelKey[] {
  switch (step?.kind) {
    case "video":
      return ["video", "groups", "board", "sketch"];
    case "brainstorm":
      return ["board", "groups", "sketch"];
    case "sketch":
      return ["sketch", "groups", "board"];
    case "discussion":
      return step.groups ? ["groups", "board", "sketch"] : ["board", "groups", "sketch"];
    default:
      return step?.groups ? ["groups", "board", "sketch"] : ["board", "sketch", "groups"];
  }
}

"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { QrCode } from "@/components/session/QrCode";
import { GroupsPanel } from "@/components/groups/GroupsPanel";
import { BoardPanel } from "@/components/board/BoardPanel";
import { postingOpen } from "@/lib/domain/note-commands";
import { SketchPanel } from "@/components/sketch/SketchPanel";
import { VideoPanel } from "@/components/video/VideoPanel";
import { AgendaPanel } from "./AgendaPanel";
import { ParticipantList } from "./ParticipantList";
import { RoomControls } from "./RoomControls";
import type { StaffAction } from "@/lib/client/live-connection";
import { useLive, useLiveSession } from "@/components/session/useLiveSession";
import { Button } from "@/components/ui/Button";
import { ConnectionBadge } from "@/components/ui/ConnectionBadge";
import { ErrorText } from "@/components/ui/ErrorText";
import { currentStep, participantCount } from "@/lib/domain/session-state";
import type { QrShape } from "@/lib/server/qr";

/** The trainer's live view of one session: code, QR, who is here, and the controls. */
export function ConsoleView({ sessionId, joinUrl, qr, screenHref }: { sessionId: string; joinUrl: string; qr: QrShape; screenHref: string }) {
  const t = useTranslations("console");
  const { store, connection } = useLiveSession({ kind: "staff", sessionId });
  const session = useLive(store, (s) => s.session);
  const state = useLive(store, (s) => s.connection);
  const online = useLive(store, (s) => s.online);
  const syncError = useLive(store, (s) => s.syncError);
  const clockOffset = useLive(store, (s) => s.clockOffset);
  const liveStrokes = useLive(store, (s) => s.liveStrokes);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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

  const onlineSet = new Set(online);
  return (
    <main className="mx-auto grid max-w-7xl items-start gap-6 p-6 lg:grid-cols-[minmax(18rem,1fr)_2.4fr]">
      <section className="flex flex-col gap-4 rounded-2xl bg-white p-6 shadow-sm">
        <div className="flex items-center justify-between gap-2">
          <h1 className="text-xl font-bold" data-testid="session-title">
            {session?.title ?? "…"}
          </h1>
          <ConnectionBadge state={state} />
        </div>
        <ErrorText code={syncError ?? error} />
        <div>
          <div className="text-sm text-slate-600">{t("joinCode")}</div>
          <div data-testid="join-code" className="font-mono text-5xl font-bold tracking-widest">
            {session?.code ?? ""}
          </div>
          <div className="mt-1 text-sm break-all text-slate-600">{joinUrl}</div>
        </div>
        <QrCode shape={qr} label={joinUrl} className="w-48" />
        <a href={screenHref} target="_blank" rel="noopener" className="font-semibold text-brand-dark underline">
          {t("openScreen")}
        </a>
        {session?.status === "ended" ? (
          <p className="rounded-lg bg-slate-100 p-3 font-medium" data-testid="session-ended">
            {t("ended")}
          </p>
        ) : (
          <Button variant="danger" onClick={end} disabled={!session}>
            {t("endSession")}
          </Button>
        )}
      </section>
      <div className="flex flex-col gap-6">
      {session?.plan && <AgendaPanel session={session} clockOffset={clockOffset} onAction={act} busy={busy} />}
      {session && currentStep(session)?.kind === "video" && <VideoPanel session={session} clockOffset={clockOffset} onAction={act} busy={busy} />}
      {session && (session.sketchOrder.length > 0 || currentStep(session)?.kind === "sketch") && (
        <SketchPanel session={session} live={liveStrokes} onAction={act} busy={busy} />
      )}
      {session && (session.noteOrder.length > 0 || postingOpen(session)) && <BoardPanel session={session} onAction={act} busy={busy} />}
      {session && session.participantOrder.length > 0 && <GroupsPanel session={session} online={onlineSet} onAction={act} busy={busy} clockOffset={clockOffset} />}
      <section className="rounded-2xl bg-white p-6 shadow-sm">
        <div className="mb-3 flex flex-wrap items-baseline gap-x-4">
          <h2 className="text-lg font-semibold">{t("participants")}</h2>
          <p className="text-slate-700">
            <span data-testid="participant-count" className="text-3xl font-bold">
              {session ? participantCount(session) : 0}
            </span>{" "}
            <span className="sr-only">{t("participantCount", { count: session ? participantCount(session) : 0 })}</span>
            <span className="ml-2 text-sm">{t("onlineCount", { count: online.length })}</span>
          </p>
        </div>
        {session && <RoomControls session={session} onAction={act} busy={busy} />}
        {session && session.participantOrder.length === 0 && <p className="mt-3 text-slate-600">{t("noParticipants")}</p>}
        {session ? (
          <div className="mt-3">
            <ParticipantList session={session} online={onlineSet} onAction={act} busy={busy} />
          </div>
        ) : (
          <ul data-testid="participant-list" />
        )}
      </section>
      </div>
    </main>
  );
}

"use client";

import { useLocale, useTranslations } from "next-intl";
import { Countdown } from "@/components/agenda/Countdown";
import { StepContent } from "@/components/agenda/StepContent";
import { isLocale } from "@/lib/domain/locales";
import { Broadcasts, PhoneGroup } from "@/components/groups/PhoneGroup";
import { PhoneNotes } from "@/components/board/PhoneNotes";
import { postingOpen } from "@/lib/domain/note-commands";
import { SketchPad } from "@/components/sketch/SketchPad";
import { localize } from "@/lib/domain/plan";
import { sketchIdFor } from "@/lib/domain/sketch";
import { currentStep, effectiveSketchMode, timerForGroup } from "@/lib/domain/session-state";
import { useEffect, useState } from "react";
import { useLive, useLiveSession } from "@/components/session/useLiveSession";
import { ConnectionBadge } from "@/components/ui/ConnectionBadge";
import { ErrorText } from "@/components/ui/ErrorText";
import { LanguageSwitcher } from "@/components/ui/LanguageSwitcher";
import { normalizeJoinCode } from "@/lib/domain/join-code";
import { forgetPass, loadPass, markRemoved, wasRemoved, type ParticipantPass } from "@/lib/client/participant-pass";
import { JoinForm } from "./JoinForm";
import { ProfileCard } from "./ProfileCard";
import { RemovedCard } from "./RemovedCard";
import { ResumeCard } from "./ResumeCard";
import { WaitingCard } from "./WaitingCard";

/**
 * The participant's phone: the join form until it has joined, then the
 * session. A stored pass brings a reloaded phone straight back in.
 */
export function PhoneApp({ initialCode }: { initialCode: string }) {
  const t = useTranslations("join");
  const { store, connection } = useLiveSession({ kind: "participant", code: initialCode });
  const session = useLive(store, (s) => s.session);
  const participantId = useLive(store, (s) => s.participantId);
  const state = useLive(store, (s) => s.connection);
  const syncError = useLive(store, (s) => s.syncError);
  const clockOffset = useLive(store, (s) => s.clockOffset);
  const pending = useLive(store, (s) => s.pending);
  const liveStrokes = useLive(store, (s) => s.liveStrokes);
  const locale = useLocale();
  const ts = useTranslations("step");
  const step = session ? currentStep(session) : null;
  const lang = isLocale(locale) ? locale : "en";
  const showNotes = !!session && session.status === "live" && (postingOpen(session) || session.noteOrder.length > 0 || pending.length > 0);
  const me = session && participantId ? session.participants[participantId] : null;
  // This phone's pass for the code, read after mount (localStorage): until the server answers
  // (or while offline after a reload) the phone shows it is still in, not the join form.
  const [pass, setPass] = useState<ParticipantPass | null>(null);
  // Removed from this code earlier (a pass means a later join, e.g. a new session that reuses the code).
  const [removedBefore, setRemovedBefore] = useState(false);
  useEffect(() => {
    const code = normalizeJoinCode(initialCode);
    const p = loadPass(code);
    setPass(p);
    setRemovedBefore(!p && wasRemoved(code));
  }, [initialCode]);
  const resuming = !session && !!pass && !syncError;
  // The trainer removed this phone: told live, by a resume, or by a join the server refused.
  const removedNow = (!!session && !!participantId && session.removed.includes(participantId)) || syncError === "REMOVED";
  const removed = removedNow || removedBefore;
  const removedCode = session?.code ?? pass?.code ?? normalizeJoinCode(initialCode);

  useEffect(() => {
    // Its pass no longer works: forget it, and remember why for the next reload.
    if (!removedNow || !removedCode) return;
    forgetPass(removedCode);
    markRemoved(removedCode);
  }, [removedNow, removedCode]);

  useEffect(() => {
    // Keep the address bar on the session, so a reload resumes it.
    if (session && participantId) {
      const target = `/s/${session.code}`;
      if (window.location.pathname !== target) window.history.replaceState(null, "", target);
    }
  }, [session, participantId]);

  async function choose(groupId: string): Promise<string | null> {
    const ack = await connection.send("group:choose", { groupId });
    return ack.ok ? null : ack.error.code;
  }

  async function mark(groupId: string, done: boolean): Promise<string | null> {
    const ack = await connection.send("group:mark", { groupId, done });
    return ack.ok ? null : ack.error.code;
  }

  async function join(code: string, nickname: string): Promise<string | null> {
    const ack = await connection.join(code, nickname);
    if (!ack.ok && ack.error.code === "REMOVED") {
      markRemoved(normalizeJoinCode(code));
      setRemovedBefore(true);
    }
    return ack.ok ? null : ack.error.code;
  }

  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col gap-5 p-4">
      <header className="flex items-center justify-between gap-2">
        <span className="text-lg font-bold text-brand-dark">Ortaq</span>
        <div className="flex items-center gap-2">
          <ConnectionBadge state={state} />
          <LanguageSwitcher />
        </div>
      </header>
      {removed ? (
        <RemovedCard />
      ) : me && session ? (
        <section className="flex flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm" data-testid="phone-session">
          {session.status === "ended" ? (
            <>
              <h1 className="text-2xl font-bold" data-testid="session-ended">
                {t("ended")}
              </h1>
              <a href="/join" className="font-semibold text-brand-dark underline">
                {t("joinAnother")}
              </a>
            </>
          ) : session.waiting.includes(me.id) ? (
            <WaitingCard name={me.nickname} title={session.title} />
          ) : (
            <>
              <div className="flex items-start justify-between gap-3">
                <div>
                  <h1 className={step ? "text-sm font-semibold text-emerald-800" : "text-3xl font-bold text-emerald-800"}>{t("youreIn")}</h1>
                  <p className={step ? "text-sm text-slate-600" : "text-lg"} data-testid="me">
                    {t("hello", { name: me.nickname })}
                  </p>
                </div>
                {step && <Countdown timer={timerForGroup(session, session.membership[me.id] ?? null)} clockOffset={clockOffset} size="phone" />}
              </div>
              <p className={step ? "text-sm text-slate-600" : "text-xl font-semibold"} data-testid="session-title">
                {session.title}
              </p>
              {session.askProfile && !session.profiles[me.id] && (
                <ProfileCard
                  sessionId={session.id}
                  onSave={async (ageBand, sex) => (await connection.send("participant:profile", { ageBand, sex })).ok}
                />
              )}
              <Broadcasts session={session} />
              <PhoneGroup session={session} me={me.id} onChoose={choose} onMark={mark} compact={step?.kind === "sketch"} />
              {step && step.kind === "sketch" ? (
                <>
                  <div>
                    <h2 className="text-xl font-bold" data-testid="step-title">
                      {localize(step.title, lang)}
                    </h2>
                    {step.prompts?.[0] && <p className="text-sm text-slate-700">{localize(step.prompts[0], lang)}</p>}
                  </div>
                  <SketchPad
                    session={session}
                    sketchId={sketchIdFor(effectiveSketchMode(session), me.id, session.membership[me.id] ?? null, step.id)}
                    me={me.id}
                    connection={connection}
                    pending={pending}
                    live={liveStrokes}
                    shared={effectiveSketchMode(session) === "group" && !!session.membership[me.id]}
                  />
                </>
              ) : step ? (
                <>
                  {step.kind === "video" && session.video.pausePoint !== null && (
                    <p className="rounded-xl bg-amber-100 p-3 text-lg font-semibold" data-testid="pause-point" role="status">
                      {localize(step.pausePoints?.find((p) => p.at === session.video.pausePoint)?.prompt, lang)}
                    </p>
                  )}
                  <StepContent step={step} locale={lang} help={session.help} size="phone" />
                </>
              ) : (
                !showNotes && <p className="text-slate-700">{session.plan ? ts("waitForStart") : t("waiting")}</p>
              )}
              {showNotes && <PhoneNotes session={session} me={me.id} connection={connection} pending={pending} offline={state === "offline"} />}
            </>
          )}
        </section>
      ) : resuming && pass ? (
        <ResumeCard pass={pass} state={state} />
      ) : (
        <section className="rounded-2xl bg-white p-5 shadow-sm">
          <h1 className="mb-4 text-2xl font-bold">{t("title")}</h1>
          {syncError && syncError !== "TOKEN_INVALID" ? <ErrorText code={syncError} /> : null}
          <JoinForm initialCode={normalizeJoinCode(initialCode)} onJoin={join} />
        </section>
      )}
    </main>
  );
}

"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Countdown } from "@/components/agenda/Countdown";
import { PhoneNotes } from "@/components/board/PhoneNotes";
import { Broadcasts, GroupChip, PhoneGroup } from "@/components/groups/PhoneGroup";
import { useLive, useLiveSession } from "@/components/session/useLiveSession";
import { LazySketchPad } from "@/components/sketch/LazySketch";
import { ErrorText } from "@/components/ui/ErrorText";
import { forgetPass, loadPass, markRemoved, wasRemoved, type ParticipantPass } from "@/lib/client/participant-pass";
import type { HelpInfo } from "@/lib/domain/help-contacts";
import { normalizeJoinCode } from "@/lib/domain/join-code";
import { isLocale } from "@/lib/domain/locales";
import { postingOpen } from "@/lib/domain/note-commands";
import { localize } from "@/lib/domain/plan";
import { currentStep, effectiveSketchMode, timerForGroup } from "@/lib/domain/session-state";
import { sketchIdFor } from "@/lib/domain/sketch";
import { PhoneQuestion } from "@/components/polls/PhoneQuestion";
import { ForgetMe } from "@/components/safeguarding/ForgetMe";
import { StepOut } from "@/components/safeguarding/StepOut";
import { TalkToSomeone } from "@/components/safeguarding/TalkToSomeone";
import { EarlierWork } from "./EarlierWork";
import { HelpSheet } from "./HelpSheet";
import { JoinForm } from "./JoinForm";
import { PhoneBar, PHONE_BAR_SPACE } from "./PhoneBar";
import { PhoneHeader } from "./PhoneHeader";
import { PhoneStep } from "./PhoneStep";
import { ProfileCard } from "./ProfileCard";
import { RemovedCard } from "./RemovedCard";
import { ResumeCard } from "./ResumeCard";
import { WaitingCard } from "./WaitingCard";
import { useNoteOutcomes } from "./useNoteOutcomes";

/**
 * The participant's phone: the join form until it has joined, then the
 * session. A stored pass brings a reloaded phone straight back in. Once a
 * step runs, what it asks comes first under a slim header; earlier work
 * waits behind "My notes" / "My sketch"; help contacts are one tap away in
 * the bar at the bottom (`help`, the organisation's, until the session's
 * own are known).
 */
export function PhoneApp({ initialCode, help: joinHelp }: { initialCode: string; help?: HelpInfo }) {
  const t = useTranslations("join");
  const ts = useTranslations("step");
  const { store, connection } = useLiveSession({ kind: "participant", code: initialCode });
  const session = useLive(store, (s) => s.session);
  const participantId = useLive(store, (s) => s.participantId);
  const state = useLive(store, (s) => s.connection);
  const syncError = useLive(store, (s) => s.syncError);
  const clockOffset = useLive(store, (s) => s.clockOffset);
  const pending = useLive(store, (s) => s.pending);
  const liveStrokes = useLive(store, (s) => s.liveStrokes);
  const pollResults = useLive(store, (s) => s.pollResults);
  const outcomes = useNoteOutcomes(connection);
  const locale = useLocale();
  const lang = isLocale(locale) ? locale : "en";
  const step = session ? currentStep(session) : null;
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

  // A new step starts at the top of the page, its title in view.
  const stepId = step?.id ?? null;
  useEffect(() => {
    if (stepId) window.scrollTo(0, 0);
  }, [stepId]);

  async function choose(groupId: string): Promise<string | null> {
    const ack = await connection.send("group:choose", { groupId });
    return ack.ok ? null : ack.error.code;
  }

  async function mark(groupId: string, done: boolean): Promise<string | null> {
    const ack = await connection.send("group:mark", { groupId, done });
    return ack.ok ? null : ack.error.code;
  }

  async function join(code: string, nickname: string, consent?: boolean): Promise<string | null> {
    const ack = await connection.join(code, nickname, consent);
    if (!ack.ok && ack.error.code === "REMOVED") {
      markRemoved(normalizeJoinCode(code));
      setRemovedBefore(true);
    }
    return ack.ok ? null : ack.error.code;
  }

  const active = !removed && !!me && !!session && session.status !== "ended" && !session.waiting.includes(me.id);
  const help = session?.help ?? joinHelp ?? null;
  // Always in the same place: step out (on steps with a content warning), talk to someone, help contacts.
  const bar = help ? (
    <PhoneBar>
      {active && <StepOut session={session!} connection={connection} />}
      {active && <TalkToSomeone session={session!} connection={connection} />}
      <HelpSheet help={help} />
    </PhoneBar>
  ) : null;
  const myGroup = me && session ? (session.membership[me.id] ?? null) : null;
  // The sketch pad fills the screen: header, step title and pad fit the viewport above the bar.
  const fill = active && step?.kind === "sketch";
  // Notes are the step's content while posting is open (and in a session without a plan); else earlier work.
  const notesAreStep = active && showNotes && (!step || postingOpen(session!));
  const groupWork = !session?.plan || (!!step?.groups && step.kind !== "sketch");

  let content: React.ReactNode;
  let after: React.ReactNode = null;
  if (removed) {
    content = <RemovedCard />;
  } else if (me && session) {
    const profile = session.askProfile && !session.profiles[me.id] && (
      <ProfileCard sessionId={session.id} onSave={async (ageBand, sex) => (await connection.send("participant:profile", { ageBand, sex })).ok} />
    );
    const notesWith = (between: React.ReactNode) =>
      notesAreStep && <PhoneNotes session={session} me={me.id} connection={connection} pending={pending} offline={state === "offline"} outcomes={outcomes} between={between} />;
    if (session.status === "ended") {
      content = (
        <section className="flex flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm">
          <h1 className="text-2xl font-bold" data-testid="session-ended">
            {t("ended")}
          </h1>
          <a href="/join" className="inline-flex min-h-11 items-center font-semibold text-brand-dark underline">
            {t("joinAnother")}
          </a>
          <ForgetMe sessionId={session.id} code={session.code} participantId={me.id} connection={connection} />
        </section>
      );
    } else if (session.waiting.includes(me.id)) {
      content = (
        <section className="rounded-2xl bg-white p-5 shadow-sm">
          <WaitingCard name={me.nickname} title={session.title} />
        </section>
      );
    } else if (!step) {
      // Before the first step (or a session without a plan): the joining confirmation, then the notes if posting is open.
      content = (
        <>
          <section className="flex flex-col gap-1 rounded-2xl bg-white p-4 shadow-sm">
            <h1 className="text-3xl font-bold text-emerald-800">{t("youreIn")}</h1>
            <p className="text-lg" data-testid="me">
              {t("hello", { name: me.nickname })}
            </p>
            <p className="text-xl font-semibold" data-testid="session-title">
              {session.title}
            </p>
            {!notesAreStep && <p className="mt-2 text-slate-700">{session.plan ? ts("waitForStart") : t("waiting")}</p>}
          </section>
          {profile}
          <Broadcasts session={session} />
          <PhoneGroup session={session} me={me.id} onChoose={choose} onMark={mark} groupWork={groupWork} />
          {notesWith(null)}
        </>
      );
    } else {
      const pauseAt = step.kind === "video" ? session.video.pausePoint : null;
      const mode = effectiveSketchMode(session);
      // Members and "we're done" follow the step's content; on a note step, between the composer and the notes.
      const groupPanel = <PhoneGroup session={session} me={me.id} onChoose={choose} onMark={mark} groupWork={groupWork} showName={false} />;
      content = (
        <>
          {/* Who and where: the joining confirmation, the group chip and the step's timer, on one line. */}
          <div className="flex min-h-8 items-center gap-2">
            <GroupChip session={session} me={me.id} />
            <p className="min-w-0 truncate text-sm font-semibold text-emerald-800" data-testid="me">
              {t("hello", { name: me.nickname })}
            </p>
            <div className="ml-auto shrink-0">
              <Countdown timer={timerForGroup(session, myGroup)} clockOffset={clockOffset} size="phone" />
            </div>
          </div>
          <Broadcasts session={session} limit={1} />
          {/* A question the trainer has opened is what the step asks now. */}
          <PhoneQuestion session={session} me={me.id} connection={connection} pending={pending} results={pollResults} offline={state === "offline"} locale={lang} />
          <PhoneStep
            step={step}
            locale={lang}
            help={session.help}
            fill={fill}
            pausePrompt={pauseAt !== null ? localize(step.pausePoints?.find((p) => p.at === pauseAt)?.prompt, lang) : null}
          >
            {step.kind === "sketch" ? (
              <>
                {!myGroup && groupPanel}
                <LazySketchPad
                session={session}
                sketchId={sketchIdFor(mode, me.id, myGroup, step.id)}
                me={me.id}
                connection={connection}
                pending={pending}
                live={liveStrokes}
                  shared={mode === "group" && !!myGroup}
                />
              </>
            ) : notesAreStep ? (
              notesWith(groupPanel)
            ) : (
              groupPanel
            )}
          </PhoneStep>
        </>
      );
      after = (
        <>
          {profile}
          <EarlierWork
            session={session}
            me={me.id}
            connection={connection}
            pending={pending}
            offline={state === "offline"}
            outcomes={outcomes}
            locale={lang}
            notes={showNotes && !notesAreStep}
            sketches={step.kind !== "sketch"}
          />
          <ForgetMe sessionId={session.id} code={session.code} participantId={me.id} connection={connection} />
        </>
      );
    }
  } else if (resuming && pass) {
    content = <ResumeCard pass={pass} state={state} />;
  } else {
    content = (
      <section className="rounded-2xl bg-white p-5 shadow-sm">
        <h1 className="mb-4 text-2xl font-bold">{t("title")}</h1>
        {syncError && syncError !== "TOKEN_INVALID" ? <ErrorText code={syncError} /> : null}
        <JoinForm initialCode={normalizeJoinCode(initialCode)} onJoin={join} />
      </section>
    );
  }

  return (
    <div className={`mx-auto flex min-h-dvh max-w-md flex-col ${bar ? PHONE_BAR_SPACE : ""}`}>
      {/* On the sketch step this box is one screen high above the bar, so the pad and its Done button fit without scrolling. */}
      <div className={fill ? "flex h-[calc(100dvh-var(--phone-bar-h,4.25rem))] min-h-[32rem] flex-col" : "contents"}>
        <PhoneHeader state={state} />
        <main className={`flex flex-col px-3 pb-3 ${fill ? "min-h-0 flex-1 gap-2" : "gap-3"}`} data-testid={me && session && !removed ? "phone-session" : undefined}>
          {content}
        </main>
      </div>
      {after && <div className="flex flex-col gap-3 px-3 pb-3 empty:hidden">{after}</div>}
      {bar}
    </div>
  );
}

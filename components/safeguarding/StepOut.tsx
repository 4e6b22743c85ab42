"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { HelpContactList } from "@/components/phone/HelpContactList";
import type { LiveConnection } from "@/lib/client/live-connection";
import { currentStep, type SessionState } from "@/lib/domain/session-state";

/**
 * "Take a break": during a step with a content warning a phone can step out.
 * The phone turns into a calm screen with the help contacts and "I'm back".
 * Nothing is stored about who stepped out; the trainer's console shows only
 * how many are away right now (the server keeps that count in memory).
 */
export function StepOut({ session, connection }: { session: SessionState; connection: Pick<LiveConnection, "setBreak"> }) {
  const t = useTranslations("safeguarding");
  const [away, setAway] = useState(false);
  const warned = !!currentStep(session)?.warning && session.status === "live";

  function leave() {
    connection.setBreak(true);
    setAway(true);
  }

  function back() {
    connection.setBreak(false);
    setAway(false);
  }

  // Leaving the page while away: the trainer's count must not keep this phone.
  useEffect(() => {
    if (!away) return;
    const onHide = () => connection.setBreak(false);
    window.addEventListener("pagehide", onHide);
    return () => window.removeEventListener("pagehide", onHide);
  }, [away, connection]);

  if (away) return <BreakScreen session={session} onBack={back} />;
  if (!warned) return null;
  return (
    <button
      type="button"
      onClick={leave}
      data-testid="take-break"
      className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-full border-2 border-teal-600 bg-white px-4 font-semibold text-teal-800"
    >
      {t("takeBreak")}
    </button>
  );
}

/** The calm screen while away: soft colours, no session content, the help contacts, and the way back. */
export function BreakScreen({ session, onBack }: { session: Pick<SessionState, "help">; onBack: () => void }) {
  const t = useTranslations("safeguarding");
  const backButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    backButton.current?.focus();
  }, []);
  return (
    <div role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="break-screen" className="fixed inset-0 z-[60] overflow-y-auto bg-teal-50 text-teal-950">
      <div className="mx-auto flex min-h-full max-w-md flex-col gap-5 p-6 pb-[max(1.5rem,env(safe-area-inset-bottom))]">
        <h2 id={titleId} className="mt-8 text-3xl font-bold">
          {t("breakTitle")}
        </h2>
        <p className="text-lg leading-relaxed">{t("breakBody")}</p>
        <button
          ref={backButton}
          type="button"
          onClick={onBack}
          className="inline-flex min-h-14 items-center justify-center rounded-xl bg-teal-700 px-4 py-2 text-xl font-semibold text-white hover:bg-teal-800"
        >
          {t("back")}
        </button>
        <section className="flex flex-col gap-2">
          <h3 className="font-semibold">{t("breakContacts")}</h3>
          <HelpContactList help={session.help} />
        </section>
      </div>
    </div>
  );
}

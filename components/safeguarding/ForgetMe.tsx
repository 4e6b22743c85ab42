"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import type { LiveConnection } from "@/lib/client/live-connection";
import { forgetLocally } from "@/lib/client/forget-local";

/**
 * "Delete my data": a participant deletes their notes, sketches, answers and
 * name from the session (the wall, the trainer's view, reports, exports and
 * the server's log), during the session and after it, until the
 * organisation's retention period deletes the whole session. Asks first;
 * the deletion cannot be undone.
 */
export function ForgetMe({ sessionId, code, participantId, connection }: { sessionId: string; code: string; participantId: string; connection: Pick<LiveConnection, "send"> }) {
  const t = useTranslations("safeguarding");
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    if (!asking) return;
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setAsking(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [asking]);

  async function confirm() {
    setBusy(true);
    setError(null);
    const ack = await connection.send("participant:forget", {});
    setBusy(false);
    if (!ack.ok) {
      setError(ack.error.code);
      return;
    }
    // The server has deleted it everywhere; this phone forgets its own traces too.
    forgetLocally({ code, sessionId, participantId });
    setAsking(false);
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setAsking(true)} data-testid="forget-me" className="text-rose-800">
        {t("forget")}
      </Button>
      {asking && (
        <div className="fixed inset-0 z-[70] flex items-center justify-center bg-slate-900/60 p-4">
          <div role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId} className="flex w-full max-w-sm flex-col gap-3 rounded-2xl bg-white p-5 shadow-2xl">
            <h2 id={titleId} className="text-xl font-bold">
              {t("forgetTitle")}
            </h2>
            <p id={bodyId} className="text-slate-700">
              {t("forgetBody")}
            </p>
            <ErrorText code={error} />
            <div className="flex flex-wrap justify-end gap-2">
              <button ref={cancel} type="button" onClick={() => setAsking(false)} className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 px-4 font-semibold">
                {t("cancel")}
              </button>
              <Button variant="danger" onClick={confirm} disabled={busy}>
                {busy ? t("forgetting") : t("forgetConfirm")}
              </Button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

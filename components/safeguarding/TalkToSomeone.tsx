"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import type { LiveConnection } from "@/lib/client/live-connection";
import { HELP_MESSAGE_MAX } from "@/lib/domain/safeguarding";
import type { SessionState } from "@/lib/domain/session-state";

type Sender = Pick<LiveConnection, "send">;

/**
 * "Talk to someone": a quiet button on every phone screen that opens a
 * private request to the trainer, with an optional message, anonymous unless
 * the participant chooses to share their name. Only the trainer's console
 * receives it; the trainer's acknowledgement and replies come back here, to
 * this phone alone. Nothing is kept on the phone besides what the server
 * sends back (no draft in storage).
 */
export function TalkToSomeone({ session, connection }: { session: SessionState; connection: Sender }) {
  const t = useTranslations("safeguarding");
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [readReplies, setReadReplies] = useState(0);
  const trigger = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  const mine = session.helpOrder.map((id) => session.helpRequests[id]).filter((r) => !!r);
  const replies = mine.flatMap((r) => r.replies);
  const unread = Math.max(0, replies.length - readReplies);

  useEffect(() => {
    if (!open) return;
    setReadReplies(replies.length);
  }, [open, replies.length]);

  useEffect(() => {
    if (!open) return;
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") shut();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  function shut() {
    setOpen(false);
    setError(null);
    trigger.current?.focus();
  }

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const ack = await connection.send("help:request", { message: String(data.get("message") ?? ""), shareName: data.get("shareName") === "on" });
    setBusy(false);
    if (ack.ok) setSent(true);
    else setError(ack.error.code);
  }

  return (
    <>
      <button
        ref={trigger}
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="talk-button"
        className="relative inline-flex min-h-11 min-w-11 items-center justify-center rounded-full border-2 border-slate-400 bg-white px-4 font-semibold text-slate-800"
      >
        {t("talk")}
        {unread > 0 && (
          <span className="absolute -top-1 -right-1 size-3 rounded-full bg-brand" data-testid="talk-unread">
            <span className="sr-only">{t("replyFrom")}</span>
          </span>
        )}
      </button>
      {open && (
        <div className="fixed inset-0 z-50 flex items-end justify-center bg-slate-900/50" onClick={(e) => e.target === e.currentTarget && shut()}>
          <div
            role="dialog"
            aria-modal="true"
            aria-labelledby={titleId}
            data-testid="talk-sheet"
            className="flex max-h-[90dvh] w-full max-w-md flex-col gap-3 overflow-y-auto rounded-t-2xl bg-slate-50 p-4 pb-[max(1rem,env(safe-area-inset-bottom))] shadow-2xl"
          >
            <div className="flex items-center justify-between gap-2">
              <h2 id={titleId} className="text-xl font-bold">
                {t("talkTitle")}
              </h2>
              <button ref={first} type="button" onClick={shut} className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-3 font-semibold">
                {t("close")}
              </button>
            </div>
            <p className="text-sm text-slate-700">{t("talkIntro")}</p>

            {mine.length > 0 && (
              <ul className="flex flex-col gap-2" data-testid="my-help-requests">
                {mine.map((r) => (
                  <li key={r.id} className="rounded-xl border border-slate-200 bg-white p-3 text-sm" data-testid="my-help-request">
                    {r.message && <p className="whitespace-pre-line text-slate-700">{r.message}</p>}
                    <p className="font-semibold text-emerald-800" role="status">
                      {r.acknowledged ? t("seen") : t("sent")}
                    </p>
                    {r.replies.map((reply) => (
                      <div key={reply.id} className="mt-2 rounded-lg bg-cyan-50 p-2 text-cyan-950" data-testid="help-reply">
                        <p className="text-xs font-semibold uppercase">{t("replyFrom")}</p>
                        <p className="whitespace-pre-line text-base">{reply.text}</p>
                      </div>
                    ))}
                  </li>
                ))}
              </ul>
            )}

            {sent ? (
              <Button variant="secondary" onClick={() => setSent(false)}>
                {t("another")}
              </Button>
            ) : (
              <form onSubmit={submit} className="flex flex-col gap-3">
                <label className="flex flex-col gap-1 font-medium">
                  {t("messageLabel")}
                  <textarea
                    name="message"
                    rows={3}
                    maxLength={HELP_MESSAGE_MAX}
                    placeholder={t("messageHint")}
                    className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base font-normal"
                  />
                </label>
                <label className="flex min-h-11 items-start gap-3">
                  <input type="checkbox" name="shareName" className="mt-1 size-6 shrink-0" />
                  <span>
                    <span className="font-medium">{t("shareName")}</span>
                    <span className="block text-sm text-slate-600">{t("shareNameHint")}</span>
                  </span>
                </label>
                <ErrorText code={error} />
                <Button type="submit" disabled={busy}>
                  {busy ? t("sending") : t("send")}
                </Button>
              </form>
            )}
          </div>
        </div>
      )}
    </>
  );
}

"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import type { StaffAction } from "@/lib/client/live-connection";
import { createChime, type Chime } from "@/lib/client/gentle-tone";
import { HELP_REPLY_MAX, type HelpRequest } from "@/lib/domain/safeguarding";
import type { SessionState } from "@/lib/domain/session-state";
import { DisclosureGuidance } from "./DisclosureGuidance";

type Act = (a: StaffAction<"help:ack" | "help:reply" | "note:restore">) => Promise<boolean>;

const SOUND_KEY = "ortaq.help-sound.v1";

/**
 * The trainer's private safeguarding panel on the console: requests to talk
 * (anonymous unless the participant shared a name) with acknowledge and a
 * private reply; how many phones are on a break (a live count, never who);
 * notes the concern list held back from the wall; and the "If someone
 * discloses" guidance. An optional gentle chime for new requests, off by
 * default, remembered on this computer.
 */
export function HelpRequestsPanel({ session, breaks, onAction, busy }: { session: SessionState; breaks: number; onAction: Act; busy: boolean }) {
  const t = useTranslations("safeguarding");
  const [sound, setSound] = useState(false);
  const [guidance, setGuidance] = useState(false);
  const chime = useRef<Chime | null>(null);
  const known = useRef<Set<string> | null>(null);

  const requests = session.helpOrder.map((id) => session.helpRequests[id]).filter((r): r is HelpRequest => !!r);
  const waiting = requests.filter((r) => !r.acknowledged).length;
  const concerns = session.noteOrder.map((id) => session.notes[id]).filter((n) => n?.concern && n.status !== "visible");

  useEffect(() => {
    if (window.localStorage.getItem(SOUND_KEY) === "on") setSound(true);
  }, []);

  useEffect(() => {
    if (!sound) return;
    chime.current ??= createChime();
  }, [sound]);

  useEffect(() => () => chime.current?.close(), []);

  // A chime for requests that arrive while the console is open (not for those already there when it opened).
  useEffect(() => {
    const ids = session.helpOrder;
    if (known.current === null) {
      known.current = new Set(ids);
      return;
    }
    const fresh = ids.some((id) => !known.current!.has(id));
    known.current = new Set(ids);
    if (fresh && sound) chime.current?.play();
  }, [session.helpOrder, sound]);

  function toggleSound(on: boolean) {
    setSound(on);
    // Created inside the click: browsers allow sound after a gesture.
    if (on) (chime.current ??= createChime())?.play();
    try {
      window.localStorage.setItem(SOUND_KEY, on ? "on" : "off");
    } catch {
      /* not remembered */
    }
  }

  return (
    <section className="flex flex-col gap-3 rounded-2xl border-2 border-teal-600/30 bg-white p-5 shadow-sm" aria-labelledby="safeguarding-title" data-testid="safeguarding-panel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="safeguarding-title" className="text-lg font-semibold">
          {t("panelTitle")}
        </h2>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" checked={sound} onChange={(e) => toggleSound(e.target.checked)} className="size-5" />
          {t("sound")}
        </label>
      </div>
      <p className="text-sm font-medium text-teal-900" data-testid="break-count" data-count={breaks} aria-live="polite">
        {t("breaks", { count: breaks })}
      </p>
      <div role="alert" className={waiting ? "rounded-lg bg-amber-100 p-2 font-semibold text-amber-950" : "sr-only"}>
        {waiting ? t("newRequests", { count: waiting }) : ""}
      </div>

      <h3 className="font-semibold">{t("requests")}</h3>
      {requests.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noRequests")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {requests
            .slice()
            .reverse()
            .map((r) => (
              <HelpRequestItem key={r.id} request={r} onAction={onAction} busy={busy} />
            ))}
        </ul>
      )}
      <p className="text-xs text-slate-500">{t("privateNote")}</p>

      {concerns.length > 0 && (
        <section className="flex flex-col gap-2" data-testid="concern-notes">
          <h3 className="font-semibold">{t("concernTitle")}</h3>
          <p className="text-sm text-slate-600">{t("concernHint")}</p>
          <ul className="flex flex-col gap-2">
            {concerns.map((n) => (
              <li key={n.id} className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3" data-testid="concern-note">
                <p className="whitespace-pre-line">{n.text}</p>
                <div>
                  <Button variant="secondary" disabled={busy} onClick={() => void onAction({ type: "note:restore", noteId: n.id })}>
                    {t("showOnWall")}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div>
        <Button variant="secondary" aria-expanded={guidance} onClick={() => setGuidance((g) => !g)}>
          {guidance ? t("hideGuidance") : t("guidance")}
        </Button>
      </div>
      {(guidance || concerns.length > 0) && <DisclosureGuidance help={session.help} />}
    </section>
  );
}

function HelpRequestItem({ request, onAction, busy }: { request: HelpRequest; onAction: Act; busy: boolean }) {
  const t = useTranslations("safeguarding");
  const format = useFormatter();
  const [text, setText] = useState("");
  const replyId = `reply-${request.id}`;

  async function reply(e: React.FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    if (await onAction({ type: "help:reply", requestId: request.id, text })) setText("");
  }

  return (
    <li className={`flex flex-col gap-2 rounded-xl border p-3 ${request.acknowledged ? "border-slate-200" : "border-amber-400 bg-amber-50"}`} data-testid="help-request" data-acknowledged={request.acknowledged}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-semibold">{request.nickname ? t("from", { name: request.nickname }) : t("anonymous")}</span>
        <time className="text-slate-600" dateTime={new Date(request.at).toISOString()}>
          {format.dateTime(new Date(request.at), { timeStyle: "short" })}
        </time>
      </div>
      <p className="text-base whitespace-pre-line" data-testid="help-message">
        {request.message || <span className="text-slate-500">{t("noMessage")}</span>}
      </p>
      {request.acknowledged ? (
        <p className="text-sm font-medium text-emerald-800">{t("acknowledged")}</p>
      ) : (
        <div>
          <Button variant="secondary" disabled={busy} onClick={() => void onAction({ type: "help:ack", requestId: request.id })}>
            {t("acknowledge")}
          </Button>
        </div>
      )}
      {request.replies.length > 0 && (
        <div className="text-sm">
          <p className="font-semibold">{t("yourReplies")}</p>
          <ul className="list-disc pl-5">
            {request.replies.map((r) => (
              <li key={r.id} className="whitespace-pre-line">
                {r.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={reply} className="flex flex-col gap-2">
        <label htmlFor={replyId} className="text-sm font-medium">
          {t("replyLabel")}
        </label>
        <textarea
          id={replyId}
          rows={2}
          maxLength={HELP_REPLY_MAX}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t("replyPlaceholder")}
          className="rounded-lg border border-slate-300 px-2 py-1"
        />
        <div>
          <Button type="submit" disabled={busy || !text.trim()}>
            {t("sendReply")}
          </Button>
        </div>
      </form>
    </li>
  );
}

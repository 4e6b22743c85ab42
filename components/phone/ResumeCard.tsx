"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { ConnectionState } from "@/lib/client/live-store";
import { Outbox, outboxKey, type OutboxEntry } from "@/lib/client/outbox";
import type { ParticipantPass } from "@/lib/client/participant-pass";

/**
 * A phone that has joined but not yet heard from the server since it
 * loaded: reloaded with no connection (the service worker served the page),
 * or still reconnecting. It is still in its session, and what it wrote waits
 * in its outbox (localStorage) until the connection is back.
 */
export function ResumeCard({ pass, state }: { pass: ParticipantPass; state: ConnectionState }) {
  const t = useTranslations("join");
  const tb = useTranslations("board");
  const ts = useTranslations("sketch");
  const [entries, setEntries] = useState<OutboxEntry[]>([]);

  useEffect(() => {
    const key = outboxKey(pass.sessionId, pass.participantId);
    setEntries(new Outbox(key).list());
    // Another tab of this phone may send or queue meanwhile.
    const onStorage = (e: StorageEvent) => {
      if (e.key === key) setEntries(new Outbox(key).list());
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [pass.sessionId, pass.participantId]);

  const notes = entries.filter((e) => e.name === "note:add");
  const strokes = entries.filter((e) => e.name === "stroke:commit").length;
  // Edits, deletes, votes: counted, shown in full once the session is back.
  const others = entries.length - notes.length - strokes;

  return (
    <section className="flex flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm" data-testid="phone-resume">
      <h1 className="text-2xl font-bold">{t("stillIn")}</h1>
      <p className="text-slate-700">{state === "offline" ? t("resumeOffline") : t("resumeConnecting")}</p>
      {entries.length > 0 && (
        <>
          <h2 className="text-sm font-semibold text-slate-600">{t("queued")}</h2>
          {notes.length > 0 && (
            <ul className="flex flex-col gap-2">
              {notes.map((e) => (
                <li key={e.payload.id} data-testid="pending-note" className="rounded-lg border border-dashed border-slate-400 bg-white/70 p-2">
                  <p className="whitespace-pre-line break-words">{String(e.payload.text ?? "")}</p>
                  <p className="text-xs text-slate-600">{tb("pending")}</p>
                </li>
              ))}
            </ul>
          )}
          {strokes > 0 && (
            <p className="text-sm text-slate-700" data-testid="pending-strokes">
              {ts("unsent", { count: strokes })}
            </p>
          )}
          {others > 0 && (
            <p className="text-sm text-slate-700" data-testid="pending-changes">
              {t("queuedChanges", { count: others })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/Button";
import { LockIcon } from "@/components/ui/LockIcon";
import { ROOM_CAP_MAX } from "@/lib/domain/room-commands";
import type { SessionState } from "@/lib/domain/session-state";
import type { RoomAction } from "./room-action";

/**
 * Who may come in: lock joining, approve each joiner, cap the room, and the
 * people waiting to be let in.
 */
export function RoomControls({ session, onAction, busy }: { session: SessionState; onAction: (a: RoomAction) => Promise<boolean>; busy: boolean }) {
  const t = useTranslations("room");
  const ids = useId();
  const { locked, approveJoiners, cap } = session.room;
  const ended = session.status === "ended";
  const count = session.participantOrder.length;
  const [capDraft, setCapDraft] = useState(cap === null ? "" : String(cap));
  // A cap set elsewhere (another console tab) shows up here.
  useEffect(() => setCapDraft(cap === null ? "" : String(cap)), [cap]);
  // The box ticks at once; the session's own setting takes over when its event arrives (or on a refusal).
  const [approveDraft, setApproveDraft] = useState<boolean | null>(null);
  useEffect(() => setApproveDraft(null), [approveJoiners]);

  async function setApprove(on: boolean) {
    setApproveDraft(on);
    if (!(await onAction({ type: "room:configure", approveJoiners: on }))) setApproveDraft(null);
  }

  function saveCap(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const raw = capDraft.trim();
    const next = raw === "" ? null : Number(raw);
    if (next !== null && (!Number.isInteger(next) || next < 1 || next > ROOM_CAP_MAX)) return;
    if (next === cap) return;
    void onAction({ type: "room:configure", cap: next });
  }

  const waiting = session.waiting.filter((id) => Object.hasOwn(session.participants, id));
  const full = cap !== null && count >= cap;

  return (
    <div className="flex flex-col gap-2" data-testid="room-controls">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Button
          variant={locked ? "primary" : "secondary"}
          disabled={busy || ended}
          onClick={() => onAction({ type: "room:configure", locked: !locked })}
          data-testid="lock-joining"
          data-locked={locked}
          className="px-3"
        >
          <LockIcon open={!locked} className="mr-2 size-5" />
          {locked ? t("unlock") : t("lock")}
        </Button>
        <label className="flex min-h-11 cursor-pointer items-center gap-2 font-medium">
          <input
            type="checkbox"
            className="size-5 accent-brand"
            checked={approveDraft ?? approveJoiners}
            disabled={ended}
            onChange={(e) => void setApprove(e.target.checked)}
            aria-describedby={`${ids}-approve-hint`}
          />
          {t("approveJoiners")}
        </label>
        <form onSubmit={saveCap} className="flex flex-wrap items-center gap-2">
          <label htmlFor={`${ids}-cap`} className="font-medium whitespace-nowrap">
            {t("cap")}
          </label>
          <input
            id={`${ids}-cap`}
            type="number"
            inputMode="numeric"
            min={1}
            max={ROOM_CAP_MAX}
            step={1}
            value={capDraft}
            placeholder={t("noCap")}
            onChange={(e) => setCapDraft(e.target.value)}
            disabled={ended}
            aria-describedby={`${ids}-cap-hint`}
            className="min-h-11 w-24 min-w-0 rounded-lg border border-slate-300 bg-white px-2 py-2"
          />
          <Button type="submit" variant="secondary" className="px-3 whitespace-nowrap" disabled={busy || ended || capDraft.trim() === (cap === null ? "" : String(cap))}>
            {t("setCap")}
          </Button>
        </form>
      </div>
      <p className="text-xs text-slate-600" role="status" data-testid="room-status">
        <span className={locked ? "font-semibold text-amber-800" : ""}>{locked ? t("closed") : t("open")}</span>
        {full && !locked && <span className="font-semibold text-amber-800"> · {t("full")}</span>}
        <span id={`${ids}-approve-hint`}> · {approveJoiners ? t("approveOnHint") : t("approveOffHint")}</span>
        <span id={`${ids}-cap-hint`}> · {cap === null ? t("capNone") : t("capOf", { count, cap })}</span>
      </p>
      {waiting.length > 0 && (
        <div className="rounded-xl border border-amber-300 bg-amber-50 p-3" data-testid="waiting-list">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-semibold text-amber-900">{t("waitingTitle", { count: waiting.length })}</h3>
            <Button disabled={busy || ended} onClick={() => onAction({ type: "participant:admit", participantIds: waiting.slice(0, ROOM_CAP_MAX) })}>
              {t("letEveryoneIn")}
            </Button>
          </div>
          <ul className="relative flex max-h-48 flex-col gap-1 overflow-y-auto">
            {waiting.map((id) => (
              <li key={id} data-testid="waiting-person" className="flex items-center justify-between gap-2 rounded-lg bg-white px-3 py-1">
                <span className="truncate font-medium" id={`${ids}-w-${id}`}>
                  {session.participants[id].nickname}
                </span>
                <Button
                  variant="secondary"
                  className="shrink-0"
                  disabled={busy || ended}
                  aria-describedby={`${ids}-w-${id}`}
                  onClick={() => onAction({ type: "participant:admit", participantIds: [id] })}
                >
                  {t("letIn")}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

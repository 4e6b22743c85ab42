"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/Button";
import { NICKNAME_MAX } from "@/lib/domain/nickname";
import { ROOM_CAP_MAX } from "@/lib/domain/room-commands";
import type { SessionState } from "@/lib/domain/session-state";
import { RemoveDialog } from "./RemoveDialog";
import type { RoomAction } from "./room-action";

/**
 * Everyone in the session, in joining order: a filter for big rooms, a
 * checkbox per person (labelled with the nickname) to remove several at once,
 * and a rename per row for a name that should not be on the wall. Scrolls
 * inside its own pane so 200 people do not push the console off the screen
 * (on a laptop it fills the rest of the console's participants column).
 */
export function ParticipantList({
  session,
  online,
  onAction,
  busy,
}: {
  session: SessionState;
  online: Set<string>;
  onAction: (a: RoomAction) => Promise<boolean>;
  busy: boolean;
}) {
  const t = useTranslations("room");
  const tc = useTranslations("console");
  const ids = useId();
  const [query, setQuery] = useState("");
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const ended = session.status === "ended";
  const waiting = useMemo(() => new Set(session.waiting), [session.waiting]);

  const q = query.trim().toLocaleLowerCase();
  const shown = q ? session.participantOrder.filter((id) => session.participants[id]?.nickname.toLocaleLowerCase().includes(q)) : session.participantOrder;
  // People who left (removed by another tab) drop out of the selection by themselves.
  const selected = session.participantOrder.filter((id) => picked.has(id));

  function toggle(id: string, on: boolean) {
    setPicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function remove(keepNotes: boolean) {
    const participantIds = selected.slice(0, ROOM_CAP_MAX);
    const ok = await onAction({ type: "participant:remove", participantIds, keepNotes });
    setConfirming(false);
    if (ok) setPicked(new Set());
  }

  return (
    <div className="@container flex flex-col gap-3 lg:min-h-0 lg:flex-1">
      {session.participantOrder.length > 0 && (
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={`${ids}-filter`} className="sr-only">
            {t("filter")}
          </label>
          <input
            id={`${ids}-filter`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t("filterPlaceholder")}
            autoComplete="off"
            className="min-h-11 w-48 grow rounded-lg border border-slate-300 bg-white px-3 py-2 sm:grow-0"
          />
          <Button variant="secondary" disabled={shown.length === 0 || ended} onClick={() => setPicked((prev) => new Set([...prev, ...shown]))}>
            {t("selectAll")}
          </Button>
          {selected.length > 0 && (
            <Button variant="secondary" onClick={() => setPicked(new Set())}>
              {t("clearSelection")}
            </Button>
          )}
          <span className="text-sm text-slate-600" aria-live="polite" data-testid="selected-count">
            {selected.length > 0 ? t("selected", { count: selected.length }) : ""}
          </span>
          <Button variant="danger" className="ml-auto" disabled={selected.length === 0 || busy || ended} onClick={() => setConfirming(true)}>
            {t("removeSelected")}
          </Button>
        </div>
      )}
      {q && shown.length === 0 && <p className="text-slate-600">{t("noMatch", { query: query.trim() })}</p>}
      <ul
        className="relative grid max-h-[50vh] min-h-40 grid-cols-1 content-start gap-1.5 overflow-y-auto overscroll-contain pr-1 @md:grid-cols-2 @3xl:grid-cols-3 lg:max-h-none lg:flex-1"
        data-testid="participant-list"
        aria-label={tc("participants")}
      >
        {shown.map((id) => {
          const p = session.participants[id];
          if (!p) return null;
          const isOnline = online.has(id);
          const isWaiting = waiting.has(id);
          const nameId = `${ids}-n-${id}`;
          if (editing === id) {
            return (
              <li key={id} data-testid="participant" data-participant-id={id} className="col-span-full rounded-lg border border-brand bg-cyan-50 px-3 py-2">
                <RenameForm
                  nickname={p.nickname}
                  busy={busy}
                  onCancel={() => setEditing(null)}
                  onSave={async (nickname) => {
                    if (nickname === p.nickname || (await onAction({ type: "participant:rename", participantId: id, nickname }))) setEditing(null);
                  }}
                />
              </li>
            );
          }
          return (
            <li
              key={id}
              data-testid="participant"
              data-participant-id={id}
              data-selected={picked.has(id)}
              data-waiting={isWaiting || undefined}
              title={isWaiting ? `${p.nickname} · ${t("waitingBadge")}` : undefined}
              className={`flex min-h-11 items-center gap-1 rounded-lg border pr-1 ${picked.has(id) ? "border-rose-300 bg-rose-50" : isWaiting ? "border-dashed border-amber-400 bg-amber-50" : "border-slate-200"}`}
            >
              <label className="flex min-h-11 min-w-0 flex-1 cursor-pointer items-center gap-2 py-1 pl-3">
                <input
                  type="checkbox"
                  className="size-5 shrink-0 accent-rose-700"
                  checked={picked.has(id)}
                  disabled={ended}
                  onChange={(e) => toggle(id, e.target.checked)}
                  aria-label={p.nickname}
                />
                <span aria-hidden className={`size-2.5 shrink-0 rounded-full ${isWaiting ? "bg-amber-500" : isOnline ? "bg-emerald-500" : "bg-slate-300"}`} />
                <span className="truncate" data-testid="participant-name" id={nameId} title={isWaiting ? undefined : p.nickname}>
                  {p.nickname}
                </span>
              </label>
              <span className="sr-only">
                {isOnline ? tc("online") : tc("away")}
                {isWaiting && `, ${t("waitingBadge")}`}
              </span>
              {!ended && (
                <button
                  type="button"
                  onClick={() => setEditing(id)}
                  aria-describedby={nameId}
                  className="min-h-11 shrink-0 rounded-md px-2 text-sm font-semibold text-brand-dark underline-offset-2 hover:bg-slate-100 hover:underline"
                >
                  {t("rename")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {confirming && selected.length > 0 && (
        <RemoveDialog names={selected.map((id) => session.participants[id].nickname)} busy={busy} onConfirm={(keep) => void remove(keep)} onCancel={() => setConfirming(false)} />
      )}
    </div>
  );
}

/** The inline rename of one row: the new name, save or cancel (Escape). */
function RenameForm({ nickname, busy, onSave, onCancel }: { nickname: string; busy: boolean; onSave: (nickname: string) => void; onCancel: () => void }) {
  const t = useTranslations("room");
  const [value, setValue] = useState(nickname);
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const next = value.trim();
        if (next) onSave(next);
      }}
    >
      <input
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") onCancel();
        }}
        aria-label={t("newName")}
        maxLength={NICKNAME_MAX}
        autoFocus
        required
        className="min-h-11 min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2"
      />
      <Button type="submit" disabled={busy || !value.trim()}>
        {t("save")}
      </Button>
      <Button type="button" variant="secondary" onClick={onCancel}>
        {t("cancel")}
      </Button>
    </form>
  );
}

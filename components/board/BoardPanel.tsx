"use client";

import type { StaffAction } from "@/lib/client/live-connection";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { sortNotes, type BoardSettings, type Note, type WallView } from "@/lib/domain/board";
import type { SessionState } from "@/lib/domain/session-state";

export type BoardAction = StaffAction<"board:configure" | "note:hide" | "note:restore" | "note:cluster" | "cluster:create" | "cluster:remove">;

const DRAG_NOTE = "application/x-ortaq-note";

/** The trainer's view of the notes: settings, moderation (hide, approve) and clusters. */
export function BoardPanel({ session, onAction, busy }: { session: SessionState; onAction: (a: BoardAction) => Promise<boolean>; busy: boolean }) {
  const t = useTranslations("board");
  const tc = useTranslations("controls");
  const b = session.board;
  const [clusterName, setClusterName] = useState("");
  const [over, setOver] = useState<string | null>(null);
  const ended = session.status === "ended";
  const notes = sortNotes(session.noteOrder.map((id) => session.notes[id]).filter((n): n is Note => !!n), b.wallSort);
  const set = (settings: Partial<BoardSettings>) => void onAction({ type: "board:configure", settings });

  const zones: { id: string | null; name: string }[] = [...session.clusterOrder.map((id) => ({ id, name: session.clusters[id].name })), { id: null, name: t("unclustered") }];
  const shown = zones
    .map((zone) => ({ zone, inZone: notes.filter((n) => (n.clusterId && session.clusters[n.clusterId] ? n.clusterId : null) === zone.id) }))
    .filter(({ zone, inZone }) => !(zone.id === null && inZone.length === 0 && session.clusterOrder.length > 0));
  const dropProps = (clusterId: string | null) => ({
    onDragOver: (e: React.DragEvent) => {
      if (e.dataTransfer.types.includes(DRAG_NOTE)) {
        e.preventDefault();
        setOver(clusterId ?? "none");
      }
    },
    onDragLeave: () => setOver(null),
    onDrop: (e: React.DragEvent) => {
      setOver(null);
      const noteId = e.dataTransfer.getData(DRAG_NOTE);
      if (noteId && session.notes[noteId]?.clusterId !== clusterId) void onAction({ type: "note:cluster", noteId, clusterId });
    },
  });

  return (
    <section className="@container flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm" aria-labelledby="board-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="board-heading" className="text-lg font-semibold">
          {t("title")} <span className="text-sm font-normal text-slate-500">({notes.length})</span>
        </h2>
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (clusterName.trim() && (await onAction({ type: "cluster:create", name: clusterName }))) setClusterName("");
          }}
        >
          <label className="flex items-center gap-2 text-sm">
            {t("newCluster")}
            <input value={clusterName} onChange={(e) => setClusterName(e.target.value)} maxLength={60} className="w-40 rounded-lg border border-slate-300 px-2 py-1.5" />
          </label>
          <Button type="submit" variant="secondary" className="min-h-9 px-3 py-1 text-sm" disabled={busy || ended}>
            {t("addCluster")}
          </Button>
        </form>
      </div>
      <fieldset className="grid gap-x-4 gap-y-1 rounded-xl bg-slate-50 px-3 py-2 text-sm @md:grid-cols-2 @4xl:grid-cols-3" disabled={busy || ended}>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={b.postingPaused} onChange={(e) => set({ postingPaused: e.target.checked })} /> {t("pausePosting")}
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={b.anonymousAllowed} onChange={(e) => set({ anonymousAllowed: e.target.checked })} /> {t("anonymousAllowed")}
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={b.showAll} onChange={(e) => set({ showAll: e.target.checked })} /> {t("showAll")}
        </label>
        <label className="flex items-center gap-2">
          {t("votesPerPerson")}
          <input type="number" min={0} max={20} value={b.votesPerPerson} onChange={(e) => set({ votesPerPerson: Math.max(0, Math.min(20, Number(e.target.value) || 0)) })} className="w-16 rounded border border-slate-300 px-1" />
        </label>
        <label className="flex items-center gap-2">
          {t("filter")}
          <select value={b.filter} onChange={(e) => set({ filter: e.target.value as BoardSettings["filter"] })} className="rounded border border-slate-300 bg-white px-1">
            <option value="off">{t("filterOff")}</option>
            <option value="flag">{t("filterFlag")}</option>
            <option value="hold">{t("filterHold")}</option>
          </select>
        </label>
        <label className="flex items-center gap-2">
          {t("noteMax")}
          <input type="number" min={20} max={1000} defaultValue={b.noteMax} onBlur={(e) => set({ noteMax: Math.max(20, Math.min(1000, Number(e.target.value) || 280)) })} className="w-20 rounded border border-slate-300 px-1" />
        </label>
        <label className="flex items-center gap-2">
          {t("wallView")}
          <select
            value={b.wallView ?? "group"}
            onChange={(e) => {
              const view = e.target.value as WallView;
              // The group/cluster half stays in step for older readers of the settings.
              set(view === "group" || view === "cluster" ? { wallView: view, wallGroupBy: view } : { wallView: view });
            }}
            className="rounded border border-slate-300 bg-white px-1"
          >
            <option value="group">{t("viewGroup")}</option>
            <option value="cluster">{t("viewCluster")}</option>
            <option value="votes">{t("viewVotes")}</option>
            <option value="cloud">{t("viewCloud")}</option>
            <option value="single">{t("viewSingle")}</option>
          </select>
        </label>
        <label className="flex items-center gap-2">
          {t("wallSort")}
          <select value={b.wallSort} onChange={(e) => set({ wallSort: e.target.value as BoardSettings["wallSort"] })} className="rounded border border-slate-300 bg-white px-1">
            <option value="time">{t("sortTime")}</option>
            <option value="votes">{t("sortVotes")}</option>
          </select>
        </label>
      </fieldset>

      {session.clusterOrder.length > 0 && <p className="text-xs text-slate-500">{t("dragHint")}</p>}

      {/* 500 notes scroll here, not down the whole console. */}
      <div className="relative max-h-[60vh] overflow-y-auto rounded-xl pr-1" data-testid="notes-pane" role="region" aria-label={tc("notesPane")} tabIndex={0}>
        <div className={`grid gap-3 ${shown.length > 1 ? "@xl:grid-cols-2" : ""}`}>
          {shown.map(({ zone: z, inZone }) => {
            return (
              <div key={z.id ?? "none"} {...dropProps(z.id)} className={`flex flex-col gap-2 rounded-xl border border-slate-200 p-3 ${over === (z.id ?? "none") ? "ring-4 ring-brand" : ""}`} data-testid="cluster" data-cluster-id={z.id ?? ""}>
                {session.clusterOrder.length > 0 && (
                  <div className="flex items-center justify-between">
                    <h3 className="font-semibold">{z.name}</h3>
                    {z.id && (
                      <button type="button" className="text-xs text-rose-700 underline" onClick={() => onAction({ type: "cluster:remove", clusterId: z.id! })} disabled={busy || ended}>
                        {t("removeCluster")}
                      </button>
                    )}
                  </div>
                )}
                <ul className={`grid content-start gap-2 ${shown.length === 1 ? "@xl:grid-cols-2" : ""}`}>
                  {inZone.map((n) => (
                    <ConsoleNote key={n.id} note={n} session={session} onAction={onAction} disabled={busy || ended} />
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

function ConsoleNote({ note, session, onAction, disabled }: { note: Note; session: SessionState; onAction: (a: BoardAction) => Promise<boolean>; disabled: boolean }) {
  const t = useTranslations("board");
  const author = note.anonymous ? t("anonymousLabel") : note.authorId ? session.participants[note.authorId]?.nickname : null;
  const group = note.groupId ? session.groups[note.groupId]?.name : t("room");
  const onWall = session.board.wallView === "single" && session.board.wallNote === note.id;
  const tone = note.status === "hidden" ? "bg-slate-100 text-slate-500 line-through" : note.status === "held" ? "bg-amber-50 border-amber-400" : note.flagged ? "bg-rose-50 border-rose-300" : "bg-amber-100/60";
  return (
    <li
      draggable={!disabled}
      onDragStart={(e) => e.dataTransfer.setData(DRAG_NOTE, note.id)}
      data-testid="note"
      data-note-id={note.id}
      data-status={note.status}
      className={`rounded-lg border border-transparent p-2 text-sm ${tone}`}
    >
      <p className="break-words whitespace-pre-line">{note.text}</p>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 no-underline">
        <span>{group}</span>
        {author && <span>· {author}</span>}
        {note.votes > 0 && <span>· ♥ {note.votes}</span>}
        {note.status === "hidden" && <strong className="text-slate-700">{t("hiddenMark")}</strong>}
        {note.status === "held" && <strong className="text-amber-800">{t("heldMark")}</strong>}
        {note.flagged && note.status !== "held" && <strong className="text-rose-700">{t("flaggedMark")}</strong>}
        <span className="ml-auto flex items-center gap-2">
          {session.clusterOrder.length > 0 && (
            <select
              aria-label={t("moveToCluster")}
              value={note.clusterId ?? ""}
              onChange={(e) => onAction({ type: "note:cluster", noteId: note.id, clusterId: e.target.value || null })}
              disabled={disabled}
              className="rounded border border-slate-300 bg-white px-1"
            >
              <option value="">{t("unclustered")}</option>
              {session.clusterOrder.map((id) => (
                <option key={id} value={id}>
                  {session.clusters[id].name}
                </option>
              ))}
            </select>
          )}
          {note.status === "visible" && (
            <button
              type="button"
              className={`rounded border px-2 py-0.5 font-semibold ${onWall ? "border-brand bg-brand text-white" : "border-slate-300 bg-white"}`}
              aria-pressed={onWall}
              onClick={() => onAction({ type: "board:configure", settings: { wallView: "single", wallNote: note.id } })}
              disabled={disabled || onWall}
            >
              {onWall ? t("onWall") : t("showOnWall")}
            </button>
          )}
          {note.status === "visible" ? (
            <button type="button" className="rounded border border-slate-300 bg-white px-2 py-0.5 font-semibold" onClick={() => onAction({ type: "note:hide", noteId: note.id })} disabled={disabled}>
              {t("hide")}
            </button>
          ) : (
            <button type="button" className="rounded border border-slate-300 bg-white px-2 py-0.5 font-semibold" onClick={() => onAction({ type: "note:restore", noteId: note.id })} disabled={disabled}>
              {note.status === "held" ? t("approve") : t("restore")}
            </button>
          )}
        </span>
      </div>
    </li>
  );
}

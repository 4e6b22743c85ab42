"use client";

import type { StaffAction } from "@/lib/client/live-connection";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Countdown } from "@/components/agenda/Countdown";
import { Button } from "@/components/ui/Button";
import { membersOf, type SessionState } from "@/lib/domain/session-state";

export type GroupAction = StaffAction<"groups:form" | "participant:move" | "groups:merge" | "group:split" | "group:rename" | "group:remove" | "groups:dissolve" | "timer:extend" | "broadcast:send">;

const DRAG_TYPE = "application/x-ortaq-participant";

/**
 * Splitting and regrouping on the console. People move by drag and drop, or
 * (on touch screens) by tapping a name and then the target group.
 */
export function GroupsPanel({
  session,
  online,
  onAction,
  busy,
  clockOffset,
}: {
  session: SessionState;
  online: Set<string>;
  onAction: (a: GroupAction) => Promise<boolean>;
  busy: boolean;
  clockOffset: number;
}) {
  const t = useTranslations("groups");
  const [selected, setSelected] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const hasGroups = session.groupOrder.length > 0;
  const ungrouped = session.participantOrder.filter((id) => !session.membership[id]);
  const ended = session.status === "ended";

  const moveTo = (groupId: string | null) => {
    if (!selected) return;
    void onAction({ type: "participant:move", participantId: selected, groupId });
    setSelected(null);
  };

  const person = (id: string) => {
    const p = session.participants[id];
    return (
      <li key={id}>
        <button
          type="button"
          draggable={!ended}
          onDragStart={(e) => e.dataTransfer.setData(DRAG_TYPE, id)}
          onClick={() => setSelected(selected === id ? null : id)}
          aria-pressed={selected === id}
          data-testid="group-member"
          data-participant-id={id}
          className={`flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-sm ${selected === id ? "bg-amber-200 ring-2 ring-amber-500" : "bg-white/80 hover:bg-white"}`}
        >
          <span aria-hidden className={`size-2 shrink-0 rounded-full ${online.has(id) ? "bg-emerald-500" : "bg-slate-300"}`} />
          <span className="truncate">{p?.nickname ?? id}</span>
        </button>
      </li>
    );
  };

  const dropProps = (groupId: string | null) => ({
    onDragOver: (e: React.DragEvent) => {
      if (e.dataTransfer.types.includes(DRAG_TYPE)) {
        e.preventDefault();
        setDropTarget(groupId ?? "none");
      }
    },
    onDragLeave: () => setDropTarget(null),
    onDrop: (e: React.DragEvent) => {
      const id = e.dataTransfer.getData(DRAG_TYPE);
      setDropTarget(null);
      if (id && session.membership[id] !== groupId) void onAction({ type: "participant:move", participantId: id, groupId });
    },
  });

  return (
    <section className="flex flex-col gap-4 rounded-2xl bg-white p-6 shadow-sm" aria-labelledby="groups-heading">
      <h2 id="groups-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <SplitForm onSplit={(a) => onAction(a)} disabled={busy || ended} regroup={hasGroups} />

      {hasGroups && (
        <>
          <p className="text-sm text-slate-600">{t("selectToMove")}</p>
          {selected && (
            <p className="flex items-center gap-2 rounded-lg bg-amber-50 p-2 text-sm" role="status">
              <Button variant="secondary" onClick={() => setSelected(null)}>
                {t("cancelMove")}
              </Button>
            </p>
          )}
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="console-groups">
            {session.groupOrder.map((gid) => {
              const g = session.groups[gid];
              const members = membersOf(session, gid);
              return (
                <div
                  key={gid}
                  data-testid="group"
                  data-group-id={gid}
                  className={`flex flex-col gap-2 rounded-xl border-l-8 bg-slate-50 p-3 ${dropTarget === gid ? "ring-4 ring-brand" : ""}`}
                  style={{ borderLeftColor: g.colour }}
                  {...dropProps(gid)}
                >
                  <div className="flex items-center justify-between gap-2">
                    <h3 className="font-bold" data-testid="group-name">
                      {g.name}
                    </h3>
                    <span className="text-xs text-slate-600" data-testid="group-size" data-size={members.length}>
                      {session.groupCap ? t("ofCap", { count: members.length, cap: session.groupCap }) : t("members", { count: members.length })}
                      {session.groupDone[gid] ? ` · ✓ ${t("groupDone")}` : ""}
                    </span>
                  </div>
                  {session.groupTimers[gid] && <Countdown timer={session.groupTimers[gid]} clockOffset={clockOffset} size="phone" testId="group-timer" />}
                  <ul className="flex flex-col gap-1">{members.map(person)}</ul>
                  {selected && session.membership[selected] !== gid && (
                    <Button onClick={() => moveTo(gid)} className="text-sm">
                      {t("moveHere", { name: session.participants[selected]?.nickname ?? "" })}
                    </Button>
                  )}
                  <GroupMenu session={session} groupId={gid} size={members.length} onAction={onAction} disabled={busy || ended} />
                </div>
              );
            })}
          </div>
          {ungrouped.length > 0 && (
            <div className={`rounded-xl border border-dashed border-slate-300 p-3 ${dropTarget === "none" ? "ring-4 ring-brand" : ""}`} {...dropProps(null)} data-testid="ungrouped">
              <h3 className="mb-1 text-sm font-semibold">{t("ungrouped")}</h3>
              <ul className="grid grid-cols-2 gap-1 sm:grid-cols-3">{ungrouped.map(person)}</ul>
              {selected && session.membership[selected] && (
                <Button variant="secondary" onClick={() => moveTo(null)} className="mt-2 text-sm">
                  {t("moveHere", { name: session.participants[selected]?.nickname ?? "" })}
                </Button>
              )}
            </div>
          )}
          <BroadcastForm session={session} onSend={(text, groupId) => onAction({ type: "broadcast:send", text, groupId })} disabled={busy || ended} />
          <div>
            <Button variant="secondary" onClick={() => onAction({ type: "groups:dissolve" })} disabled={busy || ended}>
              {t("dissolve")}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function SplitForm({ onSplit, disabled, regroup }: { onSplit: (a: GroupAction & { type: "groups:form" }) => void; disabled: boolean; regroup: boolean }) {
  const t = useTranslations("groups");
  const [selfSelect, setSelfSelect] = useState(false);
  return (
    <form
      className="flex flex-col gap-3 rounded-xl bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const cap = Number(f.get("cap"));
        onSplit({
          type: "groups:form",
          by: f.get("by") === "size" ? "size" : "count",
          n: Math.max(1, Number(f.get("n")) || 1),
          balanced: f.get("balanced") === "on",
          mixNew: f.get("mixNew") === "on",
          naming: f.get("naming") === "numbers" ? "numbers" : "animals",
          selfSelect,
          cap: selfSelect && cap > 0 ? cap : null,
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          {t("splitInto")}
          <input name="n" type="number" min={1} max={100} defaultValue={3} className="w-20 rounded-lg border border-slate-300 bg-white px-2 py-1.5" aria-label={t("splitInto")} />
        </label>
        <select name="by" defaultValue="count" className="min-h-9 rounded-lg border border-slate-300 bg-white px-2" aria-label={t("split")}>
          <option value="count">{t("byCount")}</option>
          <option value="size">{t("bySize")}</option>
        </select>
        <label className="flex flex-col text-sm">
          {t("naming")}
          <select name="naming" defaultValue="animals" className="min-h-9 rounded-lg border border-slate-300 bg-white px-2">
            <option value="animals">{t("animals")}</option>
            <option value="numbers">{t("numbers")}</option>
          </select>
        </label>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="balanced" defaultChecked /> {t("balanced")}
      </label>
      {regroup && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="mixNew" /> {t("mixNew")}
        </label>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={selfSelect} onChange={(e) => setSelfSelect(e.target.checked)} /> {t("selfSelect")}
      </label>
      {selfSelect && (
        <label className="flex items-center gap-2 text-sm">
          {t("cap")}
          <input name="cap" type="number" min={1} max={500} className="w-20 rounded-lg border border-slate-300 bg-white px-2 py-1" />
        </label>
      )}
      <div>
        <Button type="submit" disabled={disabled}>
          {regroup ? t("regroup") : t("go")}
        </Button>
      </div>
    </form>
  );
}

function GroupMenu({ session, groupId, size, onAction, disabled }: { session: SessionState; groupId: string; size: number; onAction: (a: GroupAction) => Promise<boolean>; disabled: boolean }) {
  const t = useTranslations("groups");
  const g = session.groups[groupId];
  const others = session.groupOrder.filter((id) => id !== groupId);
  const small = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-semibold hover:bg-slate-100 disabled:opacity-50";
  return (
    <div className="flex flex-wrap gap-1">
      <button
        type="button"
        className={small}
        disabled={disabled}
        onClick={() => {
          const name = window.prompt(t("newName", { name: g.name }), g.name);
          if (name) void onAction({ type: "group:rename", groupId, name });
        }}
      >
        {t("rename")}
      </button>
      <button type="button" className={small} disabled={disabled} onClick={() => onAction({ type: "timer:extend", seconds: 120, groupId })}>
        {t("moreTime")}
      </button>
      {size >= 2 && (
        <button type="button" className={small} disabled={disabled} onClick={() => onAction({ type: "group:split", groupId })}>
          {t("splitGroup")}
        </button>
      )}
      {others.length > 0 && (
        <select
          className={small}
          disabled={disabled}
          value=""
          aria-label={`${t("merge")} ${g.name}`}
          onChange={(e) => e.target.value && onAction({ type: "groups:merge", from: groupId, into: e.target.value })}
        >
          <option value="">{t("merge")}</option>
          {others.map((id) => (
            <option key={id} value={id}>
              {session.groups[id].name}
            </option>
          ))}
        </select>
      )}
      {size === 0 && (
        <button type="button" className={`${small} text-rose-700`} disabled={disabled} onClick={() => onAction({ type: "group:remove", groupId })}>
          {t("remove")}
        </button>
      )}
    </div>
  );
}

function BroadcastForm({ session, onSend, disabled }: { session: SessionState; onSend: (text: string, groupId: string | null) => Promise<boolean>; disabled: boolean }) {
  const t = useTranslations("groups");
  const [sent, setSent] = useState(false);
  return (
    <form
      className="flex flex-col gap-2 rounded-xl bg-slate-50 p-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const f = new FormData(form);
        const ok = await onSend(String(f.get("text") ?? ""), (f.get("to") as string) || null);
        setSent(ok);
        if (ok) form.reset();
      }}
    >
      <h3 className="font-semibold">{t("broadcast")}</h3>
      <label className="flex flex-col text-sm">
        {t("message")}
        <textarea name="text" required maxLength={280} rows={2} className="rounded-lg border border-slate-300 bg-white px-2 py-1.5" onChange={() => setSent(false)} />
      </label>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          {t("to")}
          <select name="to" defaultValue="" aria-label={t("to")} className="min-h-9 rounded-lg border border-slate-300 bg-white px-2">
            <option value="">{t("allGroups")}</option>
            {session.groupOrder.map((id) => (
              <option key={id} value={id}>
                {session.groups[id].name}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={disabled}>
          {t("send")}
        </Button>
        {sent && (
          <span role="status" className="text-sm font-semibold text-emerald-700">
            {t("sent")}
          </span>
        )}
      </div>
    </form>
  );
}

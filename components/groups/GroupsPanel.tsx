"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Countdown } from "@/components/agenda/Countdown";
import { Button } from "@/components/ui/Button";
import { membersOf, type SessionState } from "@/lib/domain/session-state";
import { BroadcastForm } from "./BroadcastForm";
import type { GroupAction } from "./group-action";
import { GroupMenu } from "./GroupMenu";
import { SplitForm } from "./SplitForm";

export type { GroupAction } from "./group-action";

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
  const tc = useTranslations("controls");
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
    <section className="@container flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm" aria-labelledby="groups-heading">
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
          {/* 40 groups scroll here, not down the whole console. */}
          <div
            className="relative grid max-h-[60vh] content-start gap-3 overflow-y-auto pr-1 @lg:grid-cols-2 @3xl:grid-cols-3"
            data-testid="console-groups"
            role="region"
            aria-label={tc("groupsPane")}
            tabIndex={0}
          >
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
              <ul className="relative grid max-h-48 grid-cols-2 gap-1 overflow-y-auto @xl:grid-cols-3" data-testid="ungrouped-list">
                {ungrouped.map(person)}
              </ul>
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

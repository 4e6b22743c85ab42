"use client";

import { useTranslations } from "next-intl";
import type { SessionState } from "@/lib/domain/session-state";
import type { GroupAction } from "./group-action";

/** One group's actions on the console: rename, more time, split, merge into another, remove when empty. */
export function GroupMenu({ session, groupId, size, onAction, disabled }: { session: SessionState; groupId: string; size: number; onAction: (a: GroupAction) => Promise<boolean>; disabled: boolean }) {
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

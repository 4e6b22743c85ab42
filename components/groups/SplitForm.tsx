"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import type { GroupAction } from "./group-action";

/** How to split the room (or regroup it): by count or size, balanced, mixed, named, or chosen on the phones. */
export function SplitForm({ onSplit, disabled, regroup }: { onSplit: (a: GroupAction & { type: "groups:form" }) => void; disabled: boolean; regroup: boolean }) {
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

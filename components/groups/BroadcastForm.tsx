"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import type { SessionState } from "@/lib/domain/session-state";

/** A message from the trainer to every group's phones, or to one group. */
export function BroadcastForm({ session, onSend, disabled }: { session: SessionState; onSend: (text: string, groupId: string | null) => Promise<boolean>; disabled: boolean }) {
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

"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorText } from "@/components/ui/ErrorText";
import { callApi } from "@/lib/client/api";

export function RetentionForm({ initialDays }: { initialDays: number }) {
  const t = useTranslations("reports");
  const router = useRouter();
  const [days, setDays] = useState(initialDays);
  const [result, setResult] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-2xl bg-white p-4 text-sm shadow-sm"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await callApi<{ deleted: number }>("/api/settings/retention", { method: "PUT", body: { days } });
        setError(r.ok ? null : r.error.code);
        setResult(r.ok ? r.deleted : null);
        router.refresh();
      }}
    >
      <label className="flex flex-col">
        {t("retention")}
        <input type="number" min={0} max={3650} value={days} onChange={(e) => setDays(Math.max(0, Number(e.target.value) || 0))} className="w-28 rounded-lg border border-slate-300 px-2 py-1.5" />
      </label>
      <button type="submit" className="rounded-lg border border-slate-300 px-3 py-2 font-semibold">
        OK
      </button>
      {result !== null && <span role="status">{t("retentionSaved", { count: result })}</span>}
      <ErrorText code={error} />
    </form>
  );
}

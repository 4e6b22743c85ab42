"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorText } from "@/components/ui/ErrorText";
import { callApi } from "@/lib/client/api";

/** Preview, duplicate, edit and delete buttons of one plan in the library. */
export function PlanActions({ id, source }: { id: string; source: "file" | "custom" }) {
  const t = useTranslations("org");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function duplicate() {
    const r = await callApi<{ plan: { id: string } }>(`/api/plans/${id}/duplicate`, { method: "POST" });
    if (r.ok) router.push(`/org/plans/${r.plan.id}/edit`);
    else setError(r.error.code);
  }
  async function remove() {
    if (!window.confirm(t("confirmDelete"))) return;
    const r = await callApi(`/api/plans/${id}`, { method: "DELETE" });
    if (r.ok) router.refresh();
    else setError(r.error.code);
  }

  const link = "rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-semibold hover:bg-slate-100";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Link href={`/org/plans/${id}`} className={link}>
        {t("preview")}
      </Link>
      <button type="button" onClick={duplicate} className={link}>
        {t("duplicate")}
      </button>
      {source === "custom" && (
        <>
          <Link href={`/org/plans/${id}/edit`} className={link}>
            {t("edit")}
          </Link>
          <button type="button" onClick={remove} className={`${link} text-rose-700`}>
            {t("delete")}
          </button>
        </>
      )}
      <ErrorText code={error} />
    </div>
  );
}

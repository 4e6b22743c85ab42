"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorText } from "@/components/ui/ErrorText";
import { callApi } from "@/lib/client/api";

/**
 * On a session's report, for organisers: delete one participant's notes,
 * sketches, answers and profile, from the report, the exports, every screen
 * still open and the server's log. Asks first.
 */
export function ForgetParticipant({ sessionId, people }: { sessionId: string; people: { id: string; nickname: string }[] }) {
  const t = useTranslations("safeguarding");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function forget(p: { id: string; nickname: string }) {
    if (!window.confirm(t("confirmDelete", { name: p.nickname }))) return;
    setBusy(p.id);
    const r = await callApi(`/api/sessions/${encodeURIComponent(sessionId)}/participants/${encodeURIComponent(p.id)}`, { method: "DELETE" });
    setBusy(null);
    setError(r.ok ? null : r.error.code);
    setDone(r.ok);
    if (r.ok) router.refresh();
  }

  return (
    <details className="text-sm" data-testid="participants-data">
      <summary className="cursor-pointer text-lg font-semibold">{t("participantsData")}</summary>
      <p className="my-2 text-slate-600">{t("participantsDataHint")}</p>
      <ErrorText code={error} />
      {done && (
        <p role="status" className="font-semibold text-emerald-700">
          {t("deleted")}
        </p>
      )}
      <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
        {people.map((p) => (
          <li key={p.id} className="flex items-center justify-between gap-2 rounded border border-slate-200 px-2 py-1">
            <span className="truncate">{p.nickname}</span>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void forget(p)}
              aria-label={t("deleteData", { name: p.nickname })}
              className="inline-flex min-h-9 items-center rounded border border-rose-300 px-2 font-semibold text-rose-800 disabled:opacity-50"
            >
              {t("forget")}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

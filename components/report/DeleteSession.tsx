"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import { callApi } from "@/lib/client/api";

/** Delete (after a confirmation), or export the full record first and then delete. */
export function DeleteSession({ sessionId, live }: { sessionId: string; live: boolean }) {
  const t = useTranslations("reports");
  const router = useRouter();
  const [error, setError] = useState<string | null>(live ? "SESSION_LIVE" : null);

  async function remove(exportFirst: boolean) {
    if (!window.confirm(t("confirmDelete"))) return;
    if (exportFirst) {
      const res = await fetch(`/api/sessions/${sessionId}/export?format=json`);
      if (!res.ok) return setError("INTERNAL");
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = (res.headers.get("content-disposition")?.match(/filename="([^"]+)"/)?.[1]) ?? `${sessionId}.json`;
      a.click();
      URL.revokeObjectURL(url);
    }
    const r = await callApi(`/api/sessions/${sessionId}`, { method: "DELETE" });
    if (!r.ok) return setError(r.error.code);
    router.push("/org/sessions");
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" onClick={() => remove(true)} disabled={live}>
        {t("exportThenDelete")}
      </Button>
      <Button variant="danger" onClick={() => remove(false)} disabled={live}>
        {t("delete")}
      </Button>
      <ErrorText code={error} />
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import { callApi } from "@/lib/client/api";

/** The organisation's completion rule (organisers): a share of steps present and, optionally, the after check. */
export function CompletionRuleForm({ initialPercent, initialRequirePost }: { initialPercent: number; initialRequirePost: boolean }) {
  const t = useTranslations("impact");
  const router = useRouter();
  const [percent, setPercent] = useState(initialPercent);
  const [requirePost, setRequirePost] = useState(initialRequirePost);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 text-sm shadow-sm"
      aria-labelledby="completion-rule-heading"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await callApi("/api/settings/completion", { method: "PUT", body: { minStepPercent: percent, requirePost } });
        setError(r.ok ? null : r.error.code);
        setSaved(r.ok);
        if (r.ok) router.refresh();
      }}
    >
      <h2 id="completion-rule-heading" className="text-base font-semibold">
        {t("ruleTitle")}
      </h2>
      <p className="text-slate-600">{t("ruleHelp")}</p>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col">
          {t("ruleShare")}
          <input
            type="number"
            min={0}
            max={100}
            value={percent}
            onChange={(e) => {
              setSaved(false);
              setPercent(Math.min(100, Math.max(0, Math.round(Number(e.target.value) || 0))));
            }}
            className="w-28 rounded-lg border border-slate-300 px-2 py-1.5"
          />
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input
            type="checkbox"
            checked={requirePost}
            onChange={(e) => {
              setSaved(false);
              setRequirePost(e.target.checked);
            }}
          />
          {t("rulePost")}
        </label>
        <Button type="submit" variant="secondary">
          {t("ruleSave")}
        </Button>
        {saved && <span role="status">{t("ruleSaved")}</span>}
      </div>
      <ErrorText code={error} />
    </form>
  );
}

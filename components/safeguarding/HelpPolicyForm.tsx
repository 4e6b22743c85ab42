"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import { callApi } from "@/lib/client/api";
import { HELP_RETENTION, type HelpRetention } from "@/lib/domain/consent";

/** The organisation's policy for requests to talk once a session ends: purged (the default), or kept until retention deletes the session. */
export function HelpPolicyForm({ initial }: { initial: HelpRetention }) {
  const t = useTranslations("safeguarding");
  const [value, setValue] = useState<HelpRetention>(initial);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await callApi("/api/settings/safeguarding", { method: "PUT", body: { helpRetention: value } });
        setSaved(r.ok);
        setError(r.ok ? null : r.error.code);
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-lg font-semibold">{t("helpPolicyTitle")}</legend>
        {HELP_RETENTION.map((v) => (
          <label key={v} className="flex min-h-11 items-center gap-3">
            <input type="radio" name="helpRetention" value={v} checked={value === v} onChange={() => (setSaved(false), setValue(v))} className="size-5" />
            {t(v)}
          </label>
        ))}
      </fieldset>
      <ErrorText code={error} />
      <div className="flex items-center gap-3">
        <Button type="submit">{t("savePolicy")}</Button>
        {saved && (
          <span role="status" className="font-semibold text-emerald-700">
            {t("saved")}
          </span>
        )}
      </div>
    </form>
  );
}

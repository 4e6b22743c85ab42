"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import { callApi } from "@/lib/client/api";
import { CONSENT_NOTICE_MAX, type ConsentNotice, type ConsentSettings } from "@/lib/domain/consent";
import { DEFAULT_CONSENT_NOTICE } from "@/lib/domain/consent-defaults";
import { LOCALE_NAMES, LOCALES } from "@/lib/domain/locales";

/**
 * The organiser's notice before joining, in English, Russian and Kazakh, and
 * whether phones must tick "I agree". Saved for the whole organisation; the
 * next phone that opens the join page sees it.
 */
export function ConsentSettingsForm({ initial }: { initial: ConsentSettings }) {
  const t = useTranslations("safeguarding");
  const [required, setRequired] = useState(initial.required);
  const [notice, setNotice] = useState<ConsentNotice>(initial.notice);
  const [custom, setCustom] = useState(initial.custom);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);

  async function save(body: { required: boolean; notice: ConsentNotice | null }) {
    const r = await callApi<{ consent: ConsentSettings }>("/api/settings/safeguarding", { method: "PUT", body: { consent: body } });
    setSaved(r.ok);
    setError(r.ok ? null : r.error);
    if (r.ok) {
      setNotice(r.consent.notice);
      setCustom(r.consent.custom);
    }
  }

  return (
    <form
      className="flex flex-col gap-4 rounded-2xl bg-white p-5 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void save({ required, notice });
      }}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{t("consentTitle")}</h2>
        <span className="text-sm text-slate-600" data-testid="notice-kind">
          {custom ? t("customText") : t("defaultText")}
        </span>
      </div>
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" checked={required} onChange={(e) => (setSaved(false), setRequired(e.target.checked))} className="size-5" />
        {t("consentRequired")}
      </label>
      <p className="text-sm text-slate-600">{t("defaultHint")}</p>
      {LOCALES.map((l) => (
        <label key={l} className="flex flex-col gap-1 text-sm font-medium">
          {t("noticeIn", { language: LOCALE_NAMES[l] })}
          <textarea
            lang={l}
            rows={8}
            required
            maxLength={CONSENT_NOTICE_MAX}
            value={notice[l]}
            onChange={(e) => {
              setSaved(false);
              setNotice((n) => ({ ...n, [l]: e.target.value }));
            }}
            className="rounded-lg border border-slate-300 px-3 py-2 text-base font-normal"
          />
        </label>
      ))}
      <ErrorText code={error?.code ?? null} />
      {error?.code === "BAD_REQUEST" && <p className="text-sm text-rose-800">{error.message}</p>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit">{t("saveNotice")}</Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setNotice(DEFAULT_CONSENT_NOTICE);
            void save({ required, notice: null });
          }}
        >
          {t("useDefault")}
        </Button>
        {saved && (
          <span role="status" className="font-semibold text-emerald-700">
            {t("saved")}
          </span>
        )}
      </div>
    </form>
  );
}

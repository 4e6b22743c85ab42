"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/Button";
import { AGE_BANDS, SEXES } from "@/lib/domain/profile";

/**
 * Two optional questions for donor reports. Never required, always with
 * "prefer not to say", and skipping is remembered on this phone.
 */
export function ProfileCard({ sessionId, onSave }: { sessionId: string; onSave: (ageBand: (typeof AGE_BANDS)[number], sex: (typeof SEXES)[number]) => Promise<boolean> }) {
  const t = useTranslations("profile");
  const key = `ortaq.profile-skipped.${sessionId}`;
  const [skipped, setSkipped] = useState(true);
  const [age, setAge] = useState<(typeof AGE_BANDS)[number]>("no-answer");
  const [sex, setSex] = useState<(typeof SEXES)[number]>("no-answer");
  useEffect(() => setSkipped(window.localStorage.getItem(key) === "1"), [key]);
  if (skipped) return null;
  const skip = () => {
    window.localStorage.setItem(key, "1");
    setSkipped(true);
  };
  return (
    <section className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-slate-50 p-3" data-testid="profile-card">
      <h2 className="font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t("why")}</p>
      <label className="flex flex-col text-sm">
        {t("age")}
        <select value={age} onChange={(e) => setAge(e.target.value as typeof age)} className="min-h-11 rounded-lg border border-slate-300 bg-white px-2">
          {AGE_BANDS.map((a) => (
            <option key={a} value={a}>
              {t(a)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-sm">
        {t("sex")}
        <select value={sex} onChange={(e) => setSex(e.target.value as typeof sex)} className="min-h-11 rounded-lg border border-slate-300 bg-white px-2">
          {SEXES.map((s) => (
            <option key={s} value={s}>
              {t(s)}
            </option>
          ))}
        </select>
      </label>
      <div className="flex gap-2">
        <Button onClick={async () => (await onSave(age, sex)) && skip()}>{t("save")}</Button>
        <Button variant="secondary" onClick={skip}>
          {t("skip")}
        </Button>
      </div>
    </section>
  );
}

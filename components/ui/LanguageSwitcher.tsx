"use client";

import { LocaleOptions } from "@/components/ui/LocaleOptions";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { Locale } from "@/lib/domain/locales";

/** Each device chooses its own language. `selectClassName` sets the control's height (44 px on phones). */
export function LanguageSwitcher({ selectClassName = "min-h-10" }: { selectClassName?: string }) {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const choose = (next: Locale) =>
    start(async () => {
      await fetch("/api/locale", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: next }) });
      router.refresh();
    });
  return (
    <label className="inline-flex items-center gap-2 text-sm">
      <span className="sr-only">{t("language")}</span>
      <select
        aria-label={t("language")}
        value={locale}
        disabled={pending}
        onChange={(e) => choose(e.target.value as Locale)}
        className={`${selectClassName} rounded-lg border border-slate-300 bg-white px-2`}
      >
        <LocaleOptions />
      </select>
    </label>
  );
}

"use client";

import { useLocale, useTranslations } from "next-intl";
import { createContext, useContext, useId, type ReactNode, type RefObject } from "react";
import { Paragraphs } from "@/components/agenda/StepContent";
import { noticeIn, type ConsentNotice as Notice } from "@/lib/domain/consent";
import { isLocale } from "@/lib/domain/locales";

/** What the join form shows before "Join": the organisation's notice, and whether "I agree" is required. */
export interface ConsentInfo {
  required: boolean;
  notice: Notice;
}

const ConsentContext = createContext<ConsentInfo | null>(null);

/** Set by the join pages (server-rendered from the organisation's settings), read by the join form. */
export function ConsentProvider({ value, children }: { value: ConsentInfo; children: ReactNode }) {
  return <ConsentContext.Provider value={value}>{children}</ConsentContext.Provider>;
}

export function useConsent(): ConsentInfo | null {
  return useContext(ConsentContext);
}

/**
 * The short plain notice on the join form, in the phone's language: what is
 * collected, who sees it, how long it is kept, that a real name is not
 * needed. With "I agree" when the organisation asks for consent.
 */
export function ConsentNotice({
  consent,
  agreed,
  onAgree,
  invalid,
  checkbox,
}: {
  consent: ConsentInfo;
  agreed: boolean;
  onAgree: (agreed: boolean) => void;
  invalid: boolean;
  checkbox?: RefObject<HTMLInputElement | null>;
}) {
  const t = useTranslations("safeguarding");
  const locale = useLocale();
  const titleId = useId();
  const text = noticeIn(consent, isLocale(locale) ? locale : "en");
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-2" data-testid="consent-notice">
      <h2 id={titleId} className="font-semibold">
        {t("noticeTitle")}
      </h2>
      <div className="flex max-h-56 flex-col gap-2 overflow-y-auto rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800" tabIndex={0} lang={locale} data-testid="consent-text">
        <Paragraphs text={text} />
      </div>
      {consent.required && (
        <label className="flex min-h-11 items-center gap-3 font-semibold">
          <input
            ref={checkbox}
            type="checkbox"
            name="consent"
            checked={agreed}
            onChange={(e) => onAgree(e.target.checked)}
            aria-invalid={invalid || undefined}
            className="size-6 shrink-0"
          />
          {t("agree")}
        </label>
      )}
    </section>
  );
}

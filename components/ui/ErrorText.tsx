"use client";

import { useTranslations } from "next-intl";

/** Translates a stable error code into a message; unknown codes fall back to a generic one. */
export function ErrorText({ code }: { code: string | null }) {
  const t = useTranslations("errors");
  if (!code) return null;
  const key = (t.has(code) ? code : "INTERNAL") as Parameters<typeof t>[0];
  return (
    <p role="alert" data-testid="error" data-code={code} className="rounded-lg bg-rose-50 p-3 text-rose-900">
      {t(key)}
    </p>
  );
}

"use client";

import { useTranslations } from "next-intl";

/** A phone the trainer removed: a calm word, no join form for that session. */
export function RemovedCard() {
  const t = useTranslations("room");
  const tj = useTranslations("join");
  return (
    <section className="flex flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm" data-testid="removed" role="status">
      <h1 className="text-2xl font-bold">{t("removedTitle")}</h1>
      <p className="text-slate-700">{t("removedBody")}</p>
      <a href="/join" className="inline-flex min-h-11 items-center font-semibold text-brand-dark underline">
        {tj("joinAnother")}
      </a>
    </section>
  );
}

"use client";

import { useTranslations } from "next-intl";

/** A newcomer in "approve joiners" mode: in the session, but not let in yet. */
export function WaitingCard({ name, title }: { name: string; title: string }) {
  const t = useTranslations("room");
  return (
    <div className="flex flex-col gap-3" data-testid="waiting" role="status" aria-live="polite">
      <div className="flex gap-1.5" aria-hidden>
        {[0, 1, 2].map((i) => (
          <span key={i} className="size-3 animate-pulse rounded-full bg-brand" style={{ animationDelay: `${i * 300}ms` }} />
        ))}
      </div>
      <h1 className="text-2xl font-bold">{t("waitingForTrainer")}</h1>
      <p className="text-slate-700">{t("waitingBody")}</p>
      <p className="text-lg font-semibold" data-testid="session-title">
        {title}
      </p>
      <p className="text-slate-700">{t("waitingAs", { name })}</p>
    </div>
  );
}

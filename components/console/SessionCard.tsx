"use client";

import { useTranslations } from "next-intl";
import { QrCode } from "@/components/session/QrCode";
import { Button } from "@/components/ui/Button";
import type { SessionState } from "@/lib/domain/session-state";
import type { QrShape } from "@/lib/server/qr";

/** The session itself: its title, how people join, the projector link and the end. */
export function SessionCard({ session, joinUrl, qr, screenHref, onEnd }: { session: SessionState | null; joinUrl: string; qr: QrShape; screenHref: string; onEnd: () => void }) {
  const t = useTranslations("console");
  return (
    <section className="flex flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm" aria-labelledby="session-heading">
      <h1 id="session-heading" className="text-lg leading-tight font-bold break-words" data-testid="session-title">
        {session?.title ?? "…"}
      </h1>
      <div className="flex items-center justify-between gap-3">
        <div className="min-w-0">
          <div className="text-sm text-slate-600">{t("joinCode")}</div>
          <div data-testid="join-code" className="font-mono text-4xl font-bold tracking-widest">
            {session?.code ?? ""}
          </div>
          <div className="text-xs break-all text-slate-600">{joinUrl}</div>
        </div>
        <QrCode shape={qr} label={joinUrl} className="w-20 shrink-0" />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <a href={screenHref} target="_blank" rel="noopener" className="font-semibold text-brand-dark underline">
          {t("openScreen")}
        </a>
        {session?.status === "ended" ? (
          <p className="rounded-lg bg-slate-100 p-2 font-medium" data-testid="session-ended">
            {t("ended")}
          </p>
        ) : (
          <Button variant="danger" className="px-3" onClick={onEnd} disabled={!session}>
            {t("endSession")}
          </Button>
        )}
      </div>
    </section>
  );
}

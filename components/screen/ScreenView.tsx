"use client";

import { useTranslations } from "next-intl";
import { QrCode } from "@/components/session/QrCode";
import { useLive, useLiveSession } from "@/components/session/useLiveSession";
import { ConnectionBadge } from "@/components/ui/ConnectionBadge";
import { participantCount } from "@/lib/domain/session-state";
import type { QrShape } from "@/lib/server/qr";

/**
 * The projector: no input, read from the back of a hall. Large type, high
 * contrast, and the join code always visible for late joiners.
 */
export function ScreenView({ sessionId, screenKey, joinUrl, qr }: { sessionId: string; screenKey?: string; joinUrl: string; qr: QrShape }) {
  const t = useTranslations("screen");
  const { store } = useLiveSession({ kind: "screen", sessionId, screenKey });
  const session = useLive(store, (s) => s.session);
  const state = useLive(store, (s) => s.connection);
  const count = session ? participantCount(session) : 0;
  const joinHost = joinUrl.replace(/^https?:\/\//, "");

  return (
    <main className="flex min-h-dvh flex-col bg-slate-950 p-[3vw] text-white">
      <header className="flex items-start justify-between gap-6">
        <h1 className="text-[4vw] leading-tight font-bold" data-testid="session-title">
          {session?.title ?? ""}
        </h1>
        <ConnectionBadge state={state} className="shrink-0" />
      </header>
      {session?.status === "ended" ? (
        <p className="m-auto text-[5vw] font-bold" data-testid="session-ended">
          {t("ended")}
        </p>
      ) : (
        <section className="m-auto flex flex-wrap items-center justify-center gap-[4vw]">
          <div className="flex flex-col gap-[1.5vw]">
            <p className="text-[2.6vw]">{t("joinAt")}</p>
            <p className="text-[3.6vw] font-bold break-all text-cyan-300" data-testid="join-url">
              {joinHost}
            </p>
            <p className="text-[2.6vw]">{t("withCode")}</p>
            <p data-testid="join-code" className="font-mono text-[9vw] leading-none font-black tracking-[0.15em] text-yellow-300">
              {session?.code ?? ""}
            </p>
          </div>
          <div className="flex flex-col items-center gap-[1vw]">
            <p className="text-[2vw]">{t("scan")}</p>
            <QrCode shape={qr} label={`${joinUrl}`} className="w-[28vw] max-w-[70vh] rounded-xl" />
          </div>
        </section>
      )}
      <footer className="text-center text-[3vw] font-semibold" aria-live="polite">
        <span data-testid="screen-participant-count" data-count={count}>
          {t("joined", { count })}
        </span>
      </footer>
    </main>
  );
}

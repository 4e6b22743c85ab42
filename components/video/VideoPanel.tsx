"use client";

import type { StaffAction } from "@/lib/client/live-connection";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/Button";
import { LocaleOptions } from "@/components/ui/LocaleOptions";
import type { Locale } from "@/lib/domain/locales";
import { videoPosition, type SessionState } from "@/lib/domain/session-state";

export type VideoAction = StaffAction<"video:play" | "video:pause" | "video:seek" | "video:configure" | "video:confirm-warning">;

const fmt = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

/**
 * The trainer's remote for the projector's video: the content warning, seek,
 * captions and volume (play and pause sit in the console's sticky bar).
 * Space and the arrow keys work while it has focus.
 */
export function VideoPanel({ session, clockOffset, onAction, busy }: { session: SessionState; clockOffset: number; onAction: (a: VideoAction) => Promise<boolean>; busy: boolean }) {
  const t = useTranslations("video");
  const v = session.video;
  const step = session.plan?.steps[session.stepIndex];
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now() + clockOffset), 250);
    return () => clearInterval(id);
  }, [clockOffset]);
  if (!step || step.kind !== "video") return null;
  const here = videoPosition(v, now);
  const needsWarning = !!step.warning && v.warningConfirmed !== step.id;
  const toggle = () => onAction(v.playing ? { type: "video:pause" } : { type: "video:play" });
  const seek = (s: number) => onAction({ type: "video:seek", position: Math.max(0, s) });

  return (
    <section
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm"
      aria-labelledby="video-heading"
      tabIndex={0}
      onKeyDown={(e) => {
        if ((e.target as HTMLElement).tagName === "INPUT" || (e.target as HTMLElement).tagName === "SELECT") return;
        if (e.key === " ") (e.preventDefault(), void toggle());
        if (e.key === "ArrowLeft") (e.preventDefault(), void seek(here - 5));
        if (e.key === "ArrowRight") (e.preventDefault(), void seek(here + 5));
      }}
      data-testid="video-panel"
    >
      <h2 id="video-heading" className="text-lg font-semibold">
        {t("title")} <span className="font-mono text-sm text-slate-600" data-testid="video-position">{fmt(here)}</span>
      </h2>
      {needsWarning ? (
        <>
          <p className="rounded-lg bg-amber-50 p-3 text-amber-950">{t("warningFirst")}</p>
          <Button onClick={() => onAction({ type: "video:confirm-warning" })} disabled={busy}>
            {t("confirmWarning")}
          </Button>
        </>
      ) : (
        <>
          {/* Play and pause are in the console's sticky bar (and on Space here, or P anywhere). */}
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => seek(here - 10)} disabled={busy}>
              {t("back10")}
            </Button>
            <Button variant="secondary" onClick={() => seek(here + 10)} disabled={busy}>
              {t("forward10")}
            </Button>
            <Button variant="secondary" onClick={() => seek(0)} disabled={busy}>
              {t("restart")}
            </Button>
          </div>
          <label className="flex items-center gap-2 text-sm">
            {t("position")}
            <input
              type="number"
              min={0}
              step={1}
              aria-label={t("position")}
              className="w-24 rounded border border-slate-300 px-2 py-1"
              onKeyDown={(e) => {
                if (e.key === "Enter") void seek(Number((e.target as HTMLInputElement).value) || 0);
              }}
            />
          </label>
          <div className="flex flex-wrap items-center gap-4 text-sm">
            <label className="flex items-center gap-2">
              {t("captions")}
              <select
                aria-label={t("captions")}
                value={v.captions ?? ""}
                onChange={(e) => onAction({ type: "video:configure", captions: (e.target.value || null) as Locale | null, volume: v.volume })}
                className="rounded border border-slate-300 bg-white px-1"
              >
                <option value="">{t("captionsOff")}</option>
                <LocaleOptions />
              </select>
            </label>
            <label className="flex items-center gap-2">
              {t("volume")}
              <input type="range" min={0} max={1} step={0.1} value={v.volume} onChange={(e) => onAction({ type: "video:configure", captions: v.captions, volume: Number(e.target.value) })} />
            </label>
          </div>
          <p className="text-xs text-slate-500">{t("keys")}</p>
        </>
      )}
    </section>
  );
}

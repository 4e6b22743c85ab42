"use client";

import type { StaffAction } from "@/lib/client/live-connection";
import { useTranslations } from "next-intl";
import type { LiveStroke } from "@/lib/client/live-store";
import { effectiveSketchMode, type SessionState } from "@/lib/domain/session-state";
import type { SketchMode } from "@/lib/domain/sketch";
import { liveFor, sketchLabel, stepSketches } from "./SketchGallery";
import { SketchView } from "./SketchView";

export type SketchAction = StaffAction<"sketch:configure" | "sketch:hide" | "sketch:restore" | "sketch:spotlight">;

/** The trainer's sketch gallery: drawing mode, hide, spotlight, downloads. */
export function SketchPanel({ session, live, onAction, busy }: { session: SessionState; live: Record<string, LiveStroke>; onAction: (a: SketchAction) => Promise<boolean>; busy: boolean }) {
  const t = useTranslations("sketch");
  const tc = useTranslations("controls");
  const sketches = stepSketches(session, true);
  const small = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-semibold hover:bg-slate-100";
  const base = `/api/sessions/${session.id}/sketches`;
  return (
    <section className="@container flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm" aria-labelledby="sketch-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="sketch-heading" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <a href={base} className="text-sm font-semibold text-brand-dark underline" data-testid="sketches-zip">
          {t("downloadAll")}
        </a>
      </div>
      <label className="flex items-center gap-2 text-sm">
        {t("mode")}
        <select
          value={effectiveSketchMode(session)}
          disabled={busy || session.status === "ended"}
          onChange={(e) => onAction({ type: "sketch:configure", mode: e.target.value as SketchMode })}
          className="rounded border border-slate-300 bg-white px-1"
        >
          <option value="individual">{t("individual")}</option>
          <option value="group">{t("group")}</option>
        </select>
      </label>
      {session.spotlight && (
        <button type="button" className={small} onClick={() => onAction({ type: "sketch:spotlight", sketchId: null })}>
          {t("endSpotlight")}
        </button>
      )}
      {sketches.length === 0 ? (
        <p className="text-sm text-slate-500">{t("noSketches")}</p>
      ) : (
        // 60 sketches scroll here, not down the whole console.
        <ul className="relative grid max-h-[60vh] grid-cols-2 content-start gap-3 overflow-y-auto pr-1 @md:grid-cols-3 @2xl:grid-cols-4" data-testid="sketches-pane" aria-label={tc("sketchesPane")} tabIndex={0}>
          {sketches.map((k) => (
            <li key={k.id} data-testid="console-sketch" data-sketch-id={k.id} className={`flex flex-col gap-1 ${k.hidden ? "opacity-50" : ""}`}>
              <SketchView strokes={k.strokes} live={liveFor(live, k.id)} label={sketchLabel(session, k, t("title"))} className={`rounded border ${session.spotlight === k.id ? "border-brand ring-2 ring-brand" : "border-slate-200"}`} />
              <span className="truncate text-xs">
                {sketchLabel(session, k, k.ownerKind === "participant" ? (session.participants[k.ownerId]?.nickname ?? "") : "")}
                {k.done ? ` · ✓ ${t("isDone")}` : ""}
                {k.hidden ? ` · ${t("hidden")}` : ""}
              </span>
              <div className="flex flex-wrap gap-1">
                {k.hidden ? (
                  <button type="button" className={small} onClick={() => onAction({ type: "sketch:restore", sketchId: k.id })} disabled={busy}>
                    {t("restore")}
                  </button>
                ) : (
                  <>
                    <button type="button" className={small} onClick={() => onAction({ type: "sketch:hide", sketchId: k.id })} disabled={busy}>
                      {t("hide")}
                    </button>
                    <button type="button" className={small} onClick={() => onAction({ type: "sketch:spotlight", sketchId: k.id })} disabled={busy}>
                      {t("spotlight")}
                    </button>
                  </>
                )}
                <a className={small} href={`${base}/${k.id}?format=png`}>
                  {t("downloadPng")}
                </a>
                <a className={small} href={`${base}/${k.id}?format=svg`}>
                  {t("downloadSvg")}
                </a>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

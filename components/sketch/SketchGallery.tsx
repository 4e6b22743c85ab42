"use client";

import { useTranslations } from "next-intl";
import type { LiveStroke } from "@/lib/client/live-store";
import type { SessionState } from "@/lib/domain/session-state";
import type { Sketch, StrokeInput } from "@/lib/domain/sketch";
import { SketchView } from "./SketchView";

/** Sketches of the current step (or all, in a session without a plan), for the projector or the console. */
export function stepSketches(session: SessionState, includeHidden: boolean): Sketch[] {
  const stepId = session.plan && session.stepIndex >= 0 ? session.plan.steps[session.stepIndex]?.id : null;
  return session.sketchOrder
    .map((id) => session.sketches[id])
    .filter((k): k is Sketch => !!k && (includeHidden || !k.hidden) && (!session.plan || k.stepId === stepId || k.stepId === null));
}

export function sketchLabel(session: SessionState, k: Sketch, fallback: string): string {
  if (k.ownerKind === "group") return session.groups[k.ownerId]?.name ?? fallback;
  return (k.groupId && session.groups[k.groupId]?.name) || fallback;
}

export function liveFor(live: Record<string, LiveStroke>, sketchId: string) {
  return Object.entries(live)
    .filter(([, l]) => l.sketchId === sketchId)
    .map(([id, l]) => ({ id, points: l.points, width: l.width, tool: l.tool, colour: l.colour as StrokeInput["colour"] }));
}

/** The projector's live gallery, one tile per participant or group, or one sketch full screen. */
export function SketchGallery({ session, live }: { session: SessionState; live: Record<string, LiveStroke> }) {
  const t = useTranslations("sketch");
  const spot = session.spotlight ? session.sketches[session.spotlight] : null;
  if (spot && !spot.hidden) {
    return (
      <div className="flex h-full items-center justify-center" data-testid="sketch-spotlight" data-sketch-id={spot.id}>
        <div className="h-full max-h-full" style={{ aspectRatio: "3 / 4" }}>
          <SketchView strokes={spot.strokes} live={liveFor(live, spot.id)} label={sketchLabel(session, spot, t("title"))} className="h-full w-auto rounded-xl" />
        </div>
      </div>
    );
  }
  const sketches = stepSketches(session, false);
  const liveOnly = [...new Set(Object.values(live).map((l) => l.sketchId))].filter((id) => !session.sketches[id]);
  const count = sketches.length + liveOnly.length;
  // Rows of portrait tiles that always fit the screen's height.
  const rows = count <= 4 ? 1 : count <= 12 ? 2 : count <= 24 ? 3 : 4;
  const tileH = `calc(${Math.floor(44 / rows)}vh - 1.6vw)`;
  return (
    <ul className="flex h-full flex-wrap content-start justify-center gap-[1vw] overflow-hidden" data-testid="sketch-gallery">
      {sketches.map((k) => (
        <li key={k.id} data-testid="sketch" data-sketch-id={k.id} data-done={k.done} data-strokes={k.strokes.length} className="flex flex-col items-center gap-[0.3vw]">
          <div style={{ height: tileH, aspectRatio: "3 / 4" }}>
            <SketchView strokes={k.strokes} live={liveFor(live, k.id)} label={sketchLabel(session, k, t("title"))} className="h-full w-auto rounded-lg" />
          </div>
          <span className="truncate text-[1.2vw] font-semibold">
            {sketchLabel(session, k, "")}
            {k.done && <span className="ml-[0.5vw] text-emerald-400">✓ {t("isDone")}</span>}
          </span>
        </li>
      ))}
      {liveOnly.map((id) => (
        <li key={id} data-testid="sketch-live" data-sketch-id={id} style={{ height: tileH, aspectRatio: "3 / 4" }}>
          <SketchView strokes={[]} live={liveFor(live, id)} label={t("title")} className="h-full w-auto rounded-lg" />
        </li>
      ))}
    </ul>
  );
}

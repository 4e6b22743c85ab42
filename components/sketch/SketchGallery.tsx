"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { galleryGrid } from "@/components/screen/gallery-grid";
import { atScreen, readableMin, useBoxSize } from "@/components/screen/screen-type";
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

/** Space between tiles, px at 1080p. */
const GAP_AT_1080 = 14;

/** The projector's live gallery, one tile per participant or group, filling the screen; or one sketch full screen. */
export function SketchGallery({ session, live }: { session: SessionState; live: Record<string, LiveStroke> }) {
  const t = useTranslations("sketch");
  const spot = session.spotlight ? session.sketches[session.spotlight] : null;
  if (spot && !spot.hidden) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-[0.5vh]" data-testid="sketch-spotlight" data-sketch-id={spot.id}>
        <div className="min-h-0 flex-1" style={{ aspectRatio: "3 / 4" }}>
          <SketchView strokes={spot.strokes} live={liveFor(live, spot.id)} label={sketchLabel(session, spot, t("title"))} className="h-full w-auto rounded-xl" />
        </div>
        <p className="font-semibold" style={{ fontSize: readableMin() }} data-testid="sketch-label">
          {sketchLabel(session, spot, "")}
        </p>
      </div>
    );
  }
  return <SketchGrid session={session} live={live} />;
}

function SketchGrid({ session, live }: { session: SessionState; live: Record<string, LiveStroke> }) {
  const t = useTranslations("sketch");
  const boxRef = useRef<HTMLUListElement>(null);
  const box = useBoxSize(boxRef);
  const sketches = stepSketches(session, false);
  const liveOnly = [...new Set(Object.values(live).map((l) => l.sketchId))].filter((id) => !session.sketches[id]);
  const count = sketches.length + liveOnly.length;
  const gap = atScreen(GAP_AT_1080);
  // Labels as large as the tile allows, readable on a full screen, smaller on a crowded one.
  const labelFont = (tileW: number) => Math.max(12, Math.min(readableMin(), tileW * 0.13));
  const labelH = (tileW: number) => Math.ceil(labelFont(tileW) * 1.3);
  const grid = box && box.w > 0 && box.h > 0 ? galleryGrid(count, box.w, box.h, gap, labelH) : null;
  const tile = grid ? { width: grid.tileW, height: grid.tileH } : { height: "30vh", aspectRatio: "3 / 4" };
  const font = grid ? labelFont(grid.tileW) : readableMin();
  return (
    <ul
      ref={boxRef}
      className="grid h-full w-full content-center justify-center overflow-hidden"
      style={{ gap, gridTemplateColumns: grid ? `repeat(${grid.cols}, ${grid.tileW}px)` : "repeat(auto-fill, minmax(10vw, 1fr))" }}
      data-testid="sketch-gallery"
      data-cols={grid?.cols}
      data-rows={grid?.rows}
    >
      {sketches.map((k) => (
        <li key={k.id} data-testid="sketch" data-sketch-id={k.id} data-done={k.done} data-strokes={k.strokes.length} className="flex min-w-0 flex-col items-center">
          <div style={tile}>
            <SketchView strokes={k.strokes} live={liveFor(live, k.id)} label={sketchLabel(session, k, t("title"))} className="h-full w-auto rounded-lg" />
          </div>
          <span className="w-full truncate text-center leading-[1.3] font-semibold" style={{ fontSize: font }} data-testid="sketch-label">
            {k.done && <span className="mr-[0.3em] text-emerald-400" title={t("isDone")}>✓</span>}
            {sketchLabel(session, k, "") || "\u00a0"}
          </span>
        </li>
      ))}
      {liveOnly.map((id) => (
        <li key={id} data-testid="sketch-live" data-sketch-id={id} className="flex min-w-0 flex-col items-center">
          <div style={tile}>
            <SketchView strokes={[]} live={liveFor(live, id)} label={t("title")} className="h-full w-auto rounded-lg" />
          </div>
          <span className="w-full leading-[1.3]" style={{ fontSize: font }}>
            {"\u00a0"}
          </span>
        </li>
      ))}
    </ul>
  );
}

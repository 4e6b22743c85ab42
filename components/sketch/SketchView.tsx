import { memo } from "react";
import { SKETCH_BACKGROUND, SKETCH_H, SKETCH_W, type StrokeInput } from "@/lib/domain/sketch";
import { strokeFill, strokePath } from "@/lib/domain/sketch-svg";

type Drawable = Pick<StrokeInput, "id" | "points" | "width" | "tool" | "colour">;

const StrokePath = memo(function StrokePath({ stroke }: { stroke: Drawable }) {
  return <path d={strokePath(stroke)} fill={strokeFill(stroke)} />;
});

/** Draws strokes in the sketch's own space; the same outlines as the server's export. */
export function SketchView({ strokes, live = [], label, className = "" }: { strokes: readonly Drawable[]; live?: readonly Drawable[]; label: string; className?: string }) {
  return (
    <svg viewBox={`0 0 ${SKETCH_W} ${SKETCH_H}`} role="img" aria-label={label} className={`block ${className.includes("w-auto") ? "" : "h-auto w-full"} ${className}`} preserveAspectRatio="xMidYMid meet">
      <rect width={SKETCH_W} height={SKETCH_H} fill={SKETCH_BACKGROUND} />
      {strokes.map((s) => (
        <StrokePath key={s.id} stroke={s} />
      ))}
      {live.map((s) => (
        <StrokePath key={`live-${s.id}`} stroke={s} />
      ))}
    </svg>
  );
}

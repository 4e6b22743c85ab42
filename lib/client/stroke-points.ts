import { MAX_STROKE_POINTS, SKETCH_H, SKETCH_W, simplifyPoints } from "@/lib/domain/sketch";

/** The fields of a pointer reading a sketch point needs: a DOM or React PointerEvent, a coalesced one, or a test's literal. */
export interface PointerSample {
  clientX: number;
  clientY: number;
  pressure: number;
  pointerType: string;
}

/** Where the drawing surface is on the page (a DOMRect). */
export interface SurfaceRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Pressure given to a pointer without real pressure (mice report 0 or 0.5, fingers a constant). */
export const STEADY_PRESSURE = 50;
/** How far outside the sketch a point may land (a finger sliding off the edge), in sketch units. */
const EDGE = 50;

/** A pointer reading as a sketch point [x, y, pressure 0-100] in the fixed 750 x 1000 space. */
export function toSketchPoint(e: PointerSample, r: SurfaceRect): [number, number, number] {
  const x = Math.round(((e.clientX - r.left) / (r.width || 1)) * SKETCH_W);
  const y = Math.round(((e.clientY - r.top) / (r.height || 1)) * SKETCH_H);
  const p = e.pointerType === "pen" && e.pressure > 0 ? Math.round(Math.min(1, e.pressure) * 100) : STEADY_PRESSURE;
  return [Math.max(-EDGE, Math.min(SKETCH_W + EDGE, x)), Math.max(-EDGE, Math.min(SKETCH_H + EDGE, y)), p];
}

/**
 * The points of a finished stroke as they are committed: a tap becomes a
 * tiny dash (so it draws as a dot), the line is simplified (RDP, the
 * domain's `simplifyPoints`), and a very long stroke gets coarser passes,
 * then thinning, until it fits MAX_STROKE_POINTS instead of being refused.
 */
export function finishStrokePoints(points: readonly number[], maxPoints = MAX_STROKE_POINTS): number[] {
  const whole = points.slice(0, points.length - (points.length % 3));
  if (whole.length === 0) return [];
  let out = whole.length === 3 ? [...whole, whole[0] + 1, whole[1], whole[2]] : whole;
  out = simplifyPoints(out, 1);
  for (let tol = 2; out.length > maxPoints * 3 && tol < 64; tol *= 2) out = simplifyPoints(out, tol);
  return out.length > maxPoints * 3 ? thin(out, maxPoints) : out;
}

/** Keeps `maxPoints` points spread evenly along the list, always the first and the last. */
function thin(points: readonly number[], maxPoints: number): number[] {
  const n = points.length / 3;
  const out: number[] = [];
  for (let k = 0; k < maxPoints; k++) {
    const i = Math.round((k * (n - 1)) / (maxPoints - 1)) * 3;
    out.push(points[i], points[i + 1], points[i + 2]);
  }
  return out;
}

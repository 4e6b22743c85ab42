import type { z } from "zod";
import type { strokeSchema } from "./sketch-schema";

/**
 * Sketches are vector strokes in a fixed portrait space (750 x 1000 units),
 * whatever the screen that drew them. Points are flat [x, y, pressure, ...]
 * integers, pressure 0-100. The same code draws them on phones, on the
 * projector and in the server's SVG/PNG export.
 */
export const SKETCH_W = 750;
export const SKETCH_H = 1000;
export const MAX_STROKE_POINTS = 1500;
export const MAX_STROKES_PER_SKETCH = 3000;
export const SKETCH_COLOURS = ["#111827", "#dc2626", "#2563eb", "#16a34a", "#f59e0b", "#9333ea"] as const;
export const SKETCH_WIDTHS = [6, 14, 30] as const;
export const SKETCH_BACKGROUND = "#ffffff";

/** A stroke as a phone sends it (strokeSchema, in sketch-schema.ts: this file stays free of zod and of the drawing code). */
export type StrokeInput = z.infer<typeof strokeSchema>;
export type Stroke = StrokeInput & { authorId: string };

export interface Sketch {
  id: string;
  /** One sketch per participant, or one shared canvas per group, per step. */
  ownerKind: "participant" | "group";
  ownerId: string;
  /** The group it was made in (notes and sketches stay with their group). */
  groupId: string | null;
  stepId: string | null;
  strokes: Stroke[];
  done: boolean;
  hidden: boolean;
}

export type SketchMode = "individual" | "group";

/** The sketch a participant draws on in a step, as both phone and server compute it. */
export function sketchIdFor(mode: SketchMode, participantId: string, groupId: string | null, stepId: string | null): string {
  const step = stepId ?? "free";
  return mode === "group" && groupId ? `g_${groupId}_${step}` : `p_${participantId}_${step}`;
}

/** Reads a sketch id back into its owner and step; null when it is not one. */
export function parseSketchId(id: string): { ownerKind: "participant" | "group"; ownerId: string; stepId: string | null } | null {
  const m = /^([pg])_([A-Za-z0-9-]{1,64})_([a-z0-9-]{1,40}|free)$/.exec(id);
  if (!m) return null;
  return { ownerKind: m[1] === "g" ? "group" : "participant", ownerId: m[2], stepId: m[3] === "free" ? null : m[3] };
}

type P = [number, number, number];

/** Flat [x, y, pressure, ...] points as triples. */
export function triples(points: readonly number[]): P[] {
  const out: P[] = [];
  for (let i = 0; i + 2 < points.length; i += 3) out.push([points[i], points[i + 1], points[i + 2]]);
  return out;
}

function perpendicular(p: P, a: P, b: P): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / len;
}

/**
 * Ramer-Douglas-Peucker on the x/y of a flat point list, keeping pressure.
 * Removes points that change the line by less than `tolerance` units.
 */
export function simplifyPoints(points: readonly number[], tolerance = 1.5): number[] {
  const pts = triples(points);
  if (pts.length <= 2) return pts.flat();
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  while (stack.length) {
    const [s, e] = stack.pop()!;
    let maxD = 0;
    let idx = -1;
    for (let i = s + 1; i < e; i++) {
      const d = perpendicular(pts[i], pts[s], pts[e]);
      if (d > maxD) {
        maxD = d;
        idx = i;
      }
    }
    if (idx >= 0 && maxD > tolerance) {
      keep[idx] = 1;
      stack.push([s, idx], [idx, e]);
    }
  }
  return pts.filter((_, i) => keep[i]).flat();
}

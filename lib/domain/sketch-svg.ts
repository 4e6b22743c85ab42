import { getStroke } from "perfect-freehand";
import { SKETCH_BACKGROUND, SKETCH_H, SKETCH_W, triples, type StrokeInput } from "./sketch";

/*
 * Drawing strokes (perfect-freehand): apart from sketch.ts, so a phone loads
 * this code only with a sketch on screen.
 */

/** The outline of a stroke as an SVG path (perfect-freehand), in sketch units. */
export function strokePath(stroke: Pick<StrokeInput, "points" | "width">): string {
  const pts = triples(stroke.points).map(([x, y, p]) => [x, y, Math.max(0.05, p / 100)]);
  const outline = getStroke(pts, { size: stroke.width, thinning: 0.5, smoothing: 0.5, streamline: 0.4, simulatePressure: false, last: true });
  if (outline.length === 0) return "";
  const r = (n: number) => Math.round(n * 10) / 10;
  let d = `M${r(outline[0][0])} ${r(outline[0][1])}`;
  for (let i = 1; i < outline.length; i++) d += `L${r(outline[i][0])} ${r(outline[i][1])}`;
  return `${d}Z`;
}

/** The colour a stroke paints with: the eraser paints the background. */
export function strokeFill(stroke: Pick<StrokeInput, "tool" | "colour">): string {
  return stroke.tool === "eraser" ? SKETCH_BACKGROUND : stroke.colour;
}

/** A whole sketch as a standalone SVG document (export and download). */
export function sketchToSvg(strokes: readonly Pick<StrokeInput, "points" | "width" | "tool" | "colour">[], title = "Sketch"): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  const paths = strokes.map((s) => `<path d="${strokePath(s)}" fill="${strokeFill(s)}"/>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SKETCH_W} ${SKETCH_H}" width="${SKETCH_W}" height="${SKETCH_H}"><title>${esc(title)}</title><rect width="${SKETCH_W}" height="${SKETCH_H}" fill="${SKETCH_BACKGROUND}"/>${paths}</svg>`;
}

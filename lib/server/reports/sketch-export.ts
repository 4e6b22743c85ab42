import { createHash } from "node:crypto";
import { Resvg } from "@resvg/resvg-js";
import { zipSync, strToU8 } from "fflate";
import type { SessionState } from "@/lib/domain/session-state";
import type { Sketch } from "@/lib/domain/sketch";
import { sketchToSvg } from "@/lib/domain/sketch-svg";

export function sketchPng(svg: string, width = 750): Uint8Array {
  return new Resvg(svg, { fitTo: { mode: "width", value: width }, background: "#ffffff" }).render().asPng();
}

/** A readable, safe file name: the group (or nickname), the step, and a short hash of the sketch's id. */
export function sketchFileName(state: SessionState, k: Sketch): string {
  const owner = k.ownerKind === "group" ? state.groups[k.ownerId]?.name : state.participants[k.ownerId]?.nickname;
  const safe = (s: string) =>
    s
      // NFC keeps й, ё and Kazakh letters whole (NFKD would split off their marks as dashes).
      .normalize("NFC")
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "sketch";
  // A short hash of the whole id keeps names apart (two groups may share a name after a rename).
  return `${safe(owner ?? k.ownerKind)}_${safe(k.stepId ?? "free")}_${createHash("sha256").update(k.id).digest("hex").slice(0, 6)}`;
}

/** Every sketch with strokes as an SVG and a PNG, in one ZIP. */
export function sketchesZip(state: SessionState): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const id of state.sketchOrder) {
    const k = state.sketches[id];
    if (!k || k.strokes.length === 0) continue;
    const name = sketchFileName(state, k);
    const svg = sketchToSvg(k.strokes, name);
    files[`${name}.svg`] = strToU8(svg);
    files[`${name}.png`] = sketchPng(svg);
  }
  // PNGs are already compressed; level 1 keeps the export quick.
  return zipSync(files, { level: 1 });
}

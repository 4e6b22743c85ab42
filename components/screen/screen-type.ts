"use client";

import { useEffect, useLayoutEffect, useState, type RefObject } from "react";

/**
 * Type on the projector, read from the back of a hall. Sizes are given in px
 * at 1080 px of screen height and scale with the screen: 28 px at 1080p is
 * the smallest body text anything on the projector may use.
 */
export const READABLE_MIN_AT_1080 = 28;

/** px at 1080p → px on this screen. */
export function atScreen(pxAt1080: number, innerHeight = typeof window === "undefined" ? 1080 : window.innerHeight): number {
  return (pxAt1080 * innerHeight) / 1080;
}

/** The smallest body text on this screen, in px. */
export function readableMin(innerHeight?: number): number {
  return atScreen(READABLE_MIN_AT_1080, innerHeight);
}

/**
 * The largest value in [lo, hi] for which `fits` holds, to within `precision`
 * (fits is taken to be monotone: what fits at a size fits at any smaller one).
 * `fits: false` when even `lo` does not fit; the value is then `lo`.
 */
export function largestFitting(fits: (size: number) => boolean, lo: number, hi: number, precision = 0.5): { size: number; fits: boolean } {
  if (hi <= lo) return { size: lo, fits: fits(lo) };
  if (fits(hi)) return { size: hi, fits: true };
  if (!fits(lo)) return { size: lo, fits: false };
  let a = lo;
  let b = hi;
  while (b - a > precision) {
    const m = (a + b) / 2;
    if (fits(m)) a = m;
    else b = m;
  }
  return { size: a, fits: true };
}

/** An element's content box, kept up to date (null until measured). */
export function useBoxSize(ref: RefObject<HTMLElement | null>): { w: number; h: number } | null {
  const [box, setBox] = useState<{ w: number; h: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => {
      const w = el.clientWidth;
      const h = el.clientHeight;
      setBox((b) => (b && b.w === w && b.h === h ? b : { w, h }));
    };
    read();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return box;
}

/**
 * A page interval in ms: `fallback`, or the page's `?<param>=` (tests and
 * rehearsals use a short one, e.g. `?wallPageMs=500`), never under 200 ms.
 */
export function usePageMs(param: string, fallback: number): number {
  const [ms, setMs] = useState(fallback);
  useEffect(() => {
    const v = Number(new URLSearchParams(window.location.search).get(param));
    if (Number.isFinite(v) && v > 0) setMs(Math.max(200, v));
  }, [param]);
  return ms;
}

/** Pages through `pages` on its own, every `ms`; back to the first when the count changes below the current page. */
export function useAutoPage(pages: number, ms: number, resetKey?: unknown, manual: number | null = null): [number, (p: number) => void] {
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [resetKey]);
  useEffect(() => {
    // The trainer turns the pages: no timer.
    if (pages <= 1 || manual !== null) return;
    const id = setInterval(() => setPage((p) => (p + 1) % pages), ms);
    return () => clearInterval(id);
  }, [pages, ms, manual]);
  if (manual !== null) return [pages > 0 ? manual % pages : 0, setPage];
  return [Math.min(page, Math.max(0, pages - 1)), setPage];
}

/** The page the trainer turned the projector to on this step, or null when pages turn by themselves. */
export function manualPage(board: { screenPage?: { stepId: string; page: number } | null }, stepId: string | null | undefined): number | null {
  return stepId && board.screenPage && board.screenPage.stepId === stepId ? board.screenPage.page : null;
}

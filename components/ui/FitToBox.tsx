"use client";

import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { atScreen, largestFitting, useAutoPage, usePageMs } from "@/components/screen/screen-type";

/**
 * Fills its box with its content at the largest type that fits (a binary
 * search on the font size; the content sizes itself in `em`), never below
 * `minAt1080` (px at 1080p, scaled to the screen). When even the smallest
 * type runs over, the content flows into box-sized pages (CSS columns, one
 * per page) and the box pages through them on its own, showing "1/3".
 */
export function FitToBox({
  children,
  watch,
  minAt1080 = 28,
  maxAt1080 = 64,
  pageMs = 20_000,
  testId = "fit-box",
  page: manual = null,
}: {
  children: ReactNode;
  watch: unknown;
  minAt1080?: number;
  maxAt1080?: number;
  pageMs?: number;
  testId?: string;
  /** The page the trainer turned to (counts freely; shown modulo the pages), or null to turn by themselves. */
  page?: number | null;
}) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState<{ font: number; pages: number; step: number; indicator: number }>({ font: 0, pages: 1, step: 0, indicator: 0 });
  const ms = usePageMs("textPageMs", pageMs);
  const [page] = useAutoPage(fit.pages, ms, watch, manual);

  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i) return;
    let frame = 0;
    const run = () => {
      const W = o.clientWidth;
      const H = o.clientHeight;
      if (W <= 0 || H <= 0) return;
      const lo = atScreen(minAt1080);
      const hi = Math.max(lo, atScreen(maxAt1080));
      // One column, natural height: does it fit?
      Object.assign(i.style, { height: "", columnWidth: "", columnGap: "", columnFill: "", transform: "", width: "" });
      const fits = (f: number) => {
        i.style.fontSize = `${f}px`;
        return i.scrollHeight <= H + 0.5 && i.scrollWidth <= W + 0.5;
      };
      const best = largestFitting(fits, lo, hi);
      i.style.fontSize = `${best.size}px`;
      if (best.fits) {
        setFit({ font: best.size, pages: 1, step: 0, indicator: 0 });
        return;
      }
      // Pages: the box's height less a row for "1/3", one column a page.
      const indicator = Math.ceil(lo * 1.6);
      const gap = Math.ceil(lo * 2);
      Object.assign(i.style, { height: `${H - indicator}px`, width: `${W}px`, columnWidth: `${W}px`, columnGap: `${gap}px`, columnFill: "auto" });
      const pages = Math.max(1, Math.round((i.scrollWidth + gap) / (W + gap)));
      setFit({ font: best.size, pages, step: W + gap, indicator });
    };
    let live = true;
    const schedule = () => {
      if (!live) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(run);
    };
    run();
    // Web fonts arriving, the box resizing or the text changing (help contacts edited) all re-fit.
    void document.fonts?.ready.then(schedule);
    const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(schedule);
    ro?.observe(o);
    const mo = typeof MutationObserver === "undefined" ? null : new MutationObserver(schedule);
    mo?.observe(i, { childList: true, subtree: true, characterData: true });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      ro?.disconnect();
      mo?.disconnect();
    };
  }, [watch, minAt1080, maxAt1080]);

  useLayoutEffect(() => {
    if (inner.current) inner.current.style.transform = fit.pages > 1 ? `translateX(${-page * fit.step}px)` : "";
  }, [page, fit]);

  return (
    <div ref={outer} className="relative h-full overflow-hidden" data-testid={testId} data-font={Math.round(fit.font * 10) / 10} data-page={page + 1} data-pages={fit.pages} data-paging={manual === null ? "auto" : "manual"}>
      <div ref={inner} className="flow-root transition-transform duration-500 **:transition-none!">
        {children}
      </div>
      {fit.pages > 1 && (
        <p className="absolute right-0 bottom-0 rounded-md bg-slate-800 px-[0.5em] leading-normal font-semibold text-slate-200 tabular-nums" style={{ fontSize: fit.font }} data-testid="text-page">
          {page + 1}/{fit.pages}
        </p>
      )}
    </div>
  );
}

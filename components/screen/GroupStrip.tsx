"use client";

import { useLayoutEffect, useRef, type ReactNode } from "react";
import { largestFitting } from "./screen-type";

/**
 * The group cards' own strip at the foot of the projector: at most
 * `maxVh` of the screen's height, the cards scaled down (CSS zoom) until
 * they all fit, so forty groups never push into or cover anything above.
 */
export function GroupStrip({ children, maxVh = 22, minZoom = 0.3, watch }: { children: ReactNode; maxVh?: number; minZoom?: number; watch: unknown }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i) return;
    const run = () => {
      const room = (window.innerHeight * maxVh) / 100;
      const fits = (z: number) => {
        i.style.zoom = String(z);
        return i.getBoundingClientRect().height <= room + 0.5;
      };
      const best = largestFitting(fits, minZoom, 1, 0.02);
      i.style.zoom = String(best.size);
      o.dataset.zoom = best.size.toFixed(2);
    };
    run();
    window.addEventListener("resize", run);
    return () => window.removeEventListener("resize", run);
  }, [watch, maxVh, minZoom]);

  return (
    <div ref={outer} className="shrink-0 overflow-hidden pt-[1vh]" style={{ maxHeight: `${maxVh + 1}vh` }} data-testid="region-groups">
      <div ref={inner} className="transition-none! **:transition-none!">
        {children}
      </div>
    </div>
  );
}

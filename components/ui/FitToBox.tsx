"use client";

import { useLayoutEffect, useRef, useState, type ReactNode } from "react";

/**
 * Shrinks its content (CSS zoom) until it fits the box, down to `min`: a long
 * story still fits one projector screen instead of running off its bottom.
 */
export function FitToBox({ children, min = 0.55, watch }: { children: ReactNode; min?: number; watch: unknown }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);

  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i) return;
    const fit = () => {
      i.style.zoom = "1";
      const natural = i.scrollHeight;
      const room = o.clientHeight;
      const next = natural > room && natural > 0 ? Math.max(min, Math.floor((room / natural) * 100) / 100) : 1;
      i.style.zoom = String(next);
      setZoom(next);
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(o);
    return () => ro.disconnect();
  }, [watch, min]);

  return (
    <div ref={outer} className="h-full overflow-hidden">
      <div ref={inner} style={{ zoom }} data-zoom={zoom}>
        {children}
      </div>
    </div>
  );
}

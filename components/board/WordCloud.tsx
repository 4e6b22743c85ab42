"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { atScreen, largestFitting } from "@/components/screen/screen-type";
import type { CloudWord } from "@/lib/domain/word-cloud";

const COLOURS = ["#fde68a", "#67e8f9", "#f9a8d4", "#86efac", "#c4b5fd", "#fdba74", "#93c5fd", "#fca5a5"];

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A word's size relative to the smallest: 1 for the rarest, up to `spread` for the most used. */
export function wordScale(count: number, least: number, most: number, spread = 3.2): number {
  if (most <= least) return most > 1 ? spread * 0.6 : 1;
  return 1 + (spread - 1) * Math.sqrt((count - least) / (most - least));
}

/**
 * A word cloud that fills its box: each word sized by how many notes use it,
 * the whole cloud at the largest size that fits, its smallest words never
 * below `minAt1080` (px at 1080p). When that is still too much, the rarest
 * words leave. Words wrap in rows (no overlap), in a stable shuffled order.
 */
export function WordCloud({ words, minAt1080 = 28, maxAt1080 = 72, emptyText }: { words: readonly CloudWord[]; minAt1080?: number; maxAt1080?: number; emptyText?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [fit, setFit] = useState<{ base: number; shown: number }>({ base: 0, shown: words.length });
  const least = words.length ? Math.min(...words.map((w) => w.count)) : 0;
  const most = words.length ? Math.max(...words.map((w) => w.count)) : 0;
  const signature = words.map((w) => `${w.word}:${w.count}`).join(" ");

  useLayoutEffect(() => {
    const b = box.current;
    const l = list.current;
    if (!b || !l) return;
    const run = () => {
      const H = b.clientHeight;
      const W = b.clientWidth;
      const lo = atScreen(minAt1080);
      const hi = Math.max(lo, atScreen(maxAt1080));
      const items = [...l.children] as HTMLElement[];
      const show = (n: number) => items.forEach((el) => (el.style.display = Number(el.dataset.rank) < n ? "" : "none"));
      const fits = (base: number) => {
        l.style.fontSize = `${base}px`;
        return l.scrollHeight <= H + 0.5 && l.scrollWidth <= W + 0.5;
      };
      // No layout (a test's DOM): everything at the largest size.
      if (H <= 0 || W <= 0) {
        setFit({ base: hi, shown: words.length });
        return;
      }
      show(words.length);
      let best = largestFitting(fits, lo, hi);
      let shown = words.length;
      if (!best.fits) {
        // Too many words even at the smallest size: keep the most used that fit.
        let a = 1;
        let z = words.length;
        l.style.fontSize = `${lo}px`;
        while (a < z) {
          const m = Math.ceil((a + z) / 2);
          show(m);
          if (l.scrollHeight <= H + 0.5) a = m;
          else z = m - 1;
        }
        shown = a;
        show(shown);
        best = { size: lo, fits: true };
      }
      l.style.fontSize = `${best.size}px`;
      show(shown);
      setFit({ base: best.size, shown });
    };
    run();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => run());
    ro.observe(b);
    return () => ro.disconnect();
  }, [signature, minAt1080, maxAt1080, words.length]);

  if (words.length === 0) {
    return (
      <div ref={box} className="flex h-full items-center justify-center text-slate-400" data-testid="word-cloud" data-words={0}>
        <ul ref={list} />
        {emptyText && <p style={{ fontSize: atScreen(minAt1080) }}>{emptyText}</p>}
      </div>
    );
  }
  // Ranked by use (the most used are kept when space runs out), shown in a stable shuffle.
  const ranked = words.map((w, rank) => ({ ...w, rank }));
  const order = [...ranked].sort((a, b) => hash(a.word) - hash(b.word));
  return (
    <div ref={box} className="flex h-full w-full items-center justify-center overflow-hidden" data-testid="word-cloud" data-words={fit.shown} data-font={Math.round(fit.base * 10) / 10}>
      <ul ref={list} className="flex w-full flex-wrap transition-none! **:transition-none! items-baseline justify-center gap-x-[0.6em] gap-y-[0.15em] leading-[1.1]" style={fit.base ? { fontSize: fit.base } : undefined}>
        {order.map((w) => (
          <li
            key={w.word}
            data-testid="word"
            data-count={w.count}
            data-rank={w.rank}
            className="font-bold break-all"
            style={{ fontSize: `${wordScale(w.count, least, most)}em`, color: COLOURS[hash(w.word) % COLOURS.length] }}
          >
            {w.word}
          </li>
        ))}
      </ul>
    </div>
  );
}

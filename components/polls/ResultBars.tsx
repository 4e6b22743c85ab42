"use client";

import { useTranslations } from "next-intl";

const look = {
  // The projector sizes in em (its box sets the font size); bars animate their width so live updates glide.
  screen: { row: "gap-[0.25em]", label: "text-[1em] font-semibold", bar: "h-[1.1em]", figure: "text-[1em] font-bold tabular-nums" },
  phone: { row: "gap-1", label: "text-base", bar: "h-4", figure: "text-base font-semibold tabular-nums" },
  console: { row: "gap-0.5", label: "text-sm", bar: "h-3", figure: "text-sm font-semibold tabular-nums" },
};

/** Percent of `total`, whole numbers (0 when nobody answered). */
export function percentOf(count: number, total: number): number {
  return total > 0 ? Math.round((count / total) * 100) : 0;
}

/**
 * One bar per option: its text, how many chose it, and the share of those
 * who answered. A revealed right option is marked. `data-testid="poll-option"`
 * carries the count in `data-count`.
 */
export function ResultBars({ labels, counts, total, correct = [], size }: { labels: string[]; counts: readonly number[]; total: number; correct?: readonly number[]; size: keyof typeof look }) {
  const t = useTranslations("polls");
  const l = look[size];
  return (
    <ol className={`flex flex-col ${size === "screen" ? "gap-[0.5em]" : "gap-2"}`}>
      {labels.map((label, i) => {
        const count = counts[i] ?? 0;
        const pct = percentOf(count, total);
        const right = correct.includes(i);
        return (
          <li key={i} className={`flex flex-col ${l.row}`} data-testid="poll-option" data-count={count} data-percent={pct} data-correct={correct.length ? right : undefined}>
            <div className="flex items-baseline justify-between gap-3">
              <span className={`${l.label} ${right ? "text-emerald-500" : ""} min-w-0 break-words`}>
                {right && <span aria-hidden="true">✓ </span>}
                {label}
                {right && <span className="sr-only"> ({t("correctAnswer")})</span>}
              </span>
              <span className={`${l.figure} shrink-0`}>
                {count} · {t("percent", { value: pct })}
              </span>
            </div>
            <div className={`${l.bar} w-full overflow-hidden rounded-full ${size === "screen" ? "bg-slate-800" : "bg-slate-200"}`}>
              <div
                className={`h-full rounded-full transition-[width] duration-300 ease-out motion-reduce:transition-none ${right ? "bg-emerald-500" : size === "screen" ? "bg-cyan-400" : "bg-brand"}`}
                style={{ width: `${pct}%` }}
              />
            </div>
          </li>
        );
      })}
    </ol>
  );
}

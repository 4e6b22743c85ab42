/** Small, dependency-free charts for reports: readable on screen and in print. */
export function StepLineChart({ points, label, minutes: minutesText, width = 560, height = 180 }: { points: [number, number][]; label: string; minutes: (count: number) => string; width?: number; height?: number }) {
  const pad = { l: 36, r: 10, t: 10, b: 28 };
  if (points.length === 0) return null;
  const t0 = points[0][0];
  const t1 = Math.max(points.at(-1)![0], t0 + 60_000);
  const max = Math.max(1, ...points.map((p) => p[1]));
  const x = (t: number) => pad.l + ((t - t0) / (t1 - t0)) * (width - pad.l - pad.r);
  const y = (n: number) => height - pad.b - (n / max) * (height - pad.t - pad.b);
  let d = `M${x(t0)} ${y(0)}`;
  for (const [t, n] of points) d += `H${x(t)}V${y(n)}`;
  const minutes = Math.round((t1 - t0) / 60_000);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="w-full max-w-xl" data-testid="chart-joins">
      <line x1={pad.l} y1={height - pad.b} x2={width - pad.r} y2={height - pad.b} stroke="#94a3b8" />
      <line x1={pad.l} y1={pad.t} x2={pad.l} y2={height - pad.b} stroke="#94a3b8" />
      <path d={d} fill="none" stroke="#0e7490" strokeWidth={2.5} />
      <text x={pad.l - 6} y={y(max) + 4} textAnchor="end" fontSize="11" fill="#475569">
        {max}
      </text>
      <text x={pad.l - 6} y={y(0) + 4} textAnchor="end" fontSize="11" fill="#475569">
        0
      </text>
      <text x={pad.l} y={height - 8} fontSize="11" fill="#475569">
        0
      </text>
      <text x={width - pad.r} y={height - 8} textAnchor="end" fontSize="11" fill="#475569">
        {minutesText(minutes)}
      </text>
    </svg>
  );
}

/**
 * Horizontal bars with their labels in full: the label column is as wide as
 * the longest label up to 16rem (CSS grid `fit-content`), longer names wrap
 * instead of being cut, and the chart grows a row per group (40 long Kazakh
 * names fit). The full name is also the label's title.
 */
export function BarChart({ bars, label }: { bars: { name: string; count: number }[]; label: string }) {
  if (bars.length === 0) return null;
  const max = Math.max(1, ...bars.map((b) => b.count));
  return (
    <ul aria-label={label} data-testid="chart-notes" className="grid w-full max-w-xl grid-cols-[fit-content(16rem)_1fr] gap-x-2 gap-y-1 text-sm">
      {bars.map((b, i) => (
        <li key={i} data-testid="chart-bar" data-count={b.count} className="col-span-2 grid grid-cols-subgrid items-start">
          <span className="text-right wrap-anywhere text-slate-900" title={b.name}>
            {b.name}
          </span>
          <span className="flex items-center gap-1.5 pt-0.5">
            <span className="block h-4 min-w-0.5 rounded-sm bg-cyan-700" style={{ width: `${(85 * b.count) / max}%` }} aria-hidden />
            <span className="tabular-nums">{b.count}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

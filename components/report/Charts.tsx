/** Small, dependency-free SVG charts for reports: readable on screen and in print. */
export function StepLineChart({ points, label, width = 560, height = 180 }: { points: [number, number][]; label: string; width?: number; height?: number }) {
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
        {minutes} min
      </text>
    </svg>
  );
}

export function BarChart({ bars, label, width = 560 }: { bars: { name: string; count: number }[]; label: string; width?: number }) {
  if (bars.length === 0) return null;
  const row = 26;
  const height = bars.length * row + 8;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const labelW = 120;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="w-full max-w-xl" data-testid="chart-notes">
      {bars.map((b, i) => {
        const w = ((width - labelW - 40) * b.count) / max;
        return (
          <g key={i} transform={`translate(0 ${i * row + 4})`}>
            <text x={labelW - 8} y={15} textAnchor="end" fontSize="12" fill="#0f172a">
              {b.name.slice(0, 18)}
            </text>
            <rect x={labelW} y={2} width={Math.max(2, w)} height={18} rx={3} fill="#0e7490" />
            <text x={labelW + w + 6} y={15} fontSize="12" fill="#0f172a">
              {b.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

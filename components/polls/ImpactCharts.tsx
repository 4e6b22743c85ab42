/** Small, dependency-free SVG charts for impact (same look as components/report/Charts.tsx): readable on screen and in print. */

/** Right answers before and after, a pair of bars per question (shares in %; a suppressed pair is left out). */
export function PrePostChart({ bars, label, legend, width = 640 }: { bars: { label: string; pre: number | null; post: number | null }[]; label: string; legend: [string, string]; width?: number }) {
  const shown = bars.filter((b): b is { label: string; pre: number; post: number } => b.pre !== null && b.post !== null);
  if (shown.length === 0) return null;
  const row = 40;
  const labelW = 220;
  const barMax = width - labelW - 50;
  const height = shown.length * row + 28;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="w-full max-w-3xl" data-testid="chart-pre-post">
      {shown.map((b, i) => (
        <g key={i} transform={`translate(0 ${i * row + 4})`} data-testid="chart-pre-post-bar" data-pre={b.pre} data-post={b.post}>
          <text x={labelW - 8} y={18} textAnchor="end" fontSize="12" fill="#0f172a">
            {b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label}
          </text>
          <rect x={labelW} y={2} width={Math.max(2, (barMax * b.pre) / 100)} height={14} rx={3} fill="#94a3b8" />
          <text x={labelW + (barMax * b.pre) / 100 + 6} y={13} fontSize="11" fill="#0f172a">
            {b.pre}%
          </text>
          <rect x={labelW} y={18} width={Math.max(2, (barMax * b.post) / 100)} height={14} rx={3} fill="#0e7490" />
          <text x={labelW + (barMax * b.post) / 100 + 6} y={29} fontSize="11" fill="#0f172a">
            {b.post}%
          </text>
        </g>
      ))}
      <g transform={`translate(${labelW} ${height - 18})`}>
        <rect width={12} height={12} fill="#94a3b8" />
        <text x={18} y={10} fontSize="12" fill="#0f172a">
          {legend[0]}
        </text>
        <rect x={110} width={12} height={12} fill="#0e7490" />
        <text x={128} y={10} fontSize="12" fill="#0f172a">
          {legend[1]}
        </text>
      </g>
    </svg>
  );
}

/** Sessions per month as columns. */
export function MonthChart({ months, label, width = 640, height = 180 }: { months: { month: string; sessions: number }[]; label: string; width?: number; height?: number }) {
  if (months.length === 0) return null;
  const pad = { l: 30, r: 10, t: 16, b: 28 };
  const max = Math.max(1, ...months.map((m) => m.sessions));
  const slot = (width - pad.l - pad.r) / months.length;
  const h = height - pad.t - pad.b;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="w-full max-w-3xl" data-testid="chart-months">
      <line x1={pad.l} y1={height - pad.b} x2={width - pad.r} y2={height - pad.b} stroke="#94a3b8" />
      {months.map((m, i) => {
        const bh = (h * m.sessions) / max;
        const x = pad.l + i * slot + slot * 0.15;
        return (
          <g key={m.month}>
            <rect x={x} y={height - pad.b - bh} width={slot * 0.7} height={bh} rx={3} fill="#0e7490" />
            <text x={x + slot * 0.35} y={height - pad.b - bh - 4} textAnchor="middle" fontSize="11" fill="#0f172a">
              {m.sessions}
            </text>
            <text x={x + slot * 0.35} y={height - 10} textAnchor="middle" fontSize="11" fill="#475569">
              {m.month}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

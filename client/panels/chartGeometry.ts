import type { SeriesPoint } from '../../models/reading';

export interface ChartScale {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** "Nice" axis ticks covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi - lo < 1e-9) {
    const pad = Math.abs(hi) > 1e-9 ? Math.abs(hi) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-6; v += step) out.push(Math.round(v / step) * step);
  if (out[out.length - 1] < hi) out.push(out[out.length - 1] + step);
  return out;
}

/** SVG paths for a series in a w×h box: avg line, min–max band, and bars of sums. */
export function seriesPaths(points: readonly SeriesPoint[], from: number, to: number, w: number, h: number, mode: 'line' | 'bars') {
  const vals = mode === 'bars' ? points.map((p) => p.sum) : points.flatMap((p) => [p.min, p.max]);
  const ticks = niceTicks(Math.min(0, ...vals), Math.max(...vals, 0));
  const y0 = ticks[0] ?? 0;
  const y1 = ticks[ticks.length - 1] ?? 1;
  const sx = (t: number) => ((t - from) / Math.max(1, to - from)) * w;
  const sy = (v: number) => h - ((v - y0) / Math.max(1e-9, y1 - y0)) * h;
  let line = '';
  let band = '';
  let bars = '';
  if (mode === 'line') {
    points.forEach((p, i) => (line += `${i ? 'L' : 'M'}${sx(p.t).toFixed(1)},${sy(p.avg).toFixed(1)}`));
    const top = points.map((p, i) => `${i ? 'L' : 'M'}${sx(p.t).toFixed(1)},${sy(p.max).toFixed(1)}`).join('');
    const bottom = [...points].reverse().map((p) => `L${sx(p.t).toFixed(1)},${sy(p.min).toFixed(1)}`).join('');
    band = points.length ? `${top}${bottom}Z` : '';
  } else {
    const bw = points.length > 1 ? Math.max(1, (sx(points[1].t) - sx(points[0].t)) * 0.7) : 6;
    for (const p of points) {
      const x = sx(p.t);
      const y = sy(p.sum);
      bars += `M${x.toFixed(1)},${sy(0).toFixed(1)}V${y.toFixed(1)}h${bw.toFixed(1)}V${sy(0).toFixed(1)}Z`;
    }
  }
  return { line, band, bars, ticks, sy };
}

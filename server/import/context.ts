// The site's surroundings in local metres: road centre lines with widths, water, green and land-use
// polygons, neighbouring buildings — kept within a radius of the red line (CONTEXT_MARGIN_M beyond
// its bounds), lines cut to that box, and capped at the model's counts.
import { latLonToLocal, ringArea, type CompoundContext, type LatLon, type Point2 } from '../../models';
import type { ContextFeature } from './extractFeatures';

export const CONTEXT_MARGIN_M = 600;
export type Box = { x0: number; y0: number; x1: number; y1: number };
const LIMITS = { roads: 20_000, water: 5_000, green: 5_000, landuse: 5_000, neighbours: 20_000 } as const;
const r2 = (v: number) => Math.round(v * 100) / 100 + 0;

export function boxAround(rings: readonly (readonly Point2[])[], margin: number): Box {
  const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const r of rings)
    for (const [x, y] of r) ((b.x0 = Math.min(b.x0, x)), (b.y0 = Math.min(b.y0, y)), (b.x1 = Math.max(b.x1, x)), (b.y1 = Math.max(b.y1, y)));
  return { x0: b.x0 - margin, y0: b.y0 - margin, x1: b.x1 + margin, y1: b.y1 + margin };
}

const ringTouches = (ring: readonly Point2[], b: Box): boolean => {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const [x, y] of ring) ((x0 = Math.min(x0, x)), (y0 = Math.min(y0, y)), (x1 = Math.max(x1, x)), (y1 = Math.max(y1, y)));
  return x1 >= b.x0 && x0 <= b.x1 && y1 >= b.y0 && y0 <= b.y1;
};
const segTouches = (a: Point2, c: Point2, b: Box) =>
  Math.max(a[0], c[0]) >= b.x0 && Math.min(a[0], c[0]) <= b.x1 && Math.max(a[1], c[1]) >= b.y0 && Math.min(a[1], c[1]) <= b.y1;

/** The runs of a line whose segments reach into the box (whole segments kept: the box is a limit, not a frame), ≤ 10,000 points each. */
export function clipLine(line: readonly Point2[], b: Box): Point2[][] {
  const runs: Point2[][] = [];
  let run: Point2[] = [];
  for (let i = 1; i < line.length; i++) {
    if (segTouches(line[i - 1], line[i], b)) {
      if (!run.length) run.push(line[i - 1]);
      run.push(line[i]);
      if (run.length === 10_000) (runs.push(run), (run = [line[i]]));
    } else if (run.length) (runs.push(run), (run = []));
  }
  if (run.length >= 2) runs.push(run);
  return runs.filter((r) => r.length >= 2);
}

const cleanRing = (ring: readonly Point2[]): Point2[] | null => {
  const r = ring.map(([x, y]) => [r2(x), r2(y)] as Point2);
  return r.length >= 3 && r.length <= 10_000 && Math.abs(ringArea(r)) > 0.01 ? r : null;
};

export interface ContextBuild {
  context: CompoundContext;
  /** Context features (by index) that kept at least one piece. */
  kept: Set<number>;
  /** Pieces left out beyond the radius or over the caps. */
  dropped: number;
  capped: string[];
}

/** Projects and limits the context features; neighbours are given in metres already. */
export function buildContext(
  features: readonly ContextFeature[],
  neighbours: { index: number; footprint: Point2[]; height: number }[],
  origin: LatLon,
  box: Box,
): ContextBuild {
  const project = (r: readonly Point2[]) => r.map(([lon, lat]) => latLonToLocal(origin, { lat, lon }));
  const ctx: CompoundContext = { roads: [], water: [], green: [], landuse: [], neighbours: [] };
  const kept = new Set<number>();
  const capped = new Set<string>();
  let dropped = 0;
  const put = <K extends keyof CompoundContext>(k: K, v: CompoundContext[K][number], index: number) => {
    if (ctx[k].length >= LIMITS[k]) return (capped.add(k), dropped++);
    (ctx[k] as CompoundContext[K][number][]).push(v);
    kept.add(index);
  };
  for (const f of features) {
    const c = f.cls;
    if (c.type === 'road') {
      for (const l of f.lines) {
        const runs = clipLine(project(l), box);
        if (!runs.length) dropped++;
        for (const run of runs)
          put('roads', { kind: c.kind, width: c.width, line: run.map(([x, y]) => [r2(x), r2(y)] as Point2), ...(c.name ? { name: c.name } : {}) }, f.index);
      }
      continue;
    }
    for (const p of f.polygons) {
      const outer = project(p.outer);
      if (!ringTouches(outer, box)) {
        dropped++;
        continue;
      }
      const polygon = cleanRing(outer);
      if (!polygon) continue;
      const holes = p.holes
        .slice(0, 100)
        .map((h) => cleanRing(project(h)))
        .filter((h): h is Point2[] => h !== null);
      const area = { polygon, ...(holes.length ? { holes } : {}) };
      if (c.type === 'water') put('water', area, f.index);
      else if (c.type === 'green') put('green', area, f.index);
      else if (c.type === 'landuse') put('landuse', { ...area, kind: c.kind }, f.index);
      else if (c.type === 'residential-area') put('landuse', { ...area, kind: 'residential' }, f.index);
    }
  }
  for (const n of neighbours) {
    if (!ringTouches(n.footprint, box)) {
      dropped++;
      continue;
    }
    put('neighbours', { footprint: n.footprint, height: Math.min(1000, Math.max(1, r2(n.height))) }, n.index);
  }
  return { context: ctx, kept, dropped, capped: [...capped] };
}

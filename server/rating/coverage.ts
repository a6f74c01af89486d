import type { Compound, CoverageGap, CoverageScope, Device, DeviceType } from '../../models';
import { cameraViews, obstaclesOf, pointInRing, seesPoint, type Point2 } from '../../models';

export interface CoverageResult {
  required: number;
  covered: number;
  gaps: CoverageGap[];
  /** Cameras only, for unit_entrance / gate / lane: how many were judged by their view, how many by the radius alone (no view). */
  byView?: number;
  byRadius?: number;
}

export type Scope = CoverageScope;

/** A place on the grounds that must be watched: a unit entrance, a gate, a point of a road. */
export interface Place {
  kind: 'unit_entrance' | 'gate' | 'lane';
  id: string;
  label: string;
  at: Point2;
  buildingId?: string;
  buildingNumber?: string;
  unitId?: string;
}

const residential = (c: Compound) => c.buildings.filter((b) => b.use === 'residential');

/** Metres between the points a road is sampled at. */
export const LANE_STEP_M = 15;

/** Shortest distance from p to a ring's boundary, and the nearest point on it. */
function nearestOnRing(p: Point2, ring: readonly Point2[]): { d: number; q: Point2 } {
  let best = Infinity;
  let q: Point2 = ring[0];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i],
      b = ring[(i + 1) % ring.length];
    const ex = b[0] - a[0],
      ey = b[1] - a[1];
    const l2 = ex * ex + ey * ey;
    const u = l2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * ex + (p[1] - a[1]) * ey) / l2)) : 0;
    const x = a[0] + u * ex,
      y = a[1] + u * ey;
    const d = Math.hypot(p[0] - x, p[1] - y);
    if (d < best) ((best = d), (q = [x, y]));
  }
  return { d: best, q };
}

const round2 = (p: Point2): Point2 => [Math.round(p[0] * 100) / 100, Math.round(p[1] * 100) / 100];

/** Metres within which a point counts as on a line (a road vertex on the red line, a red-line stretch on a road's edge). */
const ON_M = 0.05;

/** Where segment a→b crosses the line through segment c→d at a point of c→d: the parameter along a→b, or null (parallel, or missing c→d). */
function crossParam(a: Point2, b: Point2, c: Point2, d: Point2): number | null {
  const rx = b[0] - a[0],
    ry = b[1] - a[1],
    sx = d[0] - c[0],
    sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-12) return null;
  const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / den;
  const u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / den;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? t : null;
}

/**
 * Where a road's polygon passes through or ends on the red line: the stretches of the red line that lie inside
 * the road or along its edge, one gate each (any width), at the stretch's middle. A stretch counts only when the
 * road reaches at least half its length away from it, so a road that only touches the line at a vertex, or a
 * perimeter road lying along the line, is no gate; a road ending on the line (its end edge on it) is.
 */
function roadGates(road: readonly Point2[], rl: readonly Point2[]): Point2[] {
  type Piece = { a: Point2; b: Point2; len: number; on: boolean };
  const pieces: Piece[] = [];
  for (let j = 0; j < rl.length; j++) {
    const a = rl[j],
      b = rl[(j + 1) % rl.length];
    const ex = b[0] - a[0],
      ey = b[1] - a[1];
    const len = Math.hypot(ex, ey);
    if (len < 1e-9) continue;
    // Break the red-line segment wherever the road's boundary meets it: edge crossings and road vertices on it.
    const us = [0, 1];
    for (let i = 0; i < road.length; i++) {
      const p = road[i],
        q = road[(i + 1) % road.length];
      const u = crossParam(a, b, p, q);
      if (u !== null) us.push(u);
      const along = ((p[0] - a[0]) * ex + (p[1] - a[1]) * ey) / (len * len);
      const off = Math.abs((p[0] - a[0]) * ey - (p[1] - a[1]) * ex) / len;
      if (off <= ON_M && along > 0 && along < 1) us.push(along);
    }
    us.sort((x, y) => x - y);
    for (let k = 0; k + 1 < us.length; k++) {
      const u0 = us[k],
        u1 = us[k + 1];
      if ((u1 - u0) * len < 1e-6) continue;
      const m: Point2 = [a[0] + ((u0 + u1) / 2) * ex, a[1] + ((u0 + u1) / 2) * ey];
      const on = nearestOnRing(m, road).d <= ON_M || pointInRing(m, road);
      pieces.push({ a: [a[0] + u0 * ex, a[1] + u0 * ey], b: [a[0] + u1 * ex, a[1] + u1 * ey], len: (u1 - u0) * len, on });
    }
  }
  // Runs of consecutive pieces inside or along the road, the ring's last run joined to its first.
  const runs: Piece[][] = [];
  let cur: Piece[] | null = null;
  for (const pc of pieces) {
    if (!pc.on) cur = null;
    else if (cur) cur.push(pc);
    else runs.push((cur = [pc]));
  }
  if (runs.length > 1 && pieces[0].on && pieces[pieces.length - 1].on) runs[0] = [...runs.pop()!, ...runs[0]];
  if (runs.length === 1 && pieces.every((pc) => pc.on)) return []; // the road covers the whole red line: no gate in particular
  const out: Point2[] = [];
  for (const run of runs) {
    const length = run.reduce((s, pc) => s + pc.len, 0);
    if (length < 0.5) continue;
    const s0 = run[0].a,
      s1 = run[run.length - 1].b;
    const cx = s1[0] - s0[0],
      cy = s1[1] - s0[1];
    const cl = Math.hypot(cx, cy) || 1;
    const depth = Math.max(...road.map((p) => Math.abs((p[0] - s0[0]) * cy - (p[1] - s0[1]) * cx) / cl));
    if (depth < length / 2) continue;
    // the middle of the run, along the red line
    let left = length / 2;
    for (const pc of run) {
      if (left <= pc.len) {
        const f = left / pc.len;
        out.push([pc.a[0] + f * (pc.b[0] - pc.a[0]), pc.a[1] + f * (pc.b[1] - pc.a[1])]);
        break;
      }
      left -= pc.len;
    }
  }
  return out;
}

/**
 * The compound's gates: where a road passes through or ends on the red line (see roadGates), and gate devices
 * (access gates, barriers) on the grounds within 12 m of the red line that no such road gate already accounts for.
 */
export function gatePlaces(c: Compound): Place[] {
  const rl = c.redLine;
  const out: Place[] = [];
  for (const r of c.roads) {
    const gates = roadGates(r.polygon, rl);
    gates.forEach((g, k) => out.push({ kind: 'gate', id: gates.length > 1 ? `${r.id}-${k + 1}` : r.id, label: r.name ?? r.id, at: round2(g) }));
  }
  for (const d of c.devices) {
    if ((d.type !== 'access_gate' && d.type !== 'parking_gate') || d.placement.kind !== 'ground') continue;
    const p: Point2 = [d.placement.at[0], d.placement.at[1]];
    const { d: off, q } = nearestOnRing(p, rl);
    if (off > 12 || out.some((g) => Math.hypot(g.at[0] - q[0], g.at[1] - q[1]) <= 20)) continue;
    out.push({ kind: 'gate', id: d.id, label: d.name, at: round2(q) });
  }
  return out;
}

/** Metres within which two lane points of different roads are one (where roads cross or meet). */
const LANE_DEDUPE_M = 7;

/**
 * Points along the centre of the compound's main roads and lanes, about every `stepM` metres, whatever the
 * road's shape (straight, curved, L-shaped, a loop): each stretch of the road's boundary between corners
 * (turns over 30°) is sampled every `stepM` metres, centred on the stretch, and each sample moved inward along
 * the boundary's normal to the middle of the road there (half-way to the opposite side). Samples whose crossing is far longer than the road's usual width (the road's ends, looking
 * along it) are dropped; points must lie inside the road and outside buildings, under 3/4 step from a point
 * of the same road (the two sides of a road give the same centre line) or under LANE_DEDUPE_M from another
 * road's point (a crossing) are dropped.
 */
export function lanePlaces(c: Compound, stepM = LANE_STEP_M): Place[] {
  const out: Place[] = [];
  for (const r of c.roads) {
    if (r.kind !== 'lane' && r.kind !== 'main') continue;
    const ring = r.polygon;
    const n = ring.length;
    let area2 = 0;
    for (let i = 0; i < n; i++) area2 += ring[i][0] * ring[(i + 1) % n][1] - ring[(i + 1) % n][0] * ring[i][1];
    const ccw = area2 > 0;
    const edgeLen = ring.map((p, i) => Math.hypot(ring[(i + 1) % n][0] - p[0], ring[(i + 1) % n][1] - p[1]));
    // Corners: vertices where the boundary turns by more than 30°; between them, straight or gently curving stretches.
    const corners: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = ring[(i + n - 1) % n],
        q = ring[i],
        r2 = ring[(i + 1) % n];
      const ax = q[0] - p[0],
        ay = q[1] - p[1],
        bx = r2[0] - q[0],
        by = r2[1] - q[1];
      const la = Math.hypot(ax, ay),
        lb = Math.hypot(bx, by);
      if (la < 1e-9 || lb < 1e-9) continue;
      if ((ax * bx + ay * by) / (la * lb) < Math.cos(Math.PI / 6)) corners.push(i);
    }
    if (!corners.length) corners.push(0);
    const mids: { p: Point2; w: number }[] = [];
    // Each stretch sampled at the middles of round(length / stepM) equal parts, so both sides of a straight road give the same centre points.
    corners.forEach((start, ci) => {
      const end = corners[(ci + 1) % corners.length];
      const edges: number[] = [];
      for (let i = start; ; i = (i + 1) % n) {
        edges.push(i);
        if ((i + 1) % n === end) break;
      }
      const total = edges.reduce((sum, i) => sum + edgeLen[i], 0);
      const count = Math.max(1, Math.round(total / stepM));
      let e = 0,
        before = 0;
      for (let k = 0; k < count; k++) {
        const at = ((k + 0.5) * total) / count;
        while (e < edges.length - 1 && before + edgeLen[edges[e]] < at) before += edgeLen[edges[e++]];
        const i = edges[e];
        const len = edgeLen[i];
        if (len < 1e-9) continue;
        const a = ring[i],
          b = ring[(i + 1) % n];
        const ux = (b[0] - a[0]) / len,
          uy = (b[1] - a[1]) / len;
        // inward normal: left of the edge for a counter-clockwise ring
        const nx = ccw ? -uy : uy,
          ny = ccw ? ux : -ux;
        const o: Point2 = [a[0] + ux * (at - before), a[1] + uy * (at - before)];
        let w = Infinity;
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          const t = rayHit(o, nx, ny, ring[j], ring[(j + 1) % n]);
          if (t > 1e-6 && t < w) w = t;
        }
        if (w < Infinity) mids.push({ p: [o[0] + (nx * w) / 2, o[1] + (ny * w) / 2], w });
      }
    });
    if (!mids.length) continue;
    const widths = mids.map((m) => m.w).sort((x, y) => x - y);
    const usual = widths[Math.floor((widths.length - 1) / 2)];
    const own: Point2[] = [];
    let k = 0;
    for (const { p: raw, w } of mids) {
      if (w > 2 * usual) continue;
      const p = round2(raw);
      if (!pointInRing(p, ring)) continue;
      if (c.buildings.some((b) => pointInRing(p, b.footprint))) continue;
      if (own.some((o) => Math.hypot(o[0] - p[0], o[1] - p[1]) < 0.75 * stepM)) continue;
      if (out.some((o) => Math.hypot(o.at[0] - p[0], o.at[1] - p[1]) < LANE_DEDUPE_M)) continue;
      own.push(p);
      k++;
      out.push({ kind: 'lane', id: `${r.id}@${k}`, label: r.name ?? r.id, at: p });
    }
  }
  return out;
}

/** Distance along the ray from o in unit direction (dx, dy) to segment a→b; Infinity when it misses. */
function rayHit(o: Point2, dx: number, dy: number, a: Point2, b: Point2): number {
  const ex = b[0] - a[0],
    ey = b[1] - a[1];
  const den = dx * ey - dy * ex;
  if (Math.abs(den) < 1e-12) return Infinity;
  const wx = a[0] - o[0],
    wy = a[1] - o[1];
  const t = (wx * ey - wy * ex) / den;
  const u = (wx * dy - wy * dx) / den;
  return t >= 0 && u >= 0 && u <= 1 ? t : Infinity;
}

/** Every unit entrance of the residential buildings. */
export function entrancePlaces(c: Compound): Place[] {
  return residential(c).flatMap((b) =>
    b.units.map((u): Place => ({
      kind: 'unit_entrance',
      id: u.id,
      label: `${b.number}-${u.number}`,
      at: u.entrance,
      buildingId: b.id,
      buildingNumber: b.number,
      unitId: u.id,
    })),
  );
}

/**
 * Which places of a compound lack a device of `type` at the given scope. Pure: computed from the compound document.
 * unit_entrance, gate, lane: a camera with a view covers a place its view sees (range, field of view, no building
 * in between); other device types, and cameras of a compound where no camera has a view, cover places within radiusM.
 */
export function coverage(c: Compound, type: DeviceType, scope: Scope, radiusM = 20): CoverageResult {
  const devices = c.devices.filter((d) => d.type === type);
  if (scope === 'unit_entrance' || scope === 'gate' || scope === 'lane') return placeCoverage(c, type, devices, scope, radiusM);
  const inBuilding = new Set<string>();
  const inUnit = new Set<string>();
  const inUnitFloor = new Set<string>();
  for (const d of devices) {
    if (d.placement.kind !== 'building') continue;
    inBuilding.add(d.placement.buildingId);
    if (d.placement.unitId) {
      inUnit.add(d.placement.unitId);
      if (d.placement.floor !== undefined) inUnitFloor.add(d.placement.unitId + '@' + d.placement.floor);
    }
  }
  const gaps: CoverageGap[] = [];
  let required = 0;
  for (const b of residential(c)) {
    if (scope === 'building') {
      required++;
      if (!inBuilding.has(b.id)) gaps.push({ buildingId: b.id, buildingNumber: b.number });
      continue;
    }
    for (const u of b.units) {
      if (scope === 'unit' || scope === 'riser') {
        required++;
        if (!inUnit.has(u.id)) gaps.push({ buildingId: b.id, buildingNumber: b.number, unitId: u.id });
      } else {
        for (const f of u.floors) {
          required++;
          if (!inUnitFloor.has(u.id + '@' + f.level)) gaps.push({ buildingId: b.id, buildingNumber: b.number, unitId: u.id, floor: f.level });
        }
      }
    }
  }
  return { required, covered: required - gaps.length, gaps };
}

function placeCoverage(c: Compound, type: DeviceType, devices: Device[], scope: 'unit_entrance' | 'gate' | 'lane', radiusM: number): CoverageResult {
  const places = scope === 'unit_entrance' ? entrancePlaces(c) : scope === 'gate' ? gatePlaces(c) : lanePlaces(c);
  const cameras = type === 'camera';
  const viewed = cameras ? cameraViews(c) : [];
  const withView = new Set(viewed.map((v) => v.device));
  // A compound whose cameras have no views at all (an import) is judged by radius; once some cameras have views,
  // a camera without one (a lift car's) does not look at the grounds.
  const byRadius = cameras && viewed.length ? [] : devices.filter((d) => !withView.has(d));
  const obstacles = viewed.length ? obstaclesOf(c) : null;
  const gaps: CoverageGap[] = [];
  for (const p of places) {
    const seen =
      byRadius.some((d) => near(d, p.at, radiusM)) ||
      viewed.some(({ view }) => Math.hypot(view.at[0] - p.at[0], view.at[1] - p.at[1]) <= view.rangeM && seesPoint(view, p.at, obstacles!));
    if (seen) continue;
    gaps.push({
      buildingId: p.buildingId ?? '',
      buildingNumber: p.buildingNumber ?? '',
      ...(p.unitId ? { unitId: p.unitId } : {}),
      place: p.kind,
      at: p.at,
      label: p.label,
    });
  }
  const r: CoverageResult = { required: places.length, covered: places.length - gaps.length, gaps };
  if (cameras) ((r.byView = viewed.length), (r.byRadius = byRadius.length));
  return r;
}

function near(d: Device, p: readonly [number, number], r: number): boolean {
  const dx = d.placement.at[0] - p[0];
  const dy = d.placement.at[1] - p[1];
  return dx * dx + dy * dy <= r * r;
}

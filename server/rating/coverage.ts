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

function crossing(a: Point2, b: Point2, c: Point2, d: Point2): Point2 | null {
  const rx = b[0] - a[0],
    ry = b[1] - a[1],
    sx = d[0] - c[0],
    sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-12) return null;
  const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / den;
  const u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / den;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? [a[0] + t * rx, a[1] + t * ry] : null;
}

const round2 = (p: Point2): Point2 => [Math.round(p[0] * 100) / 100, Math.round(p[1] * 100) / 100];

/**
 * The compound's gates: where a road meets or crosses the red line (its vertices on the line and its
 * edges' crossings, grouped within 25 m), and gate devices (access gates, barriers) on the grounds
 * within 12 m of the red line that no such crossing already accounts for.
 */
export function gatePlaces(c: Compound): Place[] {
  const rl = c.redLine;
  const out: Place[] = [];
  for (const r of c.roads) {
    const pts: Point2[] = [];
    r.polygon.forEach((p, i) => {
      if (nearestOnRing(p, rl).d <= 1) pts.push(p);
      const q = r.polygon[(i + 1) % r.polygon.length];
      for (let j = 0; j < rl.length; j++) {
        const x = crossing(p, q, rl[j], rl[(j + 1) % rl.length]);
        if (x) pts.push(x);
      }
    });
    const groups: Point2[][] = [];
    for (const p of pts) {
      const g = groups.find((g) => Math.hypot(g[0][0] - p[0], g[0][1] - p[1]) <= 25);
      if (g) g.push(p);
      else groups.push([p]);
    }
    groups
      .filter((g) => g.length >= 2)
      .forEach((g, k, all) => {
        const at = round2([g.reduce((s, p) => s + p[0], 0) / g.length, g.reduce((s, p) => s + p[1], 0) / g.length]);
        out.push({ kind: 'gate', id: all.length > 1 ? `${r.id}-${k + 1}` : r.id, label: r.name ?? r.id, at });
      });
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

/**
 * Points along the compound's main roads and lanes every LANE_STEP_M metres: each road polygon's centre
 * line along its principal axis, keeping points inside the road, outside buildings and over 5 m from a
 * point already taken (where roads cross).
 */
export function lanePlaces(c: Compound, stepM = LANE_STEP_M): Place[] {
  const out: Place[] = [];
  for (const r of c.roads) {
    if (r.kind !== 'lane' && r.kind !== 'main') continue;
    const ring = r.polygon;
    const n = ring.length;
    const mx = ring.reduce((s, p) => s + p[0], 0) / n,
      my = ring.reduce((s, p) => s + p[1], 0) / n;
    let sxx = 0,
      syy = 0,
      sxy = 0;
    for (const [x, y] of ring) ((sxx += (x - mx) ** 2), (syy += (y - my) ** 2), (sxy += (x - mx) * (y - my)));
    const ang = 0.5 * Math.atan2(2 * sxy, sxx - syy);
    const ux = Math.cos(ang),
      uy = Math.sin(ang);
    let t0 = Infinity,
      t1 = -Infinity;
    for (const [x, y] of ring) {
      const t = (x - mx) * ux + (y - my) * uy;
      t0 = Math.min(t0, t);
      t1 = Math.max(t1, t);
    }
    const count = Math.max(1, Math.round((t1 - t0) / stepM));
    let k = 0;
    for (let i = 0; i < count; i++) {
      const t = t0 + ((i + 0.5) * (t1 - t0)) / count;
      const p = round2([mx + ux * t, my + uy * t]);
      if (!pointInRing(p, ring)) continue;
      if (c.buildings.some((b) => pointInRing(p, b.footprint))) continue;
      if (out.some((o) => Math.hypot(o.at[0] - p[0], o.at[1] - p[1]) < 5)) continue;
      k++;
      out.push({ kind: 'lane', id: `${r.id}@${k}`, label: r.name ?? r.id, at: p });
    }
  }
  return out;
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

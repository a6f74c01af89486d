// A building's own frame: t along its long axis, s across it. Units (单元) are slices along t, the
// way the client draws them (client/scene/footprintAxis.ts picks the axis the same way: the longest
// edge, pointed east-ish), so spans computed here line up with the rendered unit divisions.
import type { Point2 } from '../../models';

export interface BuildingFrame {
  axis: Point2;
  perp: Point2;
  /** Extent of the footprint along the axis. */
  min: number;
  max: number;
}

export function buildingFrame(ring: readonly Point2[]): BuildingFrame {
  let best = -1;
  let ax: Point2 = [1, 0];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len > best) ((best = len), (ax = [(b[0] - a[0]) / len, (b[1] - a[1]) / len]));
  }
  if (ax[0] < -1e-9 || (Math.abs(ax[0]) <= 1e-9 && ax[1] < 0)) ax = [-ax[0], -ax[1]];
  let min = Infinity,
    max = -Infinity;
  for (const p of ring) {
    const t = p[0] * ax[0] + p[1] * ax[1];
    min = Math.min(min, t);
    max = Math.max(max, t);
  }
  return { axis: ax, perp: [-ax[1], ax[0]], min, max };
}

/** Compound metres → frame [t, s]. */
export const toFrame = (f: BuildingFrame, p: Point2): Point2 => [p[0] * f.axis[0] + p[1] * f.axis[1], p[0] * f.perp[0] + p[1] * f.perp[1]];
/** Frame [t, s] → compound metres. */
export const fromFrame = (f: BuildingFrame, q: readonly number[]): Point2 => [q[0] * f.axis[0] + q[1] * f.perp[0], q[0] * f.axis[1] + q[1] * f.perp[1]];

/** Where the line t = const crosses the walls (outline and holes), as sorted s values. */
export function crossings(rings: readonly (readonly Point2[])[], t: number): number[] {
  const hits: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i];
      const b = ring[(i + 1) % ring.length];
      if ((a[0] < t && b[0] >= t) || (a[0] >= t && b[0] < t)) hits.push(a[1] + ((b[1] - a[1]) * (t - a[0])) / (b[0] - a[0]));
    }
  }
  return hits.sort((x, y) => x - y);
}

/**
 * The southmost solid strip across the building at t: [south wall, next wall]. For a courtyard
 * block that is the south wing, not the whole depth across the yard.
 */
export function stripAt(rings: readonly (readonly Point2[])[], t: number): [number, number] | null {
  const c = crossings(rings, t);
  return c.length >= 2 ? [c[0], c[1]] : null;
}

/** A point inside the footprint (not in a hole), in compound metres: the middle of the strip at mid-length. */
export function interiorPoint(outer: readonly Point2[], holes: readonly (readonly Point2[])[] = []): Point2 {
  const f = buildingFrame(outer);
  const rings = [outer, ...holes].map((r) => r.map((p) => toFrame(f, p)));
  for (const k of [0.5, 0.3, 0.7, 0.1, 0.9]) {
    const t = f.min + k * (f.max - f.min);
    const s = stripAt(rings, t);
    if (s) return fromFrame(f, [t, (s[0] + s[1]) / 2]);
  }
  return outer[0];
}

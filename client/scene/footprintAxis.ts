import { ringArea, type Point2 } from '../../models/geo';

/** A footprint's long axis: units (单元) are slices of the building along it. */
export interface FootprintAxis {
  /** Unit vector along the longest edge. */
  axis: Point2;
  /** Unit vector perpendicular to it (axis rotated +90°). */
  perp: Point2;
  /** Extent of the footprint projected on `axis`. */
  min: number;
  max: number;
}

/** The ring in counter-clockwise order, so outward normals are (dy, -dx). */
export function ccw(ring: readonly Point2[]): Point2[] {
  return ringArea(ring) < 0 ? [...ring].reverse() : [...ring];
}

export function footprintAxis(ring: readonly Point2[]): FootprintAxis {
  let best = -1;
  let ax: Point2 = [1, 0];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    if (len > best) {
      best = len;
      ax = [dx / len, dy / len];
    }
  }
  // Point the axis east-ish (or north when vertical) so unit 1 sits at the west/south end.
  if (ax[0] < -1e-9 || (Math.abs(ax[0]) <= 1e-9 && ax[1] < 0)) ax = [-ax[0], -ax[1]];
  let min = Infinity;
  let max = -Infinity;
  for (const p of ring) {
    const t = p[0] * ax[0] + p[1] * ax[1];
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return { axis: ax, perp: [-ax[1], ax[0]], min, max };
}

/** Points where the line `axis·p = min + s·(max−min)` crosses the footprint's walls, sorted across it. */
export function unitCut(ring: readonly Point2[], fa: FootprintAxis, s: number): Point2[] {
  const t = fa.min + s * (fa.max - fa.min);
  const hits: Point2[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const ta = a[0] * fa.axis[0] + a[1] * fa.axis[1] - t;
    const tb = b[0] * fa.axis[0] + b[1] * fa.axis[1] - t;
    if ((ta < 0 && tb >= 0) || (ta >= 0 && tb < 0)) {
      const k = ta / (ta - tb);
      hits.push([a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k]);
    }
  }
  return hits.sort((p, q) => p[0] * fa.perp[0] + p[1] * fa.perp[1] - (q[0] * fa.perp[0] + q[1] * fa.perp[1]));
}

/** Keeps the part of a ring on the side where `dir·p ≥ c` (one Sutherland–Hodgman pass). */
function clipHalfPlane(ring: readonly Point2[], dir: Point2, c: number): Point2[] {
  const out: Point2[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const da = a[0] * dir[0] + a[1] * dir[1] - c;
    const db = b[0] * dir[0] + b[1] * dir[1] - c;
    if (da >= 0) out.push(a);
    if (da >= 0 !== db >= 0) {
      const k = da / (da - db);
      out.push([a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k]);
    }
  }
  return out;
}

/** The slice of the footprint a unit occupies (its span along the long axis). */
export function unitFootprint(ring: readonly Point2[], fa: FootprintAxis, span: readonly [number, number]): Point2[] {
  const t0 = fa.min + span[0] * (fa.max - fa.min);
  const t1 = fa.min + span[1] * (fa.max - fa.min);
  const a = clipHalfPlane(ring, fa.axis, t0);
  return clipHalfPlane(a, [-fa.axis[0], -fa.axis[1]], -t1);
}

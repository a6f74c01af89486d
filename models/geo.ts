import { z } from 'zod';

/** A point in the compound's local frame: metres east (x) and north (y) of the geo origin. */
export const Point2Schema = z.tuple([z.number().finite(), z.number().finite()]);
export type Point2 = z.infer<typeof Point2Schema>;

/** A simple ring of at least 3 distinct points, not closed (the last point is not the first). */
export const RingSchema = z
  .array(Point2Schema)
  .min(3, 'a ring needs at least 3 points')
  .max(10_000)
  .superRefine((ring, ctx) => {
    if (Math.abs(ringArea(ring)) < 1e-6) ctx.addIssue({ code: 'custom', message: 'ring has zero area' });
  });

/** WGS84 latitude/longitude in degrees. */
export const LatLonSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type LatLon = z.infer<typeof LatLonSchema>;

const EARTH_RADIUS_M = 6_378_137;

/** WGS84 → local metres around the origin, equirectangular (exact enough inside a compound). */
export function latLonToLocal(origin: LatLon, ll: LatLon): Point2 {
  const x = (((ll.lon - origin.lon) * Math.PI) / 180) * EARTH_RADIUS_M * Math.cos((origin.lat * Math.PI) / 180);
  const y = (((ll.lat - origin.lat) * Math.PI) / 180) * EARTH_RADIUS_M;
  return [x, y];
}

/** Local metres around the origin → WGS84, the inverse of latLonToLocal. */
export function localToLatLon(origin: LatLon, [x, y]: readonly [number, number]): LatLon {
  const lat = origin.lat + (y / EARTH_RADIUS_M) * (180 / Math.PI);
  const lon = origin.lon + (x / (EARTH_RADIUS_M * Math.cos((origin.lat * Math.PI) / 180))) * (180 / Math.PI);
  return { lat, lon };
}

/** Signed area (positive when counter-clockwise). */
export function ringArea(ring: readonly Point2[]): number {
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

/** Area-weighted centroid of a ring. */
export function ringCentroid(ring: readonly Point2[]): Point2 {
  const a = ringArea(ring);
  if (Math.abs(a) < 1e-9) {
    const sx = ring.reduce((s, p) => s + p[0], 0);
    const sy = ring.reduce((s, p) => s + p[1], 0);
    return [sx / ring.length, sy / ring.length];
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    const f = x1 * y2 - x2 * y1;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

/** Even-odd point-in-polygon test. */
export function pointInRing(p: Point2, ring: readonly Point2[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * True when every point is inside `ring`: the same answer as `points.every(p => pointInRing(p, ring))`,
 * but edges are bucketed into horizontal slabs so each point meets only the edges that span its y
 * (only those can toggle the even-odd count). Thousands of points against a 5,000-vertex ring then cost
 * milliseconds instead of seconds — this runs when a stored compound loads at start-up.
 */
export function allInRing(points: readonly Point2[], ring: readonly Point2[]): boolean {
  if (points.length * ring.length <= 20_000) return points.every((p) => pointInRing(p, ring));
  let minY = Infinity,
    maxY = -Infinity;
  for (const [, y] of ring) {
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const slabs = Math.max(1, Math.min(4096, Math.ceil(Math.sqrt(ring.length))));
  const h = (maxY - minY) / slabs || 1;
  const slabOf = (y: number) => Math.min(slabs - 1, Math.max(0, Math.floor((y - minY) / h)));
  const buckets: number[][] = Array.from({ length: slabs }, () => []);
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const lo = Math.min(ring[i][1], ring[j][1]),
      hi = Math.max(ring[i][1], ring[j][1]);
    for (let s = slabOf(lo), e = slabOf(hi); s <= e; s++) buckets[s].push(i);
  }
  for (const p of points) {
    if (p[1] < minY || p[1] >= maxY) return false;
    let inside = false;
    for (const i of buckets[slabOf(p[1])]) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[i === 0 ? ring.length - 1 : i - 1];
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
    if (!inside) return false;
  }
  return true;
}

/** Axis-aligned bounds of a set of points. */
export function bounds(points: Iterable<Point2>): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

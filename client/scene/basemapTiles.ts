import { latLonToLocal, type LatLon, type Point2 } from '../../models/geo';

/** The server's basemap answer (GET /api/v1/basemap). */
export interface BasemapConfig {
  url: string;
  attribution: string;
  maxZoom: number;
}

export interface TileMosaic {
  z: number;
  /** Tile columns x0..x1 and rows y0..y1 (inclusive), Web Mercator XYZ (y down from the north). */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** The mosaic's north-west and south-east corners in local metres (x east, y north). */
  nw: Point2;
  se: Point2;
}

const R = 6_378_137;
const MAX_TILES_PER_SIDE = 6;

const deg = (r: number) => (r * 180) / Math.PI;
const rad = (d: number) => (d * Math.PI) / 180;

/** WGS84 → fractional tile coordinates at zoom z. */
export function tileOf(ll: LatLon, z: number): [number, number] {
  const n = 2 ** z;
  const lat = rad(Math.max(-85.05112878, Math.min(85.05112878, ll.lat)));
  return [((ll.lon + 180) / 360) * n, ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n];
}

/** The north-west corner of tile (x, y) at zoom z. */
export function tileCorner(x: number, y: number, z: number): LatLon {
  const n = 2 ** z;
  return { lat: deg(Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n)))), lon: (x / n) * 360 - 180 };
}

/** Local metres around the origin back to WGS84 (the inverse of latLonToLocal). */
export function localToLatLon(origin: LatLon, p: Point2): LatLon {
  return { lat: origin.lat + deg(p[1] / R), lon: origin.lon + deg(p[0] / (R * Math.cos(rad(origin.lat)))) };
}

/**
 * The tiles that cover `span` metres around `center` (local metres): the zoom puts 3 to 5 tiles across
 * the span (fewer when maxZoom caps it), never more than 6 × 6.
 */
export function chooseMosaic(origin: LatLon, center: Point2, span: number, maxZoom: number): TileMosaic {
  const c = localToLatLon(origin, center);
  const world = 2 * Math.PI * R * Math.cos(rad(c.lat));
  const z = Math.max(0, Math.min(maxZoom, Math.floor(Math.log2((4 * world) / span))));
  const tileM = world / 2 ** z;
  const [fx, fy] = tileOf(c, z);
  const half = Math.min(span / 2 / tileM, MAX_TILES_PER_SIDE / 2);
  const n = 2 ** z;
  const clampT = (v: number) => Math.max(0, Math.min(n - 1, v));
  let x0 = clampT(Math.floor(fx - half));
  let x1 = clampT(Math.floor(fx + half));
  let y0 = clampT(Math.floor(fy - half));
  let y1 = clampT(Math.floor(fy + half));
  if (x1 - x0 + 1 > MAX_TILES_PER_SIDE) x1 = x0 + MAX_TILES_PER_SIDE - 1;
  if (y1 - y0 + 1 > MAX_TILES_PER_SIDE) y1 = y0 + MAX_TILES_PER_SIDE - 1;
  x0 = Math.min(x0, x1);
  y0 = Math.min(y0, y1);
  return { z, x0, x1, y0, y1, nw: latLonToLocal(origin, tileCorner(x0, y0, z)), se: latLonToLocal(origin, tileCorner(x1 + 1, y1 + 1, z)) };
}

/** A tile's URL from the template: {z}/{x}/{y}, and {s} → a, b or c spread over the tiles. */
export function tileUrl(template: string, z: number, x: number, y: number): string {
  return template
    .replace('{z}', String(z))
    .replace('{x}', String(x))
    .replace('{y}', String(y))
    .replace('{s}', 'abc'[(x + y) % 3]);
}

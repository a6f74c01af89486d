// Which coordinates the input is in, and turning them into WGS84 [lon, lat]: a GeoJSON `crs`
// member, metre-sized values (Web Mercator, EPSG:3857), a Chinese GIS export inside China (GCJ-02),
// else WGS84 — with the reason, for the report.
import type { ImportOptions, Point2 } from '../../models';
import { gcj02ToWgs84, outOfChina } from './gcj02';

export type Crs = 'wgs84' | 'gcj02' | 'epsg3857';
const R = 6_378_137;
const LIMIT = Math.PI * R;

/** EPSG:3857 metres → WGS84 degrees. */
export function mercatorToWgs84(x: number, y: number): Point2 {
  return [((x / R) * 180) / Math.PI, ((2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * 180) / Math.PI];
}
/** WGS84 degrees → EPSG:3857 metres (fixtures and tests). */
export function wgs84ToMercator(lon: number, lat: number): Point2 {
  return [(lon * Math.PI * R) / 180, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
}

/** A function turning input positions into WGS84 [lon, lat]. */
export function toWgs84(crs: Crs): (p: Point2) => Point2 {
  if (crs === 'gcj02') return ([lon, lat]) => gcj02ToWgs84(lon, lat);
  if (crs === 'epsg3857') return ([x, y]) => mercatorToWgs84(x, y);
  return (p) => p;
}

/** The first position of each geometry (enough to tell degrees from metres), at most `max`. */
function samplePositions(features: readonly unknown[], max = 2_000): number[][] {
  const out: number[][] = [];
  const step = Math.max(1, Math.floor(features.length / max));
  for (let i = 0; i < features.length && out.length < max; i += step) {
    let c = (features[i] as { geometry?: { coordinates?: unknown } } | null)?.geometry?.coordinates;
    while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') out.push(c as number[]);
  }
  return out;
}

function fromMember(doc: unknown): { crs: Crs; reason: string } | null {
  const m = doc && typeof doc === 'object' ? (doc as { crs?: { properties?: { name?: unknown } } }).crs : undefined;
  const name = typeof m?.properties?.name === 'string' ? m.properties.name : null;
  if (!name) return null;
  const why = `crs member "${name}"`;
  if (/GCJ/i.test(name)) return { crs: 'gcj02', reason: why };
  if (/(EPSG:+|EPSG::)?(3857|900913|3785|102100)\b/i.test(name) && !/4326|4490|CRS84/i.test(name)) return { crs: 'epsg3857', reason: why };
  if (/4326|CRS84|4490|WGS ?84|CGCS2000/i.test(name)) return { crs: 'wgs84', reason: why };
  return null;
}

/** The CRS of one document: the option, else the guess and why. `cnGis`: the document was read as a Chinese GIS export. */
export function guessCrs(doc: unknown, features: readonly unknown[], option: ImportOptions['crs'], cnGis: boolean): { crs: Crs; reason: string } {
  if (option !== 'auto') return { crs: option, reason: 'option' };
  const member = fromMember(doc);
  if (member) return member;
  const sample = samplePositions(features);
  const big = sample.find(([x, y]) => Math.abs(x) > 180 || Math.abs(y) > 90);
  if (big) {
    if (sample.every(([x, y]) => Math.abs(x) <= LIMIT && Math.abs(y) <= LIMIT))
      return { crs: 'epsg3857', reason: `coordinates such as [${big[0]}, ${big[1]}] are metres, read as Web Mercator (EPSG:3857)` };
    return { crs: 'wgs84', reason: `coordinates such as [${big[0]}, ${big[1]}] are neither degrees nor Web Mercator metres` };
  }
  if (cnGis && sample.length && sample.every(([lon, lat]) => !outOfChina(lat, lon)))
    return { crs: 'gcj02', reason: 'a Chinese GIS export (cn-gis profile) inside China: GCJ-02 assumed; pass crs=wgs84 if it is GPS data' };
  return { crs: 'wgs84', reason: 'longitude/latitude degrees and no crs member: WGS84' };
}

import type { DistrictCompound } from '../../models/district';
import { latLonToLocal, type LatLon, type Point2 } from '../../models/geo';
import { triangulateRing } from '../scene/buildingShell';
import { ccw } from '../scene/footprintAxis';

// The district's geometry: every compound's buildings merged into ONE mesh (per-vertex colour by the chosen
// measure) and every compound's ground (red-line area, green, water, roads, the red line itself) into one
// more. Model (x east, y north, z up) maps to three as (x, z, −y), as in the console's scene.

export type Measure = 'level' | 'alarms';

/** Each compound's origin in metres east/north of the district's centre (equirectangular, models/geo). */
export function compoundOffsets(centre: LatLon, compounds: readonly Pick<DistrictCompound, 'origin'>[]): Point2[] {
  return compounds.map((c) => latLonToLocal(centre, c.origin));
}

export interface Placed {
  /** Middle of the red line's box, district metres (x east, y north). */
  centre: Point2;
  /** Red line box, district metres. */
  min: Point2;
  max: Point2;
  /** Tallest roof, metres. */
  top: number;
}

export function placeCompounds(compounds: readonly DistrictCompound[], offsets: readonly Point2[]): Placed[] {
  return compounds.map((c, i) => {
    const [ox, oy] = offsets[i];
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (const [x, y] of c.redLine) {
      minX = Math.min(minX, x + ox);
      maxX = Math.max(maxX, x + ox);
      minY = Math.min(minY, y + oy);
      maxY = Math.max(maxY, y + oy);
    }
    const top = c.buildings.reduce((m, b) => Math.max(m, b.height), 0);
    return { centre: [(minX + maxX) / 2, (minY + maxY) / 2], min: [minX, minY], max: [maxX, maxY], top };
  });
}

export interface MeshArrays {
  position: Float32Array;
  normal: Float32Array;
  color: Float32Array;
  index: Uint32Array;
  /** First vertex of each compound (length compounds + 1): vertex v belongs to the compound i with starts[i] ≤ v < starts[i+1]. */
  starts: Uint32Array;
}

/** A growable float/int list (built once per data, not per frame). */
class Buf {
  p: number[] = [];
  n: number[] = [];
  c: number[] = [];
  i: number[] = [];
  get v() {
    return this.p.length / 3;
  }
  vert(x: number, y: number, z: number, nx: number, ny: number, nz: number, rgb: readonly number[]) {
    this.p.push(x, z, -y);
    this.n.push(nx, nz, -ny);
    this.c.push(rgb[0], rgb[1], rgb[2]);
  }
  arrays(starts: number[]): MeshArrays {
    return {
      position: new Float32Array(this.p),
      normal: new Float32Array(this.n),
      color: new Float32Array(this.c),
      index: new Uint32Array(this.i),
      starts: new Uint32Array(starts),
    };
  }
}

const WHITE = [1, 1, 1];

/** Walls and roofs of every building of every compound, placed at its offset; colours filled by `paint`. */
export function buildBuildingArrays(compounds: readonly DistrictCompound[], offsets: readonly Point2[]): MeshArrays {
  const b = new Buf();
  const starts: number[] = [];
  compounds.forEach((c, ci) => {
    starts.push(b.v);
    const [ox, oy] = offsets[ci];
    for (const bd of c.buildings) {
      const ring = ccw(bd.footprint);
      const holes = (bd.holes ?? []).map((h) => ccw(h).reverse());
      // walls: one quad per edge, outward normals (holes run clockwise, so theirs face the courtyard)
      for (const loop of [ring, ...holes]) {
        for (let k = 0; k < loop.length; k++) {
          const [x1, y1] = loop[k];
          const [x2, y2] = loop[(k + 1) % loop.length];
          const len = Math.hypot(x2 - x1, y2 - y1) || 1;
          const nx = (y2 - y1) / len,
            ny = -(x2 - x1) / len;
          const v = b.v;
          b.vert(x1 + ox, y1 + oy, bd.base, nx, ny, 0, WHITE);
          b.vert(x2 + ox, y2 + oy, bd.base, nx, ny, 0, WHITE);
          b.vert(x2 + ox, y2 + oy, bd.height, nx, ny, 0, WHITE);
          b.vert(x1 + ox, y1 + oy, bd.height, nx, ny, 0, WHITE);
          b.i.push(v, v + 1, v + 2, v, v + 2, v + 3);
        }
      }
      // roof
      const v0 = b.v;
      for (const [x, y] of [...ring, ...holes.flat()]) b.vert(x + ox, y + oy, bd.height, 0, 0, 1, WHITE);
      for (const [p, q, r] of triangulateRing(ring, holes)) b.i.push(v0 + p, v0 + q, v0 + r);
    }
  });
  starts.push(b.v);
  return b.arrays(starts);
}

/** Ground colours (linear-ish sRGB values as drawn with a flat canvas). */
export const GROUND = {
  site: [0.07, 0.13, 0.2],
  green: [0.1, 0.27, 0.17],
  water: [0.08, 0.22, 0.38],
  road: [0.2, 0.25, 0.31],
  redLine: [0.9, 0.22, 0.22],
} as const;

/** Flat ring at height 0 (triangulated), in paint order. */
function flat(b: Buf, ring: readonly Point2[], ox: number, oy: number, rgb: readonly number[]) {
  if (ring.length < 3) return;
  const r = ccw(ring);
  const v0 = b.v;
  for (const [x, y] of r) b.vert(x + ox, y + oy, 0, 0, 0, 1, rgb);
  for (const [p, q, s] of triangulateRing(r)) b.i.push(v0 + p, v0 + q, v0 + s);
}

/** A band `width` metres wide along a polyline (a quad per segment), flat on the ground. */
function band(b: Buf, line: readonly Point2[], width: number, closed: boolean, ox: number, oy: number, rgb: readonly number[]) {
  const n = closed ? line.length : line.length - 1;
  for (let k = 0; k < n; k++) {
    const [x1, y1] = line[k];
    const [x2, y2] = line[(k + 1) % line.length];
    const len = Math.hypot(x2 - x1, y2 - y1);
    if (len < 1e-6) continue;
    // extend each segment by half the width so corners close
    const ux = (x2 - x1) / len,
      uy = (y2 - y1) / len;
    const h = width / 2;
    const px = -uy * h,
      py = ux * h;
    const ax = x1 - ux * h,
      ay = y1 - uy * h,
      bx = x2 + ux * h,
      by = y2 + uy * h;
    const v = b.v;
    b.vert(ax + px + ox, ay + py + oy, 0, 0, 0, 1, rgb);
    b.vert(ax - px + ox, ay - py + oy, 0, 0, 0, 1, rgb);
    b.vert(bx - px + ox, by - py + oy, 0, 0, 0, 1, rgb);
    b.vert(bx + px + ox, by + py + oy, 0, 0, 0, 1, rgb);
    b.i.push(v, v + 1, v + 2, v, v + 2, v + 3);
  }
}

/** The width of the red line on the ground, metres. */
export const RED_LINE_M = 2.5;

/** Every compound's ground in one mesh, drawn in order: site, green, water, road areas and roads, then the red line on top. */
export function buildGroundArrays(compounds: readonly DistrictCompound[], offsets: readonly Point2[]): MeshArrays {
  const b = new Buf();
  const starts: number[] = [];
  compounds.forEach((c, ci) => {
    starts.push(b.v);
    const [ox, oy] = offsets[ci];
    flat(b, c.redLine, ox, oy, GROUND.site);
    for (const g of c.context.green) flat(b, g, ox, oy, GROUND.green);
    for (const w of c.context.water) flat(b, w, ox, oy, GROUND.water);
    for (const r of c.context.roadAreas) flat(b, r, ox, oy, GROUND.road);
    for (const r of c.context.roads) band(b, r.line, r.width, false, ox, oy, GROUND.road);
    band(b, c.redLine, RED_LINE_M, true, ox, oy, GROUND.redLine);
  });
  starts.push(b.v);
  return b.arrays(starts);
}

/** Level colours: none, then the rubric's levels from the first to the highest. */
const LEVEL_NONE = [0.42, 0.47, 0.54];
const LEVEL_LOW = [0.25, 0.55, 0.95];
const LEVEL_HIGH = [1.0, 0.78, 0.2];
const ALARM_NONE = [0.22, 0.78, 0.62];
const ALARM_COLOURS = { warning: [0.55, 0.75, 0.95], minor: [0.98, 0.86, 0.3], major: [1.0, 0.55, 0.15], critical: [1.0, 0.22, 0.22] } as const;

/** The colour a compound gets for a measure (r, g, b in 0..1). */
export function measureColour(
  measure: Measure,
  c: Pick<DistrictCompound, 'level' | 'openAlarms' | 'alarmsBySeverity'>,
  levels: number,
): [number, number, number] {
  if (measure === 'level') {
    if (!c.level) return [LEVEL_NONE[0], LEVEL_NONE[1], LEVEL_NONE[2]];
    const t = levels > 1 ? (c.level.rank - 1) / (levels - 1) : 1;
    return [0, 1, 2].map((k) => LEVEL_LOW[k] + (LEVEL_HIGH[k] - LEVEL_LOW[k]) * t) as [number, number, number];
  }
  const s = c.alarmsBySeverity;
  const worst = s.critical ? 'critical' : s.major ? 'major' : s.minor ? 'minor' : s.warning ? 'warning' : null;
  const rgb = worst ? ALARM_COLOURS[worst] : ALARM_NONE;
  return [rgb[0], rgb[1], rgb[2]];
}

/** Fills each compound's vertices with its colour, walls a little darker than roofs (normal.y tells). */
export function paint(arrays: Pick<MeshArrays, 'color' | 'normal' | 'starts'>, colours: readonly (readonly number[])[]): void {
  const { color, normal, starts } = arrays;
  for (let ci = 0; ci < colours.length; ci++) {
    const [r, g, b] = colours[ci];
    for (let v = starts[ci]; v < starts[ci + 1]; v++) {
      const k = normal[v * 3 + 1] > 0.5 ? 1 : 0.78;
      color[v * 3] = r * k;
      color[v * 3 + 1] = g * k;
      color[v * 3 + 2] = b * k;
    }
  }
}

/** The compound a vertex belongs to (binary search over `starts`), or -1. */
export function compoundOfVertex(starts: Uint32Array, v: number): number {
  let lo = 0,
    hi = starts.length - 2;
  if (hi < 0 || v < starts[0] || v >= starts[starts.length - 1]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

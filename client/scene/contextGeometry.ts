import type { CompoundContext, ContextRoad } from '../../models/compound';
import type { Point2 } from '../../models/geo';
import { triangulateRing } from './buildingShell';
import { hex, type Rgb } from './colour';
import type { GroundArrays } from './groundGeometry';

/**
 * The site's surroundings as flat ground geometry: land use, green, water (with holes) and roads as
 * bands of their width, all in one indexed buffer with vertex colours, in paint order (drawn without
 * depth writes, so later areas cover earlier ones). Model (x east, y north) maps to three (x, 0, −y).
 */
export type ContextArrays = GroundArrays;

/** Quiet colours a step off the floor (0x050c18) and under the site fill (0x0c1828); major roads lighter. */
export const CONTEXT_COLORS = {
  landuse: {
    residential: hex(0x09131f),
    commercial: hex(0x11122a),
    industrial: hex(0x111418),
    education: hex(0x0d1722),
    health: hex(0x13111f),
    other: hex(0x0a111b),
  },
  green: hex(0x0b2822),
  water: hex(0x0a2545),
  road: {
    motorway: hex(0x3b4c66),
    trunk: hex(0x35465e),
    primary: hex(0x2f3f56),
    secondary: hex(0x293850),
    tertiary: hex(0x233247),
    residential: hex(0x1c293b),
    service: hex(0x172334),
    path: hex(0x142032),
    rail: hex(0x1b1f29),
  },
  railTie: hex(0x4a5366),
} as const;

/** Paint order of the road classes: minor first, so major roads run over the junctions. */
const ROAD_ORDER: readonly ContextRoad['kind'][] = ['path', 'service', 'residential', 'tertiary', 'secondary', 'primary', 'trunk', 'motorway', 'rail'];
/** Major roads are drawn at least this wide whatever the data says (a motorway of 3 m does not exist). */
const MIN_WIDTH: Partial<Record<ContextRoad['kind'], number>> = { motorway: 14, trunk: 12, primary: 10, secondary: 8, tertiary: 6.5 };
/** Rail: a dark bed with light dashes (ties) DASH metres long every DASH_EVERY metres. */
const DASH = 4;
const DASH_EVERY = 9;

class Builder {
  pos: number[] = [];
  col: number[] = [];
  idx: number[] = [];
  vert(x: number, y: number, c: Rgb): number {
    this.pos.push(x, 0, -y);
    this.col.push(c[0], c[1], c[2]);
    return this.pos.length / 3 - 1;
  }
  area(ring: readonly Point2[], holes: readonly (readonly Point2[])[] | undefined, c: Rgb): void {
    const base = this.pos.length / 3;
    const hs = holes ?? [];
    for (const [x, y] of ring) this.vert(x, y, c);
    for (const h of hs) for (const [x, y] of h) this.vert(x, y, c);
    for (const [a, b, d] of triangulateRing(ring, hs)) this.idx.push(base + a, base + b, base + d);
  }
  /** A band `width` wide centred on an open polyline, mitred at the joints (clamped at sharp turns), flat ends. */
  band(lineIn: readonly Point2[], width: number, c: Rgb): void {
    const line = dedupe(lineIn);
    const n = line.length;
    if (n < 2) return;
    const half = width / 2;
    const base = this.pos.length / 3;
    for (let i = 0; i < n; i++) {
      const n1 = i > 0 ? normal(line[i - 1], line[i]) : normal(line[0], line[1]);
      const n2 = i < n - 1 ? normal(line[i], line[i + 1]) : n1;
      let mx = n1[0] + n2[0];
      let my = n1[1] + n2[1];
      const ml = Math.hypot(mx, my);
      if (ml < 1e-6) {
        // a full U-turn: the joint is the segment normal
        mx = n1[0];
        my = n1[1];
      } else {
        mx /= ml;
        my /= ml;
      }
      // mitre length, clamped so sharp corners do not spike
      const k = Math.min(half / Math.max(mx * n2[0] + my * n2[1], 0.3), half * 3);
      const [x, y] = line[i];
      this.vert(x + mx * k, y + my * k, c);
      this.vert(x - mx * k, y - my * k, c);
    }
    for (let i = 0; i + 1 < n; i++) {
      const a = base + i * 2;
      const b = a + 2;
      this.idx.push(a, a + 1, b + 1, a, b + 1, b);
    }
  }
  /** Short bands along the line every DASH_EVERY metres (rail ties), continuing across the joints. */
  dashes(lineIn: readonly Point2[], width: number, c: Rgb): void {
    const line = dedupe(lineIn);
    let phase = 0;
    for (let i = 0; i + 1 < line.length; i++) {
      const [ax, ay] = line[i];
      const [bx, by] = line[i + 1];
      const len = Math.hypot(bx - ax, by - ay);
      let t = phase;
      while (t < len) {
        const t1 = Math.min(t + DASH, len);
        const p: Point2 = [ax + ((bx - ax) * t) / len, ay + ((by - ay) * t) / len];
        const q: Point2 = [ax + ((bx - ax) * t1) / len, ay + ((by - ay) * t1) / len];
        if (t1 - t > 0.2) this.band([p, q], width, c);
        t += DASH_EVERY;
      }
      phase = t - len;
    }
  }
}

function dedupe(line: readonly Point2[]): Point2[] {
  const out: Point2[] = [];
  for (const p of line) {
    const q = out[out.length - 1];
    if (!q || Math.hypot(p[0] - q[0], p[1] - q[1]) > 1e-3) out.push(p);
  }
  return out;
}

/** Left-hand unit normal of a → b (the band's +side). */
function normal(a: Point2, b: Point2): Point2 {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l = Math.hypot(dx, dy) || 1;
  return [-dy / l, dx / l];
}

/** The width a road is drawn at: its own, at least the class minimum for major roads. */
export function roadDrawWidth(r: Pick<ContextRoad, 'kind' | 'width'>): number {
  return Math.max(r.width, MIN_WIDTH[r.kind] ?? 0);
}

/** Land use, green, water, roads by class (minor to major) and rail, in that paint order; empty context → empty arrays. */
export function buildContextArrays(ctx: CompoundContext | undefined): ContextArrays {
  const g = new Builder();
  if (ctx) {
    for (const a of ctx.landuse) g.area(a.polygon, a.holes, CONTEXT_COLORS.landuse[a.kind]);
    for (const a of ctx.green) g.area(a.polygon, a.holes, CONTEXT_COLORS.green);
    for (const a of ctx.water) g.area(a.polygon, a.holes, CONTEXT_COLORS.water);
    for (const kind of ROAD_ORDER) {
      for (const r of ctx.roads) {
        if (r.kind !== kind) continue;
        const w = roadDrawWidth(r);
        g.band(r.line, w, CONTEXT_COLORS.road[kind]);
        if (kind === 'rail') g.dashes(r.line, w * 0.8, CONTEXT_COLORS.railTie);
      }
    }
  }
  return { position: new Float32Array(g.pos), color: new Float32Array(g.col), index: new Uint32Array(g.idx) };
}

/** Neighbouring buildings as one lit-by-colour extrusion (walls + roof), flat shading baked into the vertex colours. */
export interface NeighbourArrays {
  position: Float32Array;
  color: Float32Array;
  index: Uint32Array;
}

export const NEIGHBOUR_WALL = hex(0x1b2433);
export const NEIGHBOUR_ROOF = hex(0x242f40);
/** Light from the south-east, above: walls facing it are a little lighter (a quiet, fixed shade). */
const LIGHT: Point2 = [0.6, -0.8];

export function buildNeighbourArrays(neighbours: CompoundContext['neighbours'] | undefined): NeighbourArrays {
  const list = neighbours ?? [];
  let nv = 0;
  let ni = 0;
  const tris = list.map((nb) => triangulateRing(nb.footprint));
  list.forEach((nb, i) => {
    nv += nb.footprint.length * 5;
    ni += nb.footprint.length * 6 + tris[i].length * 3;
  });
  const position = new Float32Array(nv * 3);
  const color = new Float32Array(nv * 3);
  const index = new Uint32Array(ni);
  let v = 0;
  let k = 0;
  const put = (x: number, y: number, z: number, c: Rgb, s: number) => {
    position[v * 3] = x;
    position[v * 3 + 1] = z;
    position[v * 3 + 2] = -y;
    color[v * 3] = c[0] * s;
    color[v * 3 + 1] = c[1] * s;
    color[v * 3 + 2] = c[2] * s;
    return v++;
  };
  list.forEach((nb, bi) => {
    const ring = nb.footprint;
    const h = nb.height;
    // winding decides which side faces out: flip the normal of a clockwise ring
    let area = 0;
    for (let i = 0; i < ring.length; i++) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[(i + 1) % ring.length];
      area += x1 * y2 - x2 * y1;
    }
    const sign = area >= 0 ? 1 : -1;
    for (let i = 0; i < ring.length; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[(i + 1) % ring.length];
      const len = Math.hypot(bx - ax, by - ay) || 1;
      const nx = (sign * (by - ay)) / len;
      const ny = (sign * -(bx - ax)) / len;
      const shade = 0.78 + 0.32 * Math.max(0, nx * LIGHT[0] + ny * LIGHT[1]);
      const a0 = put(ax, ay, 0, NEIGHBOUR_WALL, shade);
      const b0 = put(bx, by, 0, NEIGHBOUR_WALL, shade);
      const b1 = put(bx, by, h, NEIGHBOUR_WALL, shade * 1.12);
      const a1 = put(ax, ay, h, NEIGHBOUR_WALL, shade * 1.12);
      index.set([a0, b0, b1, a0, b1, a1], k);
      k += 6;
    }
    const base = v;
    for (const [x, y] of ring) put(x, y, h, NEIGHBOUR_ROOF, 1);
    for (const [a, b, c] of tris[bi]) {
      index[k++] = base + a;
      index[k++] = base + b;
      index[k++] = base + c;
    }
  });
  return { position, color, index };
}

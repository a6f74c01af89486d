import type { Compound } from '../../models/compound';
import type { Point2 } from '../../models/geo';
import { triangulateRing } from './buildingShell';
import { ccw } from './footprintAxis';
import { hex, type Rgb } from './colour';

export interface GroundArrays {
  position: Float32Array;
  color: Float32Array;
  index: Uint32Array;
}

export const GROUND_COLORS = {
  site: hex(0x0c1828),
  green: hex(0x0f3a2f),
  main: hex(0x1d2b3d),
  lane: hex(0x182537),
  path: hex(0x14263a),
  redLine: hex(0xff3b3b),
} as const;

export const RED_LINE_WIDTH = 0.9;

class Builder {
  pos: number[] = [];
  col: number[] = [];
  idx: number[] = [];
  vert(x: number, y: number, c: Rgb): number {
    this.pos.push(x, 0, -y);
    this.col.push(c[0], c[1], c[2]);
    return this.pos.length / 3 - 1;
  }
  polygon(ring: readonly Point2[], c: Rgb): void {
    const base = this.pos.length / 3;
    for (const [x, y] of ring) this.vert(x, y, c);
    for (const [a, b, d] of triangulateRing(ring)) this.idx.push(base + a, base + b, base + d);
  }
  /** A closed band of constant width centred on the ring, with mitred corners. */
  ribbon(ringIn: readonly Point2[], width: number, c: Rgb): void {
    const ring = ccw(ringIn);
    const n = ring.length;
    const half = width / 2;
    const base = this.pos.length / 3;
    for (let i = 0; i < n; i++) {
      const p = ring[(i + n - 1) % n];
      const q = ring[i];
      const r = ring[(i + 1) % n];
      const n1 = normal(p, q);
      const n2 = normal(q, r);
      let mx = n1[0] + n2[0];
      let my = n1[1] + n2[1];
      const ml = Math.hypot(mx, my) || 1;
      mx /= ml;
      my /= ml;
      // miter length, clamped so sharp corners do not spike
      const k = Math.min(half / Math.max(mx * n2[0] + my * n2[1], 0.25), half * 4);
      this.vert(q[0] - mx * k, q[1] - my * k, c);
      this.vert(q[0] + mx * k, q[1] + my * k, c);
    }
    for (let i = 0; i < n; i++) {
      const a = base + i * 2;
      const b = base + ((i + 1) % n) * 2;
      // inner a, outer a+1; counter-clockwise seen from above
      this.idx.push(a, b + 1, b, a, a + 1, b + 1);
    }
  }
}

function normal(a: Point2, b: Point2): Point2 {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l = Math.hypot(dx, dy) || 1;
  return [dy / l, -dx / l];
}

/**
 * Site fill, green areas, roads and the red line in one buffer, in paint order: the ground is drawn
 * without depth writes so later areas cover earlier ones and nothing fights for depth.
 */
export function buildGroundArrays(c: Compound): GroundArrays {
  const g = new Builder();
  g.polygon(c.redLine, GROUND_COLORS.site);
  for (const a of c.greens) g.polygon(a.polygon, GROUND_COLORS.green);
  for (const kind of ['path', 'lane', 'main'] as const) for (const r of c.roads) if (r.kind === kind) g.polygon(r.polygon, GROUND_COLORS[kind]);
  g.ribbon(c.redLine, RED_LINE_WIDTH, GROUND_COLORS.redLine);
  return { position: new Float32Array(g.pos), color: new Float32Array(g.col), index: new Uint32Array(g.idx) };
}

import type { Building } from '../../models/compound';
import type { Point2 } from '../../models/geo';
import { holeRings } from './buildingShell';
import { clipOutside } from './clipSegment';
import { ccw, footprintAxis, unitCut } from './footprintAxis';

/** Line kinds, read by the line shader to weight them. */
export const LINE_FLOOR = 0;
export const LINE_OUTLINE = 1;
export const LINE_UNIT = 2;

export interface LineArrays {
  position: Float32Array;
  building: Float32Array;
  kind: Float32Array;
}

/** Lines sit this far outside the walls so they never fight the shell for depth. */
const EPS = 0.06;

/** Interior unit boundaries of a building, as fractions of its long axis. */
export function unitBoundaries(b: Building): number[] {
  const cuts = new Set<number>();
  for (const u of b.units) for (const s of u.span) if (s > 0.001 && s < 0.999) cuts.add(Math.round(s * 1e4) / 1e4);
  return [...cuts].sort((a, c) => a - c);
}

/** Floor lines, outlines and unit divisions of every building (but those in `skip`) as one LineSegments buffer. */
export function buildLineArrays(buildings: readonly Building[], skip?: ReadonlySet<number>): LineArrays {
  const pos: number[] = [];
  const bld: number[] = [];
  const kind: number[] = [];
  const seg = (bi: number, k: number, x1: number, y1: number, z1: number, x2: number, y2: number, z2: number) => {
    pos.push(x1, z1, -y1, x2, z2, -y2);
    bld.push(bi, bi);
    kind.push(k, k);
  };
  buildings.forEach((b, bi) => {
    if (skip?.has(bi)) return;
    const outline = ccw(b.footprint);
    const z0 = b.baseHeight ?? 0;
    const h = z0 + b.floors * b.floorHeight;
    for (const ring of [outline, ...holeRings(b)]) {
      const n = ring.length;
      const normals: Point2[] = [];
      for (let i = 0; i < n; i++) {
        const [ax, ay] = ring[i];
        const [bx, by] = ring[(i + 1) % n];
        const len = Math.hypot(bx - ax, by - ay);
        normals.push([(by - ay) / len, -(bx - ax) / len]);
      }
      for (let i = 0; i < n; i++) {
        const [ax, ay] = ring[i];
        const [bx, by] = ring[(i + 1) % n];
        const [nx, ny] = normals[i];
        const ox = nx * EPS;
        const oy = ny * EPS;
        for (let f = 1; f < b.floors; f++) {
          const z = z0 + f * b.floorHeight;
          seg(bi, LINE_FLOOR, ax + ox, ay + oy, z, bx + ox, by + oy, z);
        }
        seg(bi, LINE_OUTLINE, ax + ox, ay + oy, h + EPS, bx + ox, by + oy, h + EPS);
        seg(bi, LINE_OUTLINE, ax + ox, ay + oy, z0 + 0.05, bx + ox, by + oy, z0 + 0.05);
        // corner post, pushed out along the mean of the two walls' normals
        const [px, py] = normals[(i + n - 1) % n];
        seg(bi, LINE_OUTLINE, ax + (nx + px) * EPS, ay + (ny + py) * EPS, z0, ax + (nx + px) * EPS, ay + (ny + py) * EPS, h + EPS);
      }
    }
    const ring = outline;
    const fa = footprintAxis(ring);
    for (const s of unitBoundaries(b)) {
      const cut = unitCut(ring, fa, s);
      cut.forEach(([x, y], j) => {
        const sign = j % 2 === 0 ? -1 : 1;
        const ox = fa.perp[0] * EPS * sign;
        const oy = fa.perp[1] * EPS * sign;
        seg(bi, LINE_UNIT, x + ox, y + oy, z0, x + ox, y + oy, h + EPS);
      });
      for (let j = 0; j + 1 < cut.length; j += 2) {
        for (const [p, q] of clipOutside(cut[j], cut[j + 1], b.holes ?? [])) seg(bi, LINE_UNIT, p[0], p[1], h + EPS, q[0], q[1], h + EPS);
      }
    }
  });
  return { position: new Float32Array(pos), building: new Float32Array(bld), kind: new Float32Array(kind) };
}

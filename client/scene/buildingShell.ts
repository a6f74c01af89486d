import { ShapeUtils, Vector2 } from 'three';
import type { Building } from '../../models/compound';
import type { Point2 } from '../../models/geo';
import { ccw } from './footprintAxis';

/**
 * Every building's walls and roof merged into one set of arrays (one draw call for all shells).
 * Model (x east, y north, z up) maps to three as (x, z, −y).
 * Per vertex: `wall` = (metres along the perimeter, metres up) for the window pattern, or (x, y)
 * on roofs; `building` = index into compound.buildings; `roof` = 1 on roofs; `floorH` = storey height.
 */
export interface ShellArrays {
  position: Float32Array;
  normal: Float32Array;
  wall: Float32Array;
  building: Float32Array;
  roof: Float32Array;
  floorH: Float32Array;
  index: Uint32Array;
}

/** Triangulates a simple ring; triangles come out counter-clockwise in model x/y. */
export function triangulateRing(ring: readonly Point2[]): number[][] {
  const contour = ring.map(([x, y]) => new Vector2(x, y));
  const tris = ShapeUtils.triangulateShape(contour, []);
  return tris.map(([a, b, c]) => {
    const [ax, ay] = ring[a];
    const [bx, by] = ring[b];
    const [cx, cy] = ring[c];
    return (bx - ax) * (cy - ay) - (cx - ax) * (by - ay) >= 0 ? [a, b, c] : [a, c, b];
  });
}

export function buildShellArrays(buildings: readonly Building[]): ShellArrays {
  const rings = buildings.map((b) => ccw(b.footprint));
  const roofs = rings.map(triangulateRing);
  let nv = 0;
  let ni = 0;
  // a bike shed is a canopy on posts: roof only, so the chargers under it stay visible
  const hasWalls = buildings.map((b) => b.use !== 'bikeshed');
  rings.forEach((r, i) => {
    nv += (hasWalls[i] ? r.length * 4 : 0) + r.length;
    ni += (hasWalls[i] ? r.length * 6 : 0) + roofs[i].length * 3;
  });
  const out: ShellArrays = {
    position: new Float32Array(nv * 3),
    normal: new Float32Array(nv * 3),
    wall: new Float32Array(nv * 2),
    building: new Float32Array(nv),
    roof: new Float32Array(nv),
    floorH: new Float32Array(nv),
    index: new Uint32Array(ni),
  };
  let v = 0;
  let k = 0;
  const put = (x: number, y: number, z: number, nx: number, ny: number, nz: number, u: number, w: number, bi: number, roof: number, fh: number) => {
    out.position.set([x, z, -y], v * 3);
    out.normal.set([nx, nz, -ny], v * 3);
    out.wall[v * 2] = u;
    out.wall[v * 2 + 1] = w;
    out.building[v] = bi;
    out.roof[v] = roof;
    out.floorH[v] = fh;
    return v++;
  };
  buildings.forEach((b, bi) => {
    const ring = rings[bi];
    const h = b.floors * b.floorHeight;
    let along = 0;
    for (let i = 0; hasWalls[bi] && i < ring.length; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[(i + 1) % ring.length];
      const len = Math.hypot(bx - ax, by - ay);
      const nx = (by - ay) / len;
      const ny = -(bx - ax) / len;
      const a0 = put(ax, ay, 0, nx, ny, 0, along, 0, bi, 0, b.floorHeight);
      const b0 = put(bx, by, 0, nx, ny, 0, along + len, 0, bi, 0, b.floorHeight);
      const b1 = put(bx, by, h, nx, ny, 0, along + len, h, bi, 0, b.floorHeight);
      const a1 = put(ax, ay, h, nx, ny, 0, along, h, bi, 0, b.floorHeight);
      out.index.set([a0, b0, b1, a0, b1, a1], k);
      k += 6;
      along += len;
    }
    const base = v;
    for (const [x, y] of ring) put(x, y, h, 0, 0, 1, x, y, bi, 1, b.floorHeight);
    for (const [a, c, d] of roofs[bi]) {
      out.index.set([base + a, base + c, base + d], k);
      k += 3;
    }
  });
  return out;
}

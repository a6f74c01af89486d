import { ShapeUtils, Vector2 } from 'three';
import type { Building } from '../../models/compound';
import type { Point2 } from '../../models/geo';
import { ccw } from './footprintAxis';
import { tintOf } from './useTints';
import { srgbToLinear } from './colour';

/**
 * Every building's walls and roof merged into one set of arrays (one draw call for all shells).
 * Model (x east, y north, z up) maps to three as (x, z, −y). Courtyards (holes) get inward walls;
 * `baseHeight` lifts a part (a skybridge) off the ground.
 * Per vertex: `wall` = (metres along the perimeter, metres up) for the window pattern, or (x, y)
 * on roofs; `building` = index into compound.buildings; `roof` = 1 on roofs; `floorH` = storey height;
 * `tint` = the use class's colour (linear) and strength (useTints).
 */
export interface ShellArrays {
  position: Float32Array;
  normal: Float32Array;
  wall: Float32Array;
  building: Float32Array;
  roof: Float32Array;
  floorH: Float32Array;
  tint: Float32Array;
  index: Uint32Array;
}

/**
 * Triangulates a ring with optional holes; indices run over the ring's points then each hole's.
 * Triangles come out counter-clockwise in model x/y.
 */
export function triangulateRing(ring: readonly Point2[], holes: readonly (readonly Point2[])[] = []): number[][] {
  const contour = ring.map(([x, y]) => new Vector2(x, y));
  const tris = ShapeUtils.triangulateShape(
    contour,
    holes.map((h) => h.map(([x, y]) => new Vector2(x, y))),
  );
  const all = holes.length ? [...ring, ...holes.flat()] : ring;
  return tris.map(([a, b, c]) => {
    const [ax, ay] = all[a];
    const [bx, by] = all[b];
    const [cx, cy] = all[c];
    return (bx - ax) * (cy - ay) - (cx - ax) * (by - ay) >= 0 ? [a, b, c] : [a, c, b];
  });
}

/** Clockwise copies of a building's courtyards: walking them with (dy, −dx) normals faces into the courtyard. */
export function holeRings(b: Building): Point2[][] {
  return (b.holes ?? []).map((h) => ccw(h).reverse());
}

/** `skip`: indices of buildings drawn otherwise (a loaded glTF model); they keep their index but get no triangles. */
export function buildShellArrays(buildings: readonly Building[], skip?: ReadonlySet<number>): ShellArrays {
  const rings = buildings.map((b) => ccw(b.footprint));
  const holes = buildings.map(holeRings);
  // every wall loop of a building: the outline, then each courtyard
  const loops = buildings.map((_, i) => (skip?.has(i) ? [] : [rings[i], ...holes[i]]));
  const roofs = rings.map((r, i) => (skip?.has(i) ? [] : triangulateRing(r, holes[i])));
  let nv = 0;
  let ni = 0;
  // a bike shed is a canopy on posts: roof only, so the chargers under it stay visible
  const hasWalls = buildings.map((b) => b.use !== 'bikeshed');
  loops.forEach((ls, i) => {
    const pts = ls.reduce((n, l) => n + l.length, 0);
    nv += (hasWalls[i] ? pts * 4 : 0) + pts;
    ni += (hasWalls[i] ? pts * 6 : 0) + roofs[i].length * 3;
  });
  const out: ShellArrays = {
    position: new Float32Array(nv * 3),
    normal: new Float32Array(nv * 3),
    wall: new Float32Array(nv * 2),
    building: new Float32Array(nv),
    roof: new Float32Array(nv),
    floorH: new Float32Array(nv),
    tint: new Float32Array(nv * 4),
    index: new Uint32Array(ni),
  };
  const tints = buildings.map((b) => {
    const [r, g, bl, s] = tintOf(b.use);
    return [srgbToLinear(r), srgbToLinear(g), srgbToLinear(bl), s] as const;
  });
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
    out.tint.set(tints[bi], v * 4);
    return v++;
  };
  buildings.forEach((b, bi) => {
    const z0 = b.baseHeight ?? 0;
    const h = b.floors * b.floorHeight;
    const top = z0 + h;
    for (const ring of hasWalls[bi] ? loops[bi] : []) {
      let along = 0;
      for (let i = 0; i < ring.length; i++) {
        const [ax, ay] = ring[i];
        const [bx, by] = ring[(i + 1) % ring.length];
        const len = Math.hypot(bx - ax, by - ay);
        const nx = (by - ay) / len;
        const ny = -(bx - ax) / len;
        const a0 = put(ax, ay, z0, nx, ny, 0, along, 0, bi, 0, b.floorHeight);
        const b0 = put(bx, by, z0, nx, ny, 0, along + len, 0, bi, 0, b.floorHeight);
        const b1 = put(bx, by, top, nx, ny, 0, along + len, h, bi, 0, b.floorHeight);
        const a1 = put(ax, ay, top, nx, ny, 0, along, h, bi, 0, b.floorHeight);
        out.index.set([a0, b0, b1, a0, b1, a1], k);
        k += 6;
        along += len;
      }
    }
    const base = v;
    for (const ring of loops[bi]) for (const [x, y] of ring) put(x, y, top, 0, 0, 1, x, y, bi, 1, b.floorHeight);
    for (const [a, c, d] of roofs[bi]) {
      out.index.set([base + a, base + c, base + d], k);
      k += 3;
    }
  });
  return out;
}

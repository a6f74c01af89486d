import type { Compound } from '../../models/compound';
import { cameraViews, obstaclesOf, viewPolygon } from '../../models/cameraCoverage';

/** Metres above the ground the cones lie at: over roads and greens, under device markers. */
export const CONE_Y = 0.18;

export interface ViewConeArrays {
  /** Fan triangles (three coordinates each: x, height, −y). */
  position: Float32Array;
  index: Uint32Array;
  /** Outline segments, pairs of points. */
  edges: Float32Array;
  /** Per camera: its first vertex and vertex count, and its first index and index count (to highlight one). */
  cameras: Map<string, { vertex: number; vertices: number; start: number; count: number }>;
}

/**
 * Every camera's view polygon (clipped by buildings, see models/cameraCoverage) as one triangle fan per
 * camera around its position, and the outline of each. Built once per compound: 136 cameras × 32 rays.
 */
export function viewConeArrays(c: Pick<Compound, 'buildings' | 'devices'>, rays = 32): ViewConeArrays {
  const views = cameraViews(c);
  const obstacles = obstaclesOf(c);
  const polys = views.map(({ view }) => viewPolygon(view, obstacles, rays));
  let verts = 0,
    tris = 0,
    segs = 0;
  views.forEach(({ view }, i) => {
    const full = view.hfovDeg >= 360;
    const n = polys[i].length;
    verts += full ? n + 1 : n;
    tris += full ? n : n - 2;
    segs += n;
  });
  const position = new Float32Array(verts * 3);
  const index = new Uint32Array(tris * 3);
  const edges = new Float32Array(segs * 6);
  const cameras: ViewConeArrays['cameras'] = new Map();
  let v = 0,
    k = 0,
    e = 0;
  views.forEach(({ device, view }, i) => {
    const poly = polys[i];
    const full = view.hfovDeg >= 360;
    const base = v;
    const start = k;
    const put = (x: number, y: number) => {
      position[v * 3] = x;
      position[v * 3 + 1] = CONE_Y;
      position[v * 3 + 2] = -y;
      v++;
    };
    if (full) put(view.at[0], view.at[1]);
    for (const [x, y] of poly) put(x, y);
    const ring = poly.length;
    if (full) {
      for (let j = 0; j < ring; j++) {
        index[k++] = base;
        index[k++] = base + 1 + j;
        index[k++] = base + 1 + ((j + 1) % ring);
      }
    } else {
      for (let j = 1; j < ring - 1; j++) {
        index[k++] = base;
        index[k++] = base + j;
        index[k++] = base + j + 1;
      }
    }
    for (let j = 0; j < ring; j++) {
      const [ax, ay] = poly[j];
      const [bx, by] = poly[(j + 1) % ring];
      edges.set([ax, CONE_Y + 0.02, -ay, bx, CONE_Y + 0.02, -by], e);
      e += 6;
    }
    cameras.set(device.id, { vertex: base, vertices: v - base, start, count: k - start });
  });
  return { position, index, edges, cameras };
}

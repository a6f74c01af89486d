import type { Building } from '../../models/compound';
import type { Point2 } from '../../models/geo';
import { triangulateRing } from './buildingShell';
import { ccw, footprintAxis, unitFootprint } from './footprintAxis';

/**
 * A selected building as separate cells, one per unit per storey, for the exploded and see-through
 * views. Per vertex: floor (1-based), unit index (−1 when the building has no units), occupancy
 * ratio, whether an elderly resident lives alone on that unit-floor, and 1 on horizontal faces.
 */
export interface DetailArrays {
  position: Float32Array;
  normal: Float32Array;
  floor: Float32Array;
  unit: Float32Array;
  occ: Float32Array;
  elder: Float32Array;
  top: Float32Array;
  index: Uint32Array;
  lines: { position: Float32Array; floor: Float32Array; unit: Float32Array };
}

/** Gap left between stacked cells so storeys read even before they are pulled apart. */
const SLAB_GAP = 0.18;

export function buildDetailArrays(b: Building): DetailArrays {
  const ring = ccw(b.footprint);
  const fa = footprintAxis(ring);
  const cells: { ring: Point2[]; unit: number; span: number }[] = b.units.length
    ? b.units.map((u, i) => ({ ring: ccw(unitFootprint(ring, fa, u.span)), unit: i, span: i }))
    : [{ ring, unit: -1, span: 0 }];
  const pos: number[] = [],
    nrm: number[] = [],
    fl: number[] = [],
    un: number[] = [],
    oc: number[] = [],
    el: number[] = [],
    tp: number[] = [],
    idx: number[] = [];
  const lp: number[] = [],
    lf: number[] = [],
    lu: number[] = [];
  const vert = (x: number, y: number, z: number, nx: number, ny: number, nz: number, f: number, u: number, occ: number, elder: number, top: number) => {
    pos.push(x, z, -y);
    nrm.push(nx, nz, -ny);
    fl.push(f);
    un.push(u);
    oc.push(occ);
    el.push(elder);
    tp.push(top);
    return pos.length / 3 - 1;
  };
  const line = (f: number, u: number, x1: number, y1: number, z1: number, x2: number, y2: number, z2: number) => {
    lp.push(x1, z1, -y1, x2, z2, -y2);
    lf.push(f, f);
    lu.push(u, u);
  };
  for (const cell of cells) {
    if (cell.ring.length < 3) continue;
    const tris = triangulateRing(cell.ring);
    const unit = cell.unit >= 0 ? b.units[cell.unit] : undefined;
    for (let f = 1; f <= b.floors; f++) {
      const z0 = (b.baseHeight ?? 0) + (f - 1) * b.floorHeight + SLAB_GAP / 2;
      const z1 = (b.baseHeight ?? 0) + f * b.floorHeight - SLAB_GAP / 2;
      const info = unit?.floors.find((x) => x.level === f);
      const occ = info && info.households > 0 ? info.occupied / info.households : 0;
      const elder = info && info.elderlyAlone > 0 ? 1 : 0;
      const n = cell.ring.length;
      for (let i = 0; i < n; i++) {
        const [ax, ay] = cell.ring[i];
        const [bx, by] = cell.ring[(i + 1) % n];
        const len = Math.hypot(bx - ax, by - ay) || 1;
        const nx = (by - ay) / len;
        const ny = -(bx - ax) / len;
        const a0 = vert(ax, ay, z0, nx, ny, 0, f, cell.unit, occ, elder, 0);
        const b0 = vert(bx, by, z0, nx, ny, 0, f, cell.unit, occ, elder, 0);
        const b1 = vert(bx, by, z1, nx, ny, 0, f, cell.unit, occ, elder, 0);
        const a1 = vert(ax, ay, z1, nx, ny, 0, f, cell.unit, occ, elder, 0);
        idx.push(a0, b0, b1, a0, b1, a1);
        line(f, cell.unit, ax, ay, z0, bx, by, z0);
        line(f, cell.unit, ax, ay, z1, bx, by, z1);
        line(f, cell.unit, ax, ay, z0, ax, ay, z1);
      }
      const top = pos.length / 3;
      for (const [x, y] of cell.ring) vert(x, y, z1, 0, 0, 1, f, cell.unit, occ, elder, 1);
      const bottom = pos.length / 3;
      for (const [x, y] of cell.ring) vert(x, y, z0, 0, 0, -1, f, cell.unit, occ, elder, 1);
      for (const [a, c, d] of tris) {
        idx.push(top + a, top + c, top + d);
        idx.push(bottom + a, bottom + d, bottom + c);
      }
    }
  }
  return {
    position: new Float32Array(pos),
    normal: new Float32Array(nrm),
    floor: new Float32Array(fl),
    unit: new Float32Array(un),
    occ: new Float32Array(oc),
    elder: new Float32Array(el),
    top: new Float32Array(tp),
    index: new Uint32Array(idx),
    lines: { position: new Float32Array(lp), floor: new Float32Array(lf), unit: new Float32Array(lu) },
  };
}

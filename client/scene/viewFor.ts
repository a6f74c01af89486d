import type { Building } from '../../models/compound';
import type { TwinIndex } from '../stores/twinIndex';
import type { Selection } from '../stores/useUiStore';
import { EXPLODE_GAP, EXPLODE_LIFT, explodeOffset } from './coords';
import { ccw, footprintAxis, unitFootprint } from './footprintAxis';
import type { Box3Like } from './framing';

export interface ViewSpec {
  box: Box3Like;
  azimuthDeg: number;
  elevationDeg: number;
  margin: number;
}

function boxOf(points: readonly (readonly [number, number])[], z0: number, z1: number): Box3Like {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  // three: (x, z, −y)
  return { min: [minX, z0, -maxY], max: [maxX, z1, -minY] };
}

function stackHeight(b: Building, explode: boolean, floor: number | null): number {
  return (b.baseHeight ?? 0) + b.floors * b.floorHeight + (explode ? (b.floors - 1) * EXPLODE_GAP + (floor !== null ? EXPLODE_LIFT : 0) : 0);
}

/** What the camera should frame for a selection (the deepest level wins). */
export function viewFor(index: TwinIndex, sel: Selection, explode: boolean): ViewSpec {
  const d = sel.deviceId ? index.deviceById.get(sel.deviceId) : undefined;
  const b = sel.buildingId ? index.buildingById.get(sel.buildingId) : undefined;
  if (d) {
    const [x, y, z] = d.placement.at;
    const bi = d.placement.kind === 'building' ? index.buildingById.get(d.placement.buildingId) : undefined;
    const dz = bi && explode ? explodeOffset(index.deviceFloor.get(d.id) ?? 0, sel.floor, 1) : 0;
    const r = 14;
    return { box: { min: [x - r, z + dz - 2, -y - r], max: [x + r, z + dz + 5, -y + r] }, azimuthDeg: 25, elevationDeg: 38, margin: 0.1 };
  }
  if (b) {
    const ring = ccw(b.footprint);
    const u = sel.unitId ? b.units.find((x) => x.id === sel.unitId) : undefined;
    const pts = u ? unitFootprint(ring, footprintAxis(ring), u.span) : ring;
    if (sel.floor !== null) {
      const z0 = (b.baseHeight ?? 0) + (sel.floor - 1) * b.floorHeight + (explode ? explodeOffset(sel.floor, sel.floor, 1) : 0);
      // the whole storey across the building, with a storey of air either side for context
      return { box: boxOf(ring, z0 - b.floorHeight, z0 + 2 * b.floorHeight), azimuthDeg: 20, elevationDeg: 55, margin: 0.18 };
    }
    return { box: boxOf(pts, b.baseHeight ?? 0, stackHeight(b, explode, null)), azimuthDeg: 25, elevationDeg: 38, margin: 0.24 };
  }
  const bb = index.bounds;
  return { box: { min: [bb.minX, 0, -bb.maxY], max: [bb.maxX, bb.maxZ * 0.6, -bb.minY] }, azimuthDeg: 18, elevationDeg: 46, margin: 0.03 };
}

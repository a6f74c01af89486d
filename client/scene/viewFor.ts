import type { Building, Compound } from '../../models/compound';
import { buildingHeight, type TwinIndex } from '../stores/twinIndex';
import type { Selection } from '../stores/useUiStore';
import { EXPLODE_GAP, EXPLODE_LIFT, explodeOffset } from './coords';
import { ccw, footprintAxis, unitFootprint } from './footprintAxis';
import type { Box3Like, Point3Like } from './framing';

export interface ViewSpec {
  box: Box3Like;
  azimuthDeg: number;
  elevationDeg: number;
  margin: number;
}

type Ring = readonly (readonly [number, number])[];

/** Room above a roof for its floating name label (metres). */
const LABEL_ROOM_M = 8;
/** A building's drill-down shows this much ground around it (times its own half-size, at least CONTEXT_MIN_M). */
const CONTEXT_FACTOR = 1.9;
const CONTEXT_MIN_M = 28;

function boxOf(points: Ring, z0: number, z1: number): Box3Like {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  // three: (x, z, −y)
  return { min: [minX, z0, -maxY], max: [maxX, z1, -minY] };
}

/** Model ring (x east, y north) at height z as three points. */
function pushRing(out: Point3Like[], ring: Ring, z: number): void {
  for (const [x, y] of ring) out.push([x, z, -y]);
}

function withPoints(points: Point3Like[]): Box3Like {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (const p of points)
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k], p[k]);
      max[k] = Math.max(max[k], p[k]);
    }
  return { min, max, points };
}

function stackHeight(b: Building, explode: boolean, floor: number | null): number {
  return (b.baseHeight ?? 0) + b.floors * b.floorHeight + (explode ? (b.floors - 1) * EXPLODE_GAP + (floor !== null ? EXPLODE_LIFT : 0) : 0);
}

/** What the overview must show: the red line on the ground and every roof with room for its label. */
export function overviewPoints(c: Pick<Compound, 'redLine' | 'buildings'>): Point3Like[] {
  const pts: Point3Like[] = [];
  pushRing(pts, c.redLine, 0);
  for (const b of c.buildings) pushRing(pts, b.footprint, buildingHeight(b) + LABEL_ROOM_M);
  return pts;
}

/**
 * A building drill-down: the whole (possibly exploded) stack with its label, plus a ring of ground
 * around it, so its neighbours stay in the picture for context.
 */
export function buildingPoints(b: Building, ring: Ring, top: number): Point3Like[] {
  const pts: Point3Like[] = [];
  pushRing(pts, ring, b.baseHeight ?? 0);
  pushRing(pts, ring, top + LABEL_ROOM_M * 0.5);
  let cx = 0,
    cy = 0,
    r = 0;
  for (const [x, y] of ring) {
    cx += x / ring.length;
    cy += y / ring.length;
  }
  for (const [x, y] of ring) r = Math.max(r, Math.hypot(x - cx, y - cy));
  const reach = Math.max(r * CONTEXT_FACTOR, r + CONTEXT_MIN_M);
  for (let k = 0; k < 8; k++) {
    const a = (k * Math.PI) / 4;
    pts.push([cx + Math.cos(a) * reach, 0, -(cy + Math.sin(a) * reach)]);
  }
  return pts;
}

/** What the camera should frame for a selection (the deepest level wins). */
export function viewFor(index: TwinIndex, sel: Selection, explode: boolean, compound?: Pick<Compound, 'redLine' | 'buildings'> | null): ViewSpec {
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
    if (u) return { box: boxOf(pts, b.baseHeight ?? 0, stackHeight(b, explode, null)), azimuthDeg: 25, elevationDeg: 38, margin: 0.24 };
    return { box: withPoints(buildingPoints(b, ring, stackHeight(b, explode, null))), azimuthDeg: 25, elevationDeg: 34, margin: 0.06 };
  }
  if (compound) return { box: withPoints(overviewPoints(compound)), azimuthDeg: 18, elevationDeg: 46, margin: 0.05 };
  const bb = index.bounds;
  return { box: { min: [bb.minX, 0, -bb.maxY], max: [bb.maxX, bb.maxZ * 0.6, -bb.minY] }, azimuthDeg: 18, elevationDeg: 46, margin: 0.03 };
}

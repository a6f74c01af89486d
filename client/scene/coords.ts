import type { Vector3 } from 'three';

/** Model point (x east, y north, z up, metres) into a three vector (x, z, −y). */
export function toThree(out: Vector3, x: number, y: number, z: number): Vector3 {
  return out.set(x, z, -y);
}

/** A three point back in model metres (x east, y north, z up), rounded to the decimetre (work-order locations). */
export function modelPoint(p: { x: number; y: number; z: number }): [number, number, number] {
  const r = (v: number) => Math.round(v * 10) / 10 + 0;
  return [r(p.x), r(-p.z), r(Math.max(0, p.y))];
}

/** Gap added between storeys when a building's floors are pulled apart (metres). */
export const EXPLODE_GAP = 2.4;
/** Extra lift for the storeys above a selected floor, so the floor lies open. */
export const EXPLODE_LIFT = 14;

/** Vertical offset of storey `floor` in the exploded view at animation progress t (0..1); mirrors the detail shader. */
export function explodeOffset(floor: number, selectedFloor: number | null, t: number): number {
  if (t <= 0 || floor < 1) return 0;
  const lift = selectedFloor !== null && floor > selectedFloor ? EXPLODE_LIFT : 0;
  return ((floor - 1) * EXPLODE_GAP + lift) * t;
}

/**
 * Per-frame values shared across scene components without React: the exploded-view progress
 * (animated by BuildingDetail, read by the device layers and the probe). Mutated in useFrame only.
 */
export const sceneFx = {
  explode: 0,
  explodeBuilding: -1,
  explodeFloor: null as number | null,
  /** Current marker scale (devices grow when the camera is far). */
  markerScale: 1,
  /** Set by a tool that picks buildings (the broadcast tool): a click on a building goes to it instead of selecting it when it answers true. */
  pickBuilding: null as ((id: string) => boolean) | null,
};

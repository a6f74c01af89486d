import { Vector3 } from 'three';
import type { DeviceType } from '../../models/deviceTypes';
import type { TwinIndex } from '../stores/twinIndex';
import { explodeOffset, sceneFx, toThree } from './coords';
import { buildDeviceShape } from './deviceShapes';

const centerY = new Map<DeviceType, number>();

/** Height of a marker's visual centre above its mount point at scale 1. */
export function shapeCenterY(type: DeviceType): number {
  let y = centerY.get(type);
  if (y === undefined) {
    y = buildDeviceShape(type).boundingSphere?.center.y ?? 0;
    centerY.set(type, y);
  }
  return y;
}

/** Where a device's mount point is drawn now (three coordinates), following an exploded building. */
export function deviceWorldPosition(index: TwinIndex, id: string, out: Vector3): Vector3 | null {
  const d = index.deviceById.get(id);
  if (!d) return null;
  const [x, y, z] = d.placement.at;
  toThree(out, x, y, z);
  if (d.placement.kind === 'building' && sceneFx.explodeBuilding >= 0 && index.buildingIndex.get(d.placement.buildingId) === sceneFx.explodeBuilding) {
    out.y += explodeOffset(index.deviceFloor.get(id) ?? 0, sceneFx.explodeFloor, sceneFx.explode);
  }
  return out;
}

/** The visual centre of a device's marker (what a person would click). */
export function deviceMarkerCenter(index: TwinIndex, id: string, out: Vector3): Vector3 | null {
  const d = index.deviceById.get(id);
  if (!d || !deviceWorldPosition(index, id, out)) return null;
  out.y += shapeCenterY(d.type) * sceneFx.markerScale;
  return out;
}

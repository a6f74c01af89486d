import type { Vector3 } from 'three';
import type { WorkOrder } from '../../models/workOrder';
import { buildingHeight, type TwinIndex } from '../stores/twinIndex';
import { toThree } from './coords';
import { deviceWorldPosition } from './deviceLocator';

/** Where a work order's pin stands (three coordinates): its own location, else its device, else its building's roof. */
export function pinWorldPosition(index: TwinIndex, w: Pick<WorkOrder, 'location' | 'deviceId' | 'buildingId'>, out: Vector3): Vector3 | null {
  if (w.location) return toThree(out, w.location[0], w.location[1], w.location[2]);
  if (w.deviceId && deviceWorldPosition(index, w.deviceId, out)) return out;
  const b = w.buildingId ? index.buildingById.get(w.buildingId) : undefined;
  const a = w.buildingId ? index.anchor.get(w.buildingId) : undefined;
  if (b && a) return toThree(out, a[0], a[1], buildingHeight(b));
  return null;
}

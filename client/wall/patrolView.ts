import type { TwinIndex } from '../stores/twinIndex';
import { EMPTY_SELECTION } from '../stores/useUiStore';
import { useTwinStore } from '../stores/useTwinStore';
import type { Box3Like } from '../scene/framing';
import { viewFor } from '../scene/viewFor';
import type { PatrolState } from './usePatrolStore';

export interface PatrolView {
  box: Box3Like;
  elevationDeg: number;
  margin: number;
}

/** Metres around an alarm's device that the camera frames: the device with its surroundings. */
const DEVICE_RADIUS = 26;

/** What the camera frames for the patrol's target: the compound, a building, or an alarm's device (its building for a household's). */
export function patrolView(index: TwinIndex, p: Pick<PatrolState, 'kind' | 'buildingId' | 'deviceId'>): PatrolView {
  const d = p.kind === 'alarm' && p.deviceId ? index.deviceById.get(p.deviceId) : undefined;
  if (d) {
    const [x, y, z] = d.placement.at;
    const r = DEVICE_RADIUS;
    return { box: { min: [x - r, Math.max(0, z - 6), -y - r], max: [x + r, z + 10, -y + r] }, elevationDeg: 36, margin: 0.12 };
  }
  if (p.buildingId && index.buildingById.has(p.buildingId)) {
    const v = viewFor(index, { ...EMPTY_SELECTION, buildingId: p.buildingId }, false);
    return { box: v.box, elevationDeg: p.kind === 'alarm' ? 40 : 30, margin: 0.3 };
  }
  const v = viewFor(index, EMPTY_SELECTION, false, useTwinStore.getState().compound);
  return { box: v.box, elevationDeg: 44, margin: 0.06 };
}

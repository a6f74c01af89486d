import { camerasCovering, obstaclesOf } from '../../models/cameraCoverage';
import type { Compound, Device } from '../../models/compound';

/** Cameras the wall shows beside an alarm. */
export const WALL_CAMERAS = 2;
/** Without a camera whose view sees the device, the nearest cameras within this many metres. */
export const WALL_NEAR_M = 40;

/**
 * The cameras to show for an alarm of `device`, best first: the device itself when it is a camera (its AI
 * event), then the cameras whose view cones see its ground position (nearest first, walls in the way
 * excluded); when none does, the nearest cameras within WALL_NEAR_M.
 */
export function wallCamerasFor(c: Pick<Compound, 'devices' | 'buildings'>, device: Device, limit = WALL_CAMERAS): string[] {
  const p: [number, number] = [device.placement.at[0], device.placement.at[1]];
  const out: string[] = device.type === 'camera' ? [device.id] : [];
  for (const cam of camerasCovering(c, p, obstaclesOf(c), limit + 1)) {
    if (out.length >= limit) break;
    if (!out.includes(cam.id)) out.push(cam.id);
  }
  if (out.length > 0) return out.slice(0, limit);
  const near: { id: string; dist: number }[] = [];
  for (const d of c.devices) {
    if (d.type !== 'camera') continue;
    const at = d.view?.at ?? d.placement.at;
    const dist = Math.hypot(at[0] - p[0], at[1] - p[1]);
    if (dist <= WALL_NEAR_M) near.push({ id: d.id, dist });
  }
  near.sort((a, b) => a.dist - b.dist || (a.id < b.id ? -1 : 1));
  return near.slice(0, limit).map((n) => n.id);
}

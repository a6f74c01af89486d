import { ConeGeometry, SphereGeometry, TorusGeometry, type BufferGeometry } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { WorkOrderStatus } from '../../models/workOrder';

/** Height of a pin's head above the point it marks (metres at marker scale 1). */
export const PIN_HEAD_Y = 7;

/** An alarm's marker disc radius at marker scale 1 (overlays/alarmMarkers MARKER_SIZE_M, critical size). */
const ALARM_DISC_M = 4.6;

/**
 * How far (metres, along the view's right axis: negative is left) a pin's head leans away from the
 * point it marks. Alarm discs float straight above their device with their count badge to the right
 * and beacons rise straight up, so the pin leans left, clear of both: its foot stays on the point,
 * its head beside the alarm, never inside it.
 */
export function pinSide(markerScale: number): number {
  return -(ALARM_DISC_M * 1.25 * markerScale + 1.6 * pinScale(markerScale));
}

/** Pins grow with distance like device markers, a little less. */
export function pinScale(markerScale: number): number {
  return Math.min(2.4, markerScale);
}

/** Pin colour by work-order status (sRGB hex): waiting amber, dispatched blue, in progress cyan, done green/grey. */
export const PIN_COLORS: Record<WorkOrderStatus, number> = {
  open: 0xffb020,
  assigned: 0x7d8bff,
  in_progress: 0x3fd0ff,
  resolved: 0x35e08a,
  closed: 0x8ea6c2,
};

/** A map pin standing on its point: a ring on the ground, a tapering stem, a round head (one merged shape). */
export function buildPinGeometry(): BufferGeometry {
  const clean = (g: BufferGeometry) => {
    const n = g.index ? g.toNonIndexed() : g;
    n.deleteAttribute('uv');
    return n;
  };
  const stem = clean(new ConeGeometry(0.55, PIN_HEAD_Y - 0.6, 10, 1).rotateX(Math.PI).translate(0, (PIN_HEAD_Y - 0.6) / 2, 0));
  const head = clean(new SphereGeometry(1.25, 16, 10).translate(0, PIN_HEAD_Y, 0));
  const ring = clean(new TorusGeometry(1.2, 0.12, 6, 24).rotateX(Math.PI / 2).translate(0, 0.1, 0));
  // drawn in this order without a depth test: the head last, over its stem and ring
  const g = mergeGeometries([ring, stem, head], false);
  if (!g) throw new Error('pin shape: parts do not merge');
  g.computeBoundingSphere();
  return g;
}

import { BoxGeometry, BufferGeometry, ConeGeometry, CylinderGeometry, IcosahedronGeometry, OctahedronGeometry, SphereGeometry, TorusGeometry } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { DeviceType } from '../../models/deviceTypes';

/** Position/normal only, non-indexed, moved so (x, y, z) is its centre in metres (three axes, y up). */
function part(g: BufferGeometry, x: number, y: number, z: number, rotX = 0, rotZ = 0): BufferGeometry {
  const n = g.index ? g.toNonIndexed() : g;
  n.deleteAttribute('uv');
  if (rotX) n.rotateX(rotX);
  if (rotZ) n.rotateZ(rotZ);
  n.translate(x, y, z);
  return n;
}

function merge(parts: BufferGeometry[]): BufferGeometry {
  const g = mergeGeometries(parts, false);
  if (!g) throw new Error('device shape: parts do not merge');
  g.computeBoundingSphere();
  return g;
}

const pole = (h: number, r = 0.06) => part(new CylinderGeometry(r, r, h, 6), 0, h / 2, 0);

/**
 * One recognisable marker per device type, life-sized in metres with the origin where the device
 * is mounted (its base). The scene scales them up together when the camera is far away.
 */
const SHAPES: Record<DeviceType, () => BufferGeometry> = {
  // a door frame
  access_gate: () =>
    merge([
      part(new BoxGeometry(0.18, 2.2, 0.3), -0.6, 1.1, 0),
      part(new BoxGeometry(0.18, 2.2, 0.3), 0.6, 1.1, 0),
      part(new BoxGeometry(1.38, 0.25, 0.3), 0, 2.3, 0),
      part(new BoxGeometry(0.3, 0.4, 0.12), 0.45, 1.3, 0.2),
    ]),
  // a bullet camera on a short arm
  camera: () =>
    merge([
      part(new BoxGeometry(0.08, 0.4, 0.08), 0, 0.2, 0),
      part(new BoxGeometry(0.36, 0.34, 0.8), 0, 0.5, 0.2),
      part(new CylinderGeometry(0.12, 0.15, 0.16, 10), 0, 0.5, 0.66, Math.PI / 2),
    ]),
  // a fence post with a sensor head
  electronic_fence: () => merge([part(new BoxGeometry(0.16, 2.2, 0.16), 0, 1.1, 0), part(new SphereGeometry(0.2, 8, 6), 0, 2.35, 0)]),
  // a screen on two legs
  info_screen: () =>
    merge([
      part(new BoxGeometry(1.8, 1.1, 0.14), 0, 1.9, 0),
      part(new BoxGeometry(0.1, 1.4, 0.1), -0.6, 0.7, 0),
      part(new BoxGeometry(0.1, 1.4, 0.1), 0.6, 0.7, 0),
    ]),
  // a hydrant: barrel, cap and side outlets
  hydrant_pressure: () =>
    merge([
      part(new CylinderGeometry(0.22, 0.26, 0.9, 10), 0, 0.45, 0),
      part(new SphereGeometry(0.24, 10, 6), 0, 0.92, 0),
      part(new CylinderGeometry(0.09, 0.09, 0.7, 8), 0, 0.6, 0, 0, Math.PI / 2),
    ]),
  // a ceiling disc
  smoke_detector: () => merge([part(new CylinderGeometry(0.32, 0.36, 0.14, 12), 0, -0.07, 0), part(new CylinderGeometry(0.1, 0.1, 0.06, 8), 0, -0.17, 0)]),
  // a horn on a pole
  broadcast_speaker: () =>
    merge([pole(2.4), part(new ConeGeometry(0.36, 0.7, 10, 1, true), 0, 2.3, 0.25, Math.PI / 2), part(new SphereGeometry(0.14, 6, 4), 0, 2.3, -0.15)]),
  // a small sensor puck with a ring
  elderly_sensor: () => merge([part(new IcosahedronGeometry(0.26, 1), 0, 0.3, 0), part(new TorusGeometry(0.4, 0.05, 4, 16), 0, 0.3, 0, Math.PI / 2)]),
  // a charging pillar with a plug head
  ebike_charger: () =>
    merge([
      part(new BoxGeometry(0.5, 1.3, 0.36), 0, 0.65, 0),
      part(new BoxGeometry(0.56, 0.18, 0.42), 0, 1.39, 0),
      part(new CylinderGeometry(0.07, 0.07, 0.3, 8), 0, 0.9, 0.3, Math.PI / 2),
    ]),
  // a wall meter box
  electric_meter: () => merge([part(new BoxGeometry(0.45, 0.6, 0.18), 0, 0.3, 0), part(new BoxGeometry(0.3, 0.16, 0.04), 0, 0.42, 0.1)]),
  // a round meter body with pipe stubs
  water_meter: () =>
    merge([part(new CylinderGeometry(0.2, 0.2, 0.18, 12), 0, 0.2, 0), part(new CylinderGeometry(0.06, 0.06, 0.7, 8), 0, 0.12, 0, 0, Math.PI / 2)]),
  // a utility cabinet with a roof
  public_meter: () => merge([part(new BoxGeometry(0.8, 1.2, 0.4), 0, 0.6, 0), part(new BoxGeometry(0.9, 0.08, 0.5), 0, 1.24, 0)]),
  // a barrier post and its arm
  parking_gate: () => merge([part(new BoxGeometry(0.45, 1.1, 0.45), 0, 0.55, 0), part(new BoxGeometry(3.6, 0.12, 0.12), 1.9, 1.0, 0)]),
  // a kiosk booth with a pitched roof
  health_kiosk: () => merge([part(new BoxGeometry(1.6, 2.2, 1.2), 0, 1.1, 0), part(new ConeGeometry(1.2, 0.6, 4), 0, 2.5, 0)]),
  // a sensor mast with a diamond head
  env_sensor: () => merge([pole(2.6), part(new OctahedronGeometry(0.36), 0, 2.9, 0)]),
};

export function buildDeviceShape(type: DeviceType): BufferGeometry {
  return SHAPES[type]();
}

/**
 * The far-away stand-in for a marker: its bounding box (12 triangles). From a distance colour and
 * proportion tell the types apart, and thousands of detailed markers would cost ten times the triangles.
 */
export function buildFarShape(type: DeviceType): BufferGeometry {
  const near = SHAPES[type]();
  near.computeBoundingBox();
  const b = near.boundingBox!;
  const g = part(
    new BoxGeometry(b.max.x - b.min.x, b.max.y - b.min.y, b.max.z - b.min.z),
    (b.min.x + b.max.x) / 2,
    (b.min.y + b.max.y) / 2,
    (b.min.z + b.max.z) / 2,
  );
  near.dispose();
  g.computeBoundingSphere();
  return g;
}

import { PerspectiveCamera, Vector3 } from 'three';

/** An axis-aligned box in three coordinates. */
export interface Box3Like {
  min: [number, number, number];
  max: [number, number, number];
}

/** Screen area the view must fit into, as insets in CSS px from each canvas edge (panels cover the rest). */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface View {
  position: [number, number, number];
  target: [number, number, number];
  /** camera-controls focal offset that shifts the target to the middle of the free screen area. */
  offset: [number, number, number];
}

const cam = new PerspectiveCamera();
const p = new Vector3();

/**
 * Camera that looks at the box centre from the given direction (azimuth from south towards east,
 * elevation above the ground) and fits all eight corners into the part of the screen the panels
 * leave free, with `margin` (0..1) of that area spare.
 */
export function frameBox(box: Box3Like, opts: { fovDeg: number; width: number; height: number; insets: Insets; azimuthDeg: number; elevationDeg: number; margin?: number }): View {
  const { width, height, insets } = opts;
  const freeW = Math.max(50, width - insets.left - insets.right);
  const freeH = Math.max(50, height - insets.top - insets.bottom);
  const margin = opts.margin ?? 0.08;
  // a camera whose whole frustum is the free area
  const tanHalf = Math.tan((opts.fovDeg * Math.PI) / 360) * (freeH / height);
  cam.fov = (Math.atan(tanHalf) * 360) / Math.PI;
  cam.aspect = freeW / freeH;
  cam.near = 0.1;
  cam.far = 1e6;
  cam.updateProjectionMatrix();
  const c: [number, number, number] = [(box.min[0] + box.max[0]) / 2, (box.min[1] + box.max[1]) / 2, (box.min[2] + box.max[2]) / 2];
  const az = (opts.azimuthDeg * Math.PI) / 180;
  const el = (opts.elevationDeg * Math.PI) / 180;
  // south is +z in three (model −y); azimuth turns towards east (+x)
  const dir = new Vector3(Math.sin(az) * Math.cos(el), Math.sin(el), Math.cos(az) * Math.cos(el));
  const fits = (dist: number) => {
    cam.position.set(c[0] + dir.x * dist, c[1] + dir.y * dist, c[2] + dir.z * dist);
    cam.lookAt(c[0], c[1], c[2]);
    cam.updateMatrixWorld(true);
    for (let i = 0; i < 8; i++) {
      p.set(i & 1 ? box.max[0] : box.min[0], i & 2 ? box.max[1] : box.min[1], i & 4 ? box.max[2] : box.min[2]).project(cam);
      if (p.z > 1 || Math.abs(p.x) > 1 - margin || Math.abs(p.y) > 1 - margin) return false;
    }
    return true;
  };
  let lo = 1;
  let hi = 1;
  while (!fits(hi) && hi < 1e5) hi *= 2;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  const dist = hi;
  // shift so the target sits in the middle of the free area instead of the canvas centre
  const fullTan = Math.tan((opts.fovDeg * Math.PI) / 360);
  const ndcX = (insets.left + freeW / 2 - width / 2) / (width / 2);
  const ndcY = (height / 2 - (insets.top + freeH / 2)) / (height / 2);
  const offX = -ndcX * dist * fullTan * (width / height);
  const offY = -ndcY * dist * fullTan;
  return { position: [c[0] + dir.x * dist, c[1] + dir.y * dist, c[2] + dir.z * dist], target: c, offset: [offX, offY, 0] };
}

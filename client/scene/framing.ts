import { Vector3 } from 'three';

export type Point3Like = readonly [number, number, number];

/** An axis-aligned box in three coordinates; `points`, when given, are what must be seen (the box bounds them). */
export interface Box3Like {
  min: [number, number, number];
  max: [number, number, number];
  /** The exact points to fit (e.g. the red line's corners on the ground and the roofs): tighter than the box's corners. */
  points?: readonly Point3Like[];
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
  /** camera-controls focal offset (along the camera's right and up axes) that puts the fitted points in the free screen area. */
  offset: [number, number, number];
}

export interface FrameOptions {
  fovDeg: number;
  width: number;
  height: number;
  insets: Insets;
  azimuthDeg: number;
  elevationDeg: number;
  /** Share (0..1) of the free area's half-width and half-height left spare on each side. */
  margin?: number;
}

const xAxis = new Vector3();
const yAxis = new Vector3();
const zAxis = new Vector3();
const UP = new Vector3(0, 1, 0);

function cornersOf(box: Box3Like): Point3Like[] {
  const out: Point3Like[] = [];
  for (let i = 0; i < 8; i++) out.push([i & 1 ? box.max[0] : box.min[0], i & 2 ? box.max[1] : box.min[1], i & 4 ? box.max[2] : box.min[2]]);
  return out;
}

/** The free screen rectangle in normalised device coordinates, shrunk by the margin. */
export function freeRect(width: number, height: number, insets: Insets, margin: number): { l: number; r: number; b: number; t: number } {
  const minW = Math.min(50, width / 4);
  const minH = Math.min(50, height / 4);
  let left = Math.max(0, insets.left);
  let right = Math.max(0, insets.right);
  let top = Math.max(0, insets.top);
  let bottom = Math.max(0, insets.bottom);
  // panels that leave (almost) nothing free are ignored rather than squeezing the view to a sliver
  if (width - left - right < minW) left = right = 0;
  if (height - top - bottom < minH) top = bottom = 0;
  const l = -1 + (2 * left) / width;
  const r = 1 - (2 * right) / width;
  const b = -1 + (2 * bottom) / height;
  const t = 1 - (2 * top) / height;
  const mx = ((r - l) / 2) * margin;
  const my = ((t - b) / 2) * margin;
  return { l: l + mx, r: r - mx, b: b + my, t: t - my };
}

/**
 * Camera looking from the given direction (azimuth from south towards east, elevation above the
 * ground) that brings every point into the part of the canvas the panels leave free, as close as
 * that allows, the points' extent centred there.
 *
 * With the orientation fixed, "point i projects inside the rectangle" is linear in the camera's
 * position (x/depth ≤ r·tan ⇔ x − r·tan·depth ≤ 0), so the nearest camera is found by a bisection on
 * the distance with, at each step, an interval test across and up. Projecting with the real camera
 * (not a narrower one shifted afterwards) keeps near and far points alike inside: there is no parallax
 * error on a deep view such as a whole compound seen at 45°.
 */
export function framePoints(points: readonly Point3Like[], opts: FrameOptions): View {
  const { width, height } = opts;
  const rect = freeRect(width, height, opts.insets, opts.margin ?? 0.08);
  const ky = Math.tan((opts.fovDeg * Math.PI) / 360);
  const kx = ky * (width / height);
  const az = (opts.azimuthDeg * Math.PI) / 180;
  const el = (opts.elevationDeg * Math.PI) / 180;
  // camera axes as three's lookAt builds them: z from the target towards the camera
  zAxis.set(Math.sin(az) * Math.cos(el), Math.sin(el), Math.cos(az) * Math.cos(el)).normalize();
  xAxis.crossVectors(UP, zAxis).normalize();
  yAxis.crossVectors(zAxis, xAxis);

  const n = points.length;
  let cx = 0,
    cy = 0,
    cz = 0;
  let maxQz = -Infinity;
  let span = 1;
  const qx = new Float64Array(n),
    qy = new Float64Array(n),
    qz = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y, z] = points[i];
    cx += x / n;
    cy += y / n;
    cz += z / n;
    qx[i] = x * xAxis.x + y * xAxis.y + z * xAxis.z;
    qy[i] = x * yAxis.x + y * yAxis.y + z * yAxis.z;
    qz[i] = x * zAxis.x + y * zAxis.y + z * zAxis.z;
    maxQz = Math.max(maxQz, qz[i]);
  }
  for (let i = 0; i < n; i++) span = Math.max(span, Math.abs(qx[i] - qx[0]), Math.abs(qy[i] - qy[0]), Math.abs(qz[i] - qz[0]));

  // the camera's offsets across (x) and up (y) that keep every point inside, for a camera plane at tz
  const interval = (q: Float64Array, k: number, lo: number, hi: number, tz: number): [number, number] => {
    let a = -Infinity;
    let b = Infinity;
    for (let i = 0; i < n; i++) {
      const d = tz - qz[i];
      a = Math.max(a, q[i] - hi * k * d);
      b = Math.min(b, q[i] - lo * k * d);
    }
    return [a, b];
  };
  const fits = (tz: number) => {
    const [ax, bx] = interval(qx, kx, rect.l, rect.r, tz);
    if (ax > bx) return false;
    const [ay, by] = interval(qy, ky, rect.b, rect.t, tz);
    return ay <= by;
  };
  const near = maxQz + Math.max(1, span * 0.01);
  let lo = near;
  let hi = near + span;
  while (!fits(hi) && hi - near < 1e7) hi = near + (hi - near) * 2;
  if (fits(lo)) hi = lo;
  for (let k = 0; k < 50; k++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  const tz = hi;
  const [ax, bx] = interval(qx, kx, rect.l, rect.r, tz);
  const [ay, by] = interval(qy, ky, rect.b, rect.t, tz);
  // on the axis with room to spare, the picture's extent is centred (projected, not in metres: near points move more)
  const centre = (q: Float64Array, k: number, lo: number, hi: number, a: number, b: number) => {
    const off = (t: number) => {
      let mn = Infinity;
      let mx = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = (q[i] - t) / (k * (tz - qz[i]));
        mn = Math.min(mn, v);
        mx = Math.max(mx, v);
      }
      return mn + mx - (lo + hi);
    };
    // off() falls as t grows
    for (let k2 = 0; k2 < 50; k2++) {
      const mid = (a + b) / 2;
      if (off(mid) > 0) a = mid;
      else b = mid;
    }
    return (a + b) / 2;
  };
  const tx = centre(qx, kx, rect.l, rect.r, ax, bx);
  const ty = centre(qy, ky, rect.b, rect.t, ay, by);

  // the orbit target stays the points' centre; the focal offset carries the camera the rest of the way
  const qcx = cx * xAxis.x + cy * xAxis.y + cz * xAxis.z;
  const qcy = cx * yAxis.x + cy * yAxis.y + cz * yAxis.z;
  const qcz = cx * zAxis.x + cy * zAxis.y + cz * zAxis.z;
  const dist = Math.max(1, tz - qcz);
  return {
    position: [cx + zAxis.x * dist, cy + zAxis.y * dist, cz + zAxis.z * dist],
    target: [cx, cy, cz],
    offset: [tx - qcx, ty - qcy, 0],
  };
}

/** framePoints for a box: its `points` when it has them, else its eight corners. */
export function frameBox(box: Box3Like, opts: FrameOptions): View {
  return framePoints(box.points && box.points.length > 0 ? box.points : cornersOf(box), opts);
}

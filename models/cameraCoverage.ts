// Where cameras look: a camera's view resolved to a point, heading and fan; the ground polygon it covers,
// clipped at its range and at the first building wall in the way; whether it sees a point; which cameras
// see a point. Shared by the server's coverage analysis and the console's view-cone layer. Pure: the
// only state is the obstacle index's scratch stamps, and nothing allocates per ray.
import type { Building, Compound, Device } from './compound';
import type { Point2 } from './geo';

export interface ResolvedView {
  at: [number, number, number];
  /** Degrees clockwise from north (+y). */
  headingDeg: number;
  tiltDeg: number;
  hfovDeg: number;
  rangeM: number;
}

/** The view a camera looks along (its placement when the view has no `at`); null for other devices and cameras without a view. */
export function resolveView(d: Device): ResolvedView | null {
  if (d.type !== 'camera' || !d.view) return null;
  const v = d.view;
  const at = v.at ?? d.placement.at;
  return { at: [at[0], at[1], at[2]], headingDeg: v.headingDeg, tiltDeg: v.tiltDeg ?? -15, hfovDeg: v.hfovDeg, rangeM: v.rangeM };
}

/** Aspect of the picture: the vertical field of view is derived from the horizontal one as for a 16:9 sensor. */
const ASPECT = 9 / 16;

/**
 * The ground distance a view is useful to. Its range, shortened when the camera is tilted so far down that
 * the top edge of its picture meets the ground before the range (height / tan(−(tilt + vfov/2))).
 * 360° cameras (fisheye, looking down) keep their range.
 */
export function groundRange(v: ResolvedView): number {
  if (v.hfovDeg >= 360) return v.rangeM;
  const half = Math.min(89, v.hfovDeg / 2);
  const vfov = 2 * Math.atan(Math.tan((half * Math.PI) / 180) * ASPECT);
  const top = (v.tiltDeg * Math.PI) / 180 + vfov / 2;
  if (top >= -1e-6 || v.at[2] <= 0) return v.rangeM;
  return Math.min(v.rangeM, v.at[2] / Math.tan(-top));
}

/** Metres around a building's footprint within which a camera counts as mounted on it. */
export const MOUNT_TOLERANCE_M = 0.5;
/**
 * A mounted camera's ray passes out through its host building's wall only within this distance of the camera
 * (the wall it hangs on, or a window it looks out of); farther exits block, so an indoor camera's view stays
 * inside and a camera on a wall does not see through the building behind it.
 */
export const HOST_WALL_M = 2 * MOUNT_TOLERANCE_M;

/**
 * Building footprints as wall segments in a uniform grid (compressed rows), so a ray only tests the walls
 * of the cells it passes through. Segments are stored with the building on their left (outer rings
 * counter-clockwise, holes clockwise), so a ray knows whether it enters or leaves a building through one.
 */
export class ObstacleIndex {
  readonly buildings: number;
  private readonly ax: Float64Array;
  private readonly ay: Float64Array;
  private readonly bx: Float64Array;
  private readonly by: Float64Array;
  /** Segments of building i: segStart[i] .. segStart[i + 1]. */
  private readonly segStart: Int32Array;
  /** Per building: bounding box grown by the mount tolerance. */
  private readonly box: Float64Array;
  private readonly x0: number;
  private readonly y0: number;
  private readonly cell: number;
  private readonly nx: number;
  private readonly ny: number;
  private readonly cellStart: Int32Array;
  private readonly cellItems: Int32Array;
  private readonly seen: Uint32Array;
  private readonly own: Uint32Array;
  private stamp = 0;
  private ownStamp = 0;

  constructor(buildings: readonly Pick<Building, 'footprint' | 'holes'>[]) {
    const n = buildings.length;
    this.buildings = n;
    let segs = 0;
    for (const b of buildings) {
      segs += b.footprint.length;
      for (const h of b.holes ?? []) segs += h.length;
    }
    this.ax = new Float64Array(segs);
    this.ay = new Float64Array(segs);
    this.bx = new Float64Array(segs);
    this.by = new Float64Array(segs);
    this.segStart = new Int32Array(n + 1);
    this.box = new Float64Array(n * 4);
    let k = 0;
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    const put = (ring: readonly Point2[], wantCcw: boolean) => {
      let a2 = 0;
      for (let i = 0; i < ring.length; i++) {
        const p = ring[i];
        const q = ring[(i + 1) % ring.length];
        a2 += p[0] * q[1] - q[0] * p[1];
      }
      const flip = a2 > 0 !== wantCcw;
      for (let i = 0; i < ring.length; i++) {
        let p = ring[i];
        let q = ring[(i + 1) % ring.length];
        if (flip) [p, q] = [q, p];
        this.ax[k] = p[0];
        this.ay[k] = p[1];
        this.bx[k] = q[0];
        this.by[k] = q[1];
        k++;
      }
    };
    buildings.forEach((b, i) => {
      this.segStart[i] = k;
      put(b.footprint, true);
      for (const h of b.holes ?? []) put(h, false);
      let bx0 = Infinity,
        by0 = Infinity,
        bx1 = -Infinity,
        by1 = -Infinity;
      for (const [x, y] of b.footprint) {
        if (x < bx0) bx0 = x;
        if (x > bx1) bx1 = x;
        if (y < by0) by0 = y;
        if (y > by1) by1 = y;
      }
      const t = MOUNT_TOLERANCE_M;
      this.box.set([bx0 - t, by0 - t, bx1 + t, by1 + t], i * 4);
      minX = Math.min(minX, bx0 - t);
      minY = Math.min(minY, by0 - t);
      maxX = Math.max(maxX, bx1 + t);
      maxY = Math.max(maxY, by1 + t);
    });
    this.segStart[n] = k;
    if (!n) ((minX = 0), (minY = 0), (maxX = 1), (maxY = 1));
    // ~4 buildings a cell on average, at least 10 m, at most 250,000 cells.
    const w = Math.max(1, maxX - minX),
      h = Math.max(1, maxY - minY);
    let cell = Math.max(10, Math.sqrt((w * h * 4) / Math.max(1, n)));
    while ((Math.ceil(w / cell) + 1) * (Math.ceil(h / cell) + 1) > 250_000) cell *= 1.5;
    this.cell = cell;
    this.x0 = minX;
    this.y0 = minY;
    this.nx = Math.ceil(w / cell) + 1;
    this.ny = Math.ceil(h / cell) + 1;
    const counts = new Int32Array(this.nx * this.ny + 1);
    const each = (i: number, f: (c: number) => void) => {
      const [cx0, cy0] = this.cellOf(this.box[i * 4], this.box[i * 4 + 1]);
      const [cx1, cy1] = this.cellOf(this.box[i * 4 + 2], this.box[i * 4 + 3]);
      for (let cy = cy0; cy <= cy1; cy++) for (let cx = cx0; cx <= cx1; cx++) f(cy * this.nx + cx);
    };
    for (let i = 0; i < n; i++) each(i, (c) => counts[c + 1]++);
    for (let c = 0; c < this.nx * this.ny; c++) counts[c + 1] += counts[c];
    this.cellStart = counts.slice();
    this.cellItems = new Int32Array(counts[this.nx * this.ny]);
    const fill = counts;
    for (let i = 0; i < n; i++) each(i, (c) => (this.cellItems[fill[c]++] = i));
    this.seen = new Uint32Array(n);
    this.own = new Uint32Array(n);
  }

  private cellOf(x: number, y: number): [number, number] {
    return [this.clampX(Math.floor((x - this.x0) / this.cell)), this.clampY(Math.floor((y - this.y0) / this.cell))];
  }
  private clampX(c: number): number {
    return c < 0 ? 0 : c >= this.nx ? this.nx - 1 : c;
  }
  private clampY(c: number): number {
    return c < 0 ? 0 : c >= this.ny ? this.ny - 1 : c;
  }

  /**
   * Marks the buildings a camera at (x, y) is mounted on (inside or within MOUNT_TOLERANCE_M of the
   * footprint): rays from it are not blocked by the walls they leave those buildings through within
   * HOST_WALL_M of it (the wall it hangs on).
   * Call before ray casts from that origin; returns how many.
   */
  mountAt(x: number, y: number): number {
    this.ownStamp = (this.ownStamp + 1) >>> 0 || 1;
    if (!this.buildings) return 0;
    const cx = Math.floor((x - this.x0) / this.cell),
      cy = Math.floor((y - this.y0) / this.cell);
    if (cx < 0 || cy < 0 || cx >= this.nx || cy >= this.ny) return 0;
    const c = cy * this.nx + cx;
    let count = 0;
    for (let j = this.cellStart[c]; j < this.cellStart[c + 1]; j++) {
      const i = this.cellItems[j];
      const b = i * 4;
      if (x < this.box[b] || y < this.box[b + 1] || x > this.box[b + 2] || y > this.box[b + 3]) continue;
      if (this.insideOrNear(i, x, y)) {
        this.own[i] = this.ownStamp;
        count++;
      }
    }
    return count;
  }

  private insideOrNear(i: number, x: number, y: number): boolean {
    let inside = false;
    const t2 = MOUNT_TOLERANCE_M * MOUNT_TOLERANCE_M;
    for (let s = this.segStart[i]; s < this.segStart[i + 1]; s++) {
      const ax = this.ax[s],
        ay = this.ay[s],
        bx = this.bx[s],
        by = this.by[s];
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      const ex = bx - ax,
        ey = by - ay;
      const l2 = ex * ex + ey * ey;
      const u = l2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * ex + (y - ay) * ey) / l2)) : 0;
      const dx = ax + u * ex - x,
        dy = ay + u * ey - y;
      if (dx * dx + dy * dy <= t2) return true;
    }
    return inside;
  }

  /**
   * Distance along the ray from (ox, oy) in unit direction (dx, dy) to the first wall it meets, at most
   * maxT (returned when nothing is in the way). Walls of the buildings marked by mountAt block where the
   * ray enters them and where it leaves them farther than HOST_WALL_M from the origin. Walks the grid cell by cell and stops at the first cell holding a nearer hit.
   */
  castRay(ox: number, oy: number, dx: number, dy: number, maxT: number): number {
    if (!this.buildings || maxT <= 0) return maxT;
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    const stamp = this.stamp;
    let best = maxT;
    // Clip the ray to the grid's box.
    const gx1 = this.x0 + this.nx * this.cell,
      gy1 = this.y0 + this.ny * this.cell;
    let t0 = 0,
      t1 = maxT;
    if (Math.abs(dx) < 1e-12) {
      if (ox < this.x0 || ox > gx1) return maxT;
    } else {
      let a = (this.x0 - ox) / dx,
        b = (gx1 - ox) / dx;
      if (a > b) [a, b] = [b, a];
      t0 = Math.max(t0, a);
      t1 = Math.min(t1, b);
    }
    if (Math.abs(dy) < 1e-12) {
      if (oy < this.y0 || oy > gy1) return maxT;
    } else {
      let a = (this.y0 - oy) / dy,
        b = (gy1 - oy) / dy;
      if (a > b) [a, b] = [b, a];
      t0 = Math.max(t0, a);
      t1 = Math.min(t1, b);
    }
    if (t0 > t1) return maxT;
    let cx = this.clampX(Math.floor((ox + dx * t0 - this.x0) / this.cell));
    let cy = this.clampY(Math.floor((oy + dy * t0 - this.y0) / this.cell));
    const stepX = dx > 0 ? 1 : -1,
      stepY = dy > 0 ? 1 : -1;
    const dtx = Math.abs(dx) < 1e-12 ? Infinity : this.cell / Math.abs(dx);
    const dty = Math.abs(dy) < 1e-12 ? Infinity : this.cell / Math.abs(dy);
    let ntx = Math.abs(dx) < 1e-12 ? Infinity : (this.x0 + (cx + (dx > 0 ? 1 : 0)) * this.cell - ox) / dx;
    let nty = Math.abs(dy) < 1e-12 ? Infinity : (this.y0 + (cy + (dy > 0 ? 1 : 0)) * this.cell - oy) / dy;
    for (;;) {
      const c = cy * this.nx + cx;
      for (let j = this.cellStart[c]; j < this.cellStart[c + 1]; j++) {
        const i = this.cellItems[j];
        if (this.seen[i] === stamp) continue;
        this.seen[i] = stamp;
        const mounted = this.own[i] === this.ownStamp;
        for (let s = this.segStart[i]; s < this.segStart[i + 1]; s++) {
          const ax = this.ax[s],
            ay = this.ay[s];
          const ex = this.bx[s] - ax,
            ey = this.by[s] - ay;
          const den = dx * ey - dy * ex;
          if (Math.abs(den) < 1e-12) continue;
          const wx = ax - ox,
            wy = ay - oy;
          const t = (wx * ey - wy * ex) / den;
          if (t < 0 || t >= best) continue;
          // Building on the wall's left: the ray leaves it when it crosses to the right (den > 0). Only the wall
          // the camera hangs on (left within HOST_WALL_M) is passed; the host's other walls block like any other.
          if (mounted && den > 0 && t <= HOST_WALL_M) continue;
          const u = (wx * dy - wy * dx) / den;
          if (u < 0 || u > 1) continue;
          best = t;
        }
      }
      const exit = Math.min(ntx, nty);
      if (best <= exit || exit > t1) return best;
      if (ntx < nty) {
        cx += stepX;
        ntx += dtx;
        if (cx < 0 || cx >= this.nx) return best;
      } else {
        cy += stepY;
        nty += dty;
        if (cy < 0 || cy >= this.ny) return best;
      }
    }
  }
}

const indexes = new WeakMap<object, ObstacleIndex>();
/** The obstacle index of a compound's buildings, built once per compound object. */
export function obstaclesOf(c: Pick<Compound, 'buildings'>): ObstacleIndex {
  let ix = indexes.get(c);
  if (!ix) indexes.set(c, (ix = new ObstacleIndex(c.buildings)));
  return ix;
}

const RAD = Math.PI / 180;

/**
 * The ground polygon a view covers: a fan of `rays` rays over the horizontal field of view, each clipped
 * at the ground range and at the first wall in the way. Below 360° the first point is the camera; a 360°
 * view is the ring of ray ends (star-shaped around the camera).
 */
export function viewPolygon(view: ResolvedView, obstacles: ObstacleIndex, rays = 32): Point2[] {
  const [ox, oy] = view.at;
  const range = groundRange(view);
  const full = view.hfovDeg >= 360;
  const n = Math.max(2, Math.floor(rays));
  const out: Point2[] = full ? [] : [[ox, oy]];
  obstacles.mountAt(ox, oy);
  for (let i = 0; i < n; i++) {
    const a = full ? (view.headingDeg + (360 * i) / n) * RAD : (view.headingDeg - view.hfovDeg / 2 + (view.hfovDeg * i) / (n - 1)) * RAD;
    const dx = Math.sin(a),
      dy = Math.cos(a);
    const t = obstacles.castRay(ox, oy, dx, dy, range);
    out.push([ox + dx * t, oy + dy * t]);
  }
  return out;
}

/** A point this close to the first wall in the way still counts as seen (an entrance door on the building's face). */
const SEEN_SLACK_M = 0.6;

/** Whether a view sees ground point p: within its ground range, within its horizontal field of view, with no wall in between. */
export function seesPoint(view: ResolvedView, p: readonly [number, number], obstacles: ObstacleIndex): boolean {
  const [ox, oy] = view.at;
  const vx = p[0] - ox,
    vy = p[1] - oy;
  const dist = Math.hypot(vx, vy);
  if (dist > groundRange(view)) return false;
  if (dist < 1e-6) return true;
  const dx = vx / dist,
    dy = vy / dist;
  if (view.hfovDeg < 360) {
    const h = view.headingDeg * RAD;
    const cos = dx * Math.sin(h) + dy * Math.cos(h);
    if (cos < Math.cos((view.hfovDeg / 2) * RAD) - 1e-9) return false;
  }
  obstacles.mountAt(ox, oy);
  return obstacles.castRay(ox, oy, dx, dy, dist) >= dist - SEEN_SLACK_M;
}

const viewsCache = new WeakMap<object, { device: Device; view: ResolvedView }[]>();
/** The compound's cameras that have a view, with their views resolved (once per compound object). */
export function cameraViews(c: Pick<Compound, 'devices'>): { device: Device; view: ResolvedView }[] {
  let list = viewsCache.get(c);
  if (!list) {
    list = [];
    for (const d of c.devices) {
      const view = resolveView(d);
      if (view) list.push({ device: d, view });
    }
    viewsCache.set(c, list);
  }
  return list;
}

/** Cameras whose view sees ground point p, nearest first, at most `limit`. */
export function camerasCovering(c: Pick<Compound, 'devices'>, p: readonly [number, number], obstacles: ObstacleIndex, limit = 3): Device[] {
  const hits: { d: Device; dist: number }[] = [];
  for (const { device, view } of cameraViews(c)) {
    const dist = Math.hypot(view.at[0] - p[0], view.at[1] - p[1]);
    if (dist > view.rangeM) continue;
    if (seesPoint(view, p, obstacles)) hits.push({ d: device, dist });
  }
  hits.sort((a, b) => a.dist - b.dist);
  return hits.slice(0, limit).map((h) => h.d);
}

// Devices on the grounds: gate kit, road and perimeter cameras, fence segments along the red line,
// broadcast speakers, environment stations and the garage ramp barriers. Every point is checked:
// inside the red line and clear of every building, so the scene never shows a pole through a roof.
import { pointInRing, ringCentroid, type Point2 } from '../../models/geo';
import { demoView, headingOf, type DeviceSink } from './deviceKit';
import type { SitePlan } from './layout';

const DIRS: [number, number, string][] = [
  [0, -1, '南'],
  [1, -1, '东南'],
  [1, 0, '东'],
  [1, 1, '东北'],
  [0, 1, '北'],
  [-1, 1, '西北'],
  [-1, 0, '西'],
  [-1, -1, '西南'],
];
/** Chinese compass word for a direction vector. */
function compass(dx: number, dy: number): string {
  let best = DIRS[0];
  let bestDot = -Infinity;
  for (const d of DIRS) {
    const dot = (dx * d[0] + dy * d[1]) / Math.hypot(d[0], d[1]);
    if (dot > bestDot) ((bestDot = dot), (best = d));
  }
  return best[2];
}

export function groundDevices(sink: DeviceSink, plan: SitePlan): void {
  const boxes = [...plan.residential.map((b) => b.footprint), ...plan.aux.map((a) => a.footprint)].map((ring) => {
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    return [Math.min(...xs) - 0.5, Math.min(...ys) - 0.5, Math.max(...xs) + 0.5, Math.max(...ys) + 0.5];
  });
  const free = (p: Point2) => pointInRing(p, plan.redLine) && !boxes.some(([x0, y0, x1, y1]) => p[0] > x0 && p[0] < x1 && p[1] > y0 && p[1] < y1);
  const ground = { kind: 'ground' as const };
  const put = (type: Parameters<DeviceSink['add']>[0], id: string, name: string, p: Point2, z: number, order = 0, hh?: number) => {
    if (!free(p)) throw new Error(`ground device ${id} at ${p.join(',')} is outside the red line or inside a building`);
    return sink.add(type, id, name, ground, [p[0], p[1], z], order, hh);
  };

  for (const g of plan.gates) {
    const [ix, iy] = g.inward;
    const [px, py] = [iy, -ix];
    const at = (inward: number, side: number): Point2 => [g.at[0] + ix * inward + px * side, g.at[1] + iy * inward + py * side];
    const hw = g.halfWidth;
    put('access_gate', `gate-${g.id}-access`, `${g.name} 人行门禁`, at(2.5, hw + 1.5), 1.2);
    // The pedestrian camera looks out along the passage at the gate; the vehicle camera reads plates in the inbound lane.
    const pc = at(4, hw + 0.8);
    const gp = at(0, hw / 2);
    put('camera', `cam-gate-${g.id}1`, `${g.name} 人行通道摄像机`, pc, 3.5).view = demoView(headingOf(gp[0] - pc[0], gp[1] - pc[1]), 80, 25, -15);
    put('info_screen', `screen-gate-${g.id}`, `${g.name} 信息发布屏`, at(6, hw + 2.5), 1.8);
    put('broadcast_speaker', `spk-gate-${g.id}`, `${g.name} 应急广播`, at(6, -(hw + 0.8)), 3.8);
    if (g.vehicle) {
      const vc = at(4, -(hw - 0.3));
      const lane = at(-2, -hw / 2);
      put('camera', `cam-gate-${g.id}2`, `${g.name} 车辆出入口摄像机(车牌识别)`, vc, 3.5).view = demoView(
        headingOf(lane[0] - vc[0], lane[1] - vc[1]),
        50,
        20,
        -10,
      );
      put('parking_gate', `pgate-${g.id}-in`, `${g.name} 入口道闸`, at(3, hw / 2), 1.0);
      put('parking_gate', `pgate-${g.id}-out`, `${g.name} 出口道闸`, at(3, -hw / 2), 1.0);
    }
  }
  for (const a of plan.aux.filter((x) => x.use === 'garage')) {
    const [x0, y0, x1] = a.box;
    put('parking_gate', `pgate-${a.id}-in`, `${a.name} 入口道闸`, [x0 + (x1 - x0) * 0.3, y0 - 1], 1.0);
    put('parking_gate', `pgate-${a.id}-out`, `${a.name} 出口道闸`, [x0 + (x1 - x0) * 0.7, y0 - 1], 1.0);
    // Looks west along the barriers at the ramp's mouth.
    put('camera', `cam-${a.id}-ramp`, `${a.name} 坡道摄像机(车牌识别)`, [x1 + 1, y0 - 1.5], 3.5).view = demoView(275, 50, 25, -10);
  }

  // Fence segments of at most 30 m along the red line, with gaps where the gates open.
  const rl = plan.redLine;
  const c = ringCentroid(rl);
  let fenceNo = 0;
  rl.forEach((a, i) => {
    const b = rl[(i + 1) % rl.length];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const [ux, uy] = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
    const [nx, ny] = [-uy, ux]; // inward normal of a counter-clockwise ring
    const side = compass(-nx, -ny);
    const n = Math.ceil(len / 30);
    let segNo = 0;
    for (let k = 0; k < n; k++) {
      const t0 = (k * len) / n,
        t1 = ((k + 1) * len) / n;
      const gated = plan.gates.some((g) => {
        const t = (g.at[0] - a[0]) * ux + (g.at[1] - a[1]) * uy;
        const off = Math.abs((g.at[0] - a[0]) * nx + (g.at[1] - a[1]) * ny);
        return off < 0.5 && t > t0 - g.halfWidth - 2 && t < t1 + g.halfWidth + 2;
      });
      if (gated) continue;
      const tm = (t0 + t1) / 2;
      put(
        'electronic_fence',
        `fence-${String(++fenceNo).padStart(2, '0')}`,
        `电子围栏 ${side}侧第${++segNo}段`,
        [a[0] + ux * tm + nx * 0.3, a[1] + uy * tm + ny * 0.3],
        2.2,
        fenceNo,
      );
    }
  });
  // Corner cameras watch two fence lines each.
  rl.forEach((v, i) => {
    const dx = c[0] - v[0],
      dy = c[1] - v[1];
    const d = Math.hypot(dx, dy);
    // Aimed between the two fence lines that meet at the corner, wide enough to hold both.
    const prev = rl[(i + rl.length - 1) % rl.length],
      next = rl[(i + 1) % rl.length];
    const h1 = headingOf(prev[0] - v[0], prev[1] - v[1]),
      h2 = headingOf(next[0] - v[0], next[1] - v[1]);
    let span = (h2 - h1 + 360) % 360;
    let from = h1;
    if (span > 180) ((span = 360 - span), (from = h2));
    put('camera', `cam-perim-${i + 1}`, `周界${i + 1}号摄像机(${compass(-dx, -dy)}角)`, [v[0] + (dx / d) * 3, v[1] + (dy / d) * 3], 4.0, i).view = demoView(
      from + span / 2,
      Math.min(150, Math.round(span + 10)),
      70,
      -8,
    );
  });

  // Road cameras on one verge, speakers on the ring roads' other verge; a verge blocked by a building is skipped.
  plan.roads.forEach((r, ri) => {
    if (r.kind === 'path') return;
    const xs = r.polygon.map((p) => p[0]),
      ys = r.polygon.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const alongX = x1 - x0 >= y1 - y0;
    const len = alongX ? x1 - x0 : y1 - y0;
    const half = (alongX ? y1 - y0 : x1 - x0) / 2;
    const mid = alongX ? (y0 + y1) / 2 : (x0 + x1) / 2;
    const point = (t: number, side: number): Point2 => (alongX ? [x0 + t, mid + side * (half + 0.8)] : [mid + side * (half + 0.8), y0 + t]);
    // Road cameras look along the road, alternately one way and the other.
    const along = (i: number) => (alongX ? (i % 2 ? 270 : 90) : i % 2 ? 180 : 0);
    const line = (every: number, pref: number, type: 'camera' | 'broadcast_speaker', prefix: string, what: string, z: number) => {
      const n = Math.max(1, Math.round(len / every));
      let no = 0;
      for (let i = 0; i < n; i++) {
        const t = ((i + 0.5) * len) / n + (type === 'camera' ? 0 : 6);
        const p = [point(t, pref), point(t, -pref)].find(free);
        if (!p) continue;
        const d = put(type, `${prefix}-${r.id}-${++no}`, `${r.name} ${no}号${what}`, p, z, ri);
        if (type === 'camera') d.view = demoView(along(i), 60, 40, -10);
      }
    };
    line(50, -1, 'camera', 'cam', '摄像机', 4.0);
    if (r.kind === 'main' && r.id !== 'spine') line(70, 1, 'broadcast_speaker', 'spk', '应急广播', 3.8);
  });

  plan.greens.forEach((g, i) => {
    put('broadcast_speaker', `spk-${g.id}`, `${g.name} 应急广播`, ringCentroid(g.polygon), 3.8, i);
  });
  const picks = [...new Set([0, Math.floor(plan.greens.length / 2), plan.greens.length - 1])].filter((i) => i >= 0);
  picks.forEach((gi, i) => {
    const g = plan.greens[gi];
    const [x, y] = ringCentroid(g.polygon);
    put('env_sensor', `env-${i + 1}`, `环境监测站${i + 1}号(${g.name})`, [x + 3, y], 3.0, i);
  });
}

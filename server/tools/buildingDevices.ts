// Devices inside buildings: what a retrofit crew puts in every unit entrance, stairwell landing,
// meter box and flat, plus the kit in the guard house, property office, pump room and bike sheds.
import type { Point2 } from '../../models/geo';
import { flatPoint } from './footprints';
import { homesOnFloor, roomNo, type Flat } from './households';
import type { PlacedAux, PlacedResidential } from './layout';
import { demoView, type DeviceSink } from './deviceKit';

/** Hydrant pressure is watched where it is lowest (the top) and, in towers, every eight floors. */
function hydrantLevels(floors: number, highRise: boolean): number[] {
  if (!highRise) return [floors];
  const levels = [1];
  for (let f = 9; f < floors; f += 8) levels.push(f);
  levels.push(floors);
  return levels;
}

export function residentialDevices(sink: DeviceSink, plan: PlacedResidential[], flats: Flat[]): void {
  // Flats by building, once: filtering all flats per building was quadratic (5,000 imported buildings).
  const flatsOf = new Map<number, Flat[]>();
  for (const f of flats) {
    const list = flatsOf.get(f.b);
    if (list) list.push(f);
    else flatsOf.set(f.b, [f]);
  }
  plan.forEach((b, bi) => {
    const s = b.spec;
    const fh = s.floorHeight;
    const highRise = s.lifts > 0;
    const tag = `${s.number}栋`;
    const inB = { kind: 'building' as const, buildingId: b.id };
    const bFlats = flatsOf.get(bi) ?? [];
    const [x0, y0] = [s.x0, b.y0];
    sink.add('electric_meter', `${b.id}-em`, `${tag} 总电表`, { ...inB, floor: 1 }, [x0 + 0.8, y0 + 0.8, 1.6], bi, bFlats.length);
    sink.add('water_meter', `${b.id}-wm`, `${tag} 总水表`, { ...inB, floor: 1 }, [x0 + 0.8, y0 + 1.6, 0.4], bi, bFlats.length);

    b.units.forEach((g, ui) => {
      const unitId = `${b.id}-u${ui + 1}`;
      const uTag = `${tag}${ui + 1}单元`;
      const cx = (g.x0 + g.x1) / 2;
      const cy = g.ys + s.core;
      const inU = { ...inB, unitId };
      const at = (dx: number, y: number, level: number, dz: number): [number, number, number] => [cx + dx, y, (level - 1) * fh + dz];

      sink.add('access_gate', `${unitId}-access`, `${uTag} 单元门禁`, { ...inU, floor: 1 }, at(0, g.ys + 0.4, 1, 1.2), bi);
      // On the canopy bracket 0.3 m out from the south face, looking south-west: the door beside it and the path out.
      sink.add('camera', `${unitId}-cam`, `${uTag} 单元门口摄像机`, { ...inU, floor: 1 }, at(1.2, g.ys + 0.4, 1, 2.7), bi).view = demoView(235, 110, 15, -20, [
        cx + 1.2,
        g.ys - 0.3,
        2.7,
      ]);
      sink.add('info_screen', `${unitId}-screen`, `${uTag} 门厅信息屏`, { ...inU, floor: 1 }, at(-1.2, g.ys + 0.8, 1, 1.6), bi);
      // 楼道应急广播: every unit's stairwell has a speaker, just inside the entrance under the landing ceiling.
      sink.addLater('broadcast_speaker', `${unitId}-spk`, `${uTag} 楼道应急广播`, { ...inU, floor: 1 }, at(0.6, g.ys + 1.2, 1, 2.6), bi);
      sink.add('public_meter', `${unitId}-light-pm`, `${uTag} 楼道照明计量`, { ...inU, floor: 1 }, at(-1.0, cy + 0.8, 1, 1.8), bi, 0);
      for (let l = 1; l <= s.lifts; l++) {
        const lx = (l - (s.lifts + 1) / 2) * 2.2;
        sink.add('public_meter', `${unitId}-lift${l}-pm`, `${uTag} ${l}号电梯计量`, { ...inU, floor: 1 }, at(lx, cy + 1.6, 1, 2.0), bi, 0);
        sink.add('camera', `${unitId}-lift${l}-cam`, `${uTag} ${l}号电梯轿厢摄像机`, { ...inU, floor: 1 }, at(lx, cy + 1.6, 1, 2.4), bi);
      }
      for (const level of hydrantLevels(s.floors, highRise)) {
        sink.add('hydrant_pressure', `${unitId}-f${level}-hydrant`, `${uTag}${level}层 消火栓水压`, { ...inU, floor: level }, at(1.2, cy, level, 1.1), bi);
      }

      for (let level = 1; level <= s.floors; level++) {
        const fl = { ...inU, floor: level };
        sink.add('smoke_detector', `${unitId}-f${level}-smoke`, `${uTag}${level}层 楼道烟感`, fl, at(0, cy, level, fh - 0.3), bi);
        const homes = homesOnFloor(b, level);
        for (let k = 1; k <= homes; k++) {
          const room = roomNo(level, k);
          const hid = `${unitId}-${room}`;
          const hTag = `${uTag}${room}室`;
          // Household meters live in the landing's meter box: electric at eye level, water near the floor.
          const mx = -0.9 + 0.35 * (k - 1);
          sink.add('electric_meter', `${hid}-em`, `${hTag} 电表`, fl, at(mx, cy + 1.0, level, 1.6), bi, 1);
          sink.add('water_meter', `${hid}-wm`, `${hTag} 水表`, fl, at(mx, cy + 1.0, level, 0.4), bi, 1);
          const [fx, fy] = flatPoint(g, s.perFloor, k);
          sink.add('smoke_detector', `${hid}-smoke`, `${hTag} 独立烟感`, fl, [fx, fy, (level - 1) * fh + fh - 0.3], bi);
          const flat = bFlats.find((f) => f.u === ui && f.level === level && f.k === k);
          if (flat?.status === 'elderly') {
            sink.add('elderly_sensor', `${hid}-care1`, `${hTag} 独居老人监测(卧室)`, fl, [fx - 1.2, fy, (level - 1) * fh + 2.2], bi);
            sink.add('elderly_sensor', `${hid}-care2`, `${hTag} 独居老人监测(卫生间)`, fl, [fx + 1.2, fy, (level - 1) * fh + 2.2], bi);
          }
        }
      }
    });

    if (highRise) {
      const g = b.units[0];
      const top = s.floors;
      sink.add(
        'public_meter',
        `${b.id}-fan-pm`,
        `${tag} 加压送风机计量`,
        { ...inB, floor: top },
        [(g.x0 + g.x1) / 2 + 2.5, g.ys + s.core - 1.5, (top - 1) * fh + 1.5],
        bi,
        0,
      );
    }
  });
}

/**
 * Range of an indoor camera at p looking along `headingDeg` over `hfovDeg` that keeps its whole fan
 * inside the room's box (the walls of the building a camera hangs in do not clip its view).
 */
export function roomRange(p: Point2, box: PlacedAux['box'], headingDeg: number, hfovDeg: number): number {
  const [x0, y0, x1, y1] = box;
  let r = Infinity;
  for (let i = 0; i <= 8; i++) {
    const a = ((headingDeg - hfovDeg / 2 + (hfovDeg * i) / 8) * Math.PI) / 180;
    const dx = Math.sin(a),
      dy = Math.cos(a);
    const tx = dx > 1e-9 ? (x1 - p[0]) / dx : dx < -1e-9 ? (x0 - p[0]) / dx : Infinity;
    const ty = dy > 1e-9 ? (y1 - p[1]) / dy : dy < -1e-9 ? (y0 - p[1]) / dy : Infinity;
    r = Math.min(r, tx, ty);
  }
  return Math.max(1, r - 0.2);
}

/** An indoor camera's view into its room: the fan kept inside the box. */
const roomView = (p: Point2, box: PlacedAux['box'], headingDeg: number, hfovDeg: number) =>
  demoView(headingDeg, hfovDeg, roomRange(p, box, headingDeg, hfovDeg), -25);

/** Evenly spaced points along the middle of a box's long axis, offset towards one long wall. */
function alongBox(box: PlacedAux['box'], count: number, side: -1 | 1, inset: number): Point2[] {
  const [x0, y0, x1, y1] = box;
  const alongX = x1 - x0 >= y1 - y0;
  const len = alongX ? x1 - x0 : y1 - y0;
  const step = (len - 1) / count;
  return Array.from({ length: count }, (_, i) => {
    const t = 0.5 + step * (i + 0.5);
    return alongX ? [x0 + t, side < 0 ? y0 + inset : y1 - inset] : [side < 0 ? x0 + inset : x1 - inset, y0 + t];
  });
}

export function auxDevices(sink: DeviceSink, aux: PlacedAux[], order: number): void {
  for (const a of aux) {
    const inA = { kind: 'building' as const, buildingId: a.id, floor: 1 };
    const [x0, y0, x1, y1] = a.box;
    const mid: Point2 = [(x0 + x1) / 2, (y0 + y1) / 2];
    const z = (level: number, dz: number) => (level - 1) * a.floorHeight + dz;
    const add = (type: Parameters<DeviceSink['add']>[0], suffix: string, what: string, p: Point2, dz: number, hh?: number, level = 1) =>
      sink.add(type, `${a.id}-${suffix}`, `${a.name} ${what}`, { ...inA, floor: level }, [p[0], p[1], z(level, dz)], order, hh);

    if (a.use === 'bikeshed') {
      // Charging ports line both long walls; each port is metered and cut off when a battery overheats.
      const len = Math.max(x1 - x0, y1 - y0);
      const perRow = Math.floor((len - 1) / 1.1);
      const ports = [...alongBox(a.box, perRow, -1, 0.6), ...alongBox(a.box, perRow, 1, 0.6)];
      ports.forEach((p, i) => add('ebike_charger', `c${String(i + 1).padStart(2, '0')}`, `${i + 1}号充电口`, p, 1.2));
      add('public_meter', 'pm', '充电总表', [x0 + 0.5, y0 + 0.5], 1.8, 0);
      // Two anti-theft cameras on one long wall, looking across the shed at the other row of bikes.
      const across = x1 - x0 >= y1 - y0 ? 180 : 270;
      alongBox(a.box, 2, 1, 1.5).forEach((p, i) => (add('camera', `cam${i + 1}`, `${i + 1}号防盗摄像机`, p, 2.6).view = roomView(p, a.box, across, 100)));
      alongBox(a.box, Math.max(1, Math.round(len / 8)), 1, 2.5).forEach((p, i) => add('smoke_detector', `smoke${i + 1}`, `${i + 1}号烟感`, p, 2.6));
      continue;
    }
    add('smoke_detector', 'smoke', '烟感', mid, a.floorHeight - 0.3);
    if (a.id === 'guard') {
      add('public_meter', 'pm', '路灯及门岗用电计量', [x0 + 0.6, y0 + 0.6], 1.6, 0);
    } else if (a.id === 'office') {
      add('health_kiosk', 'kiosk', '健康小屋自助检测一体机', [x0 + 2, y0 + 2], 0.8);
      add('info_screen', 'screen', '大厅信息屏', [mid[0], y0 + 0.8], 1.6);
      add('camera', 'cam', '大厅摄像机', [x1 - 1, y0 + 1], 2.8).view = roomView([x1 - 1, y0 + 1], a.box, 315, 90);
      add('public_meter', 'pm', '公共用电计量', [x0 + 0.6, y1 - 0.6], 1.6, 0);
      for (let l = 2; l <= a.floors; l++) add('smoke_detector', `smoke-f${l}`, `${l}层烟感`, mid, a.floorHeight - 0.3, undefined, l);
    } else if (a.id === 'pump' || a.id === 'garage') {
      // Old compounds have a surface pump house; newer ones hide pumps below the garage ramp.
      const room = a.id === 'pump' ? '' : '地下泵房';
      add('public_meter', 'pm-water', `${room}生活水泵计量`, [x0 + 0.6, y0 + 0.6], 1.6, 0);
      add('public_meter', 'pm-fire', `${room}消防水泵计量`, [x0 + 0.6, y1 - 0.6], 1.6, 0);
      add('hydrant_pressure', 'hydrant', `${room}消防泵出水管压力`, [x1 - 0.8, mid[1]], 1.0);
      add('camera', 'cam', '摄像机', [x1 - 0.8, y0 + 0.8], 2.8).view = roomView([x1 - 0.8, y0 + 0.8], a.box, 315, 90);
      if (a.id === 'garage') add('public_meter', 'pm-light', '车库照明及排风计量', [mid[0], y1 - 0.6], 1.6, 0);
    }
  }
}

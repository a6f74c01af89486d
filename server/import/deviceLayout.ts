// The default retrofit kit for imported buildings. Residential buildings get exactly what the demo
// compounds get (server/tools/buildingDevices.ts: unit access, cameras, hydrant pressure, stairwell
// and in-flat smoke detectors, household and public meters), placed in each building's own frame
// and turned back into compound metres; other buildings get the kit of their use (nonResidentialKit).
import type { Building, Device, ImportOptions } from '../../models';
import { DeviceSink } from '../tools/deviceKit';
import { residentialDevices } from '../tools/buildingDevices';
import { mulberry32 } from '../tools/prng';
import { fromFrame, interiorPoint } from './buildingFrame';
import { pointInRing, type BuildingUse, type Point2 } from '../../models';
import type { ResidentialPlan } from './unitLayout';

/** A stable seed from the compound id, so the same input always yields the same file. */
function seedOf(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

const r2 = (v: number) => Math.round(v * 100) / 100 + 0;

export function layoutDevices(
  compoundId: string,
  buildings: readonly Building[],
  plans: ReadonlyMap<string, ResidentialPlan>,
  o: Pick<ImportOptions, 'retrofitStart'> & { devicePrefix: string },
): Device[] {
  const sink = new DeviceSink(o.retrofitStart, mulberry32(seedOf(compoundId)), o.devicePrefix);
  const residential = buildings.filter((b) => plans.has(b.id));
  residentialDevices(
    sink,
    residential.map((b) => plans.get(b.id)!.placed),
    residential.flatMap((b) => plans.get(b.id)!.flats),
  );
  const byId = new Map(buildings.map((b) => [b.id, b]));
  // Positions came out in each building's frame: rotate them into compound metres, lift by the base.
  for (const d of sink.devices) {
    const p = d.placement;
    if (p.kind !== 'building') continue;
    const plan = plans.get(p.buildingId);
    if (!plan) continue;
    const [x, y] = fromFrame(plan.frame, p.at);
    p.at = [r2(x), r2(y), r2(p.at[2] + (byId.get(p.buildingId)!.baseHeight ?? 0))];
  }
  let order = residential.length;
  for (const b of buildings) if (!plans.has(b.id)) nonResidentialKit(sink, b, order++);
  return sink.devices;
}

/** Floors between smoke detectors by use: where people sleep or crowd, every floor. */
const SMOKE_EVERY: Partial<Record<BuildingUse, number>> = { hotel: 1, hospital: 1, school: 1 };
/** Uses that get a camera at the entrance and a hydrant pressure sensor. */
const GUARDED = new Set<BuildingUse>(['commercial', 'retail', 'office', 'hotel', 'school', 'hospital', 'industrial', 'parking', 'garage']);

/** A point just inside the south wall, on the way from the middle to the southmost vertex: where the entrance is drawn. */
export function entrancePoint(b: Pick<Building, 'footprint' | 'holes'>): Point2 {
  const mid = interiorPoint(b.footprint, b.holes);
  const south = b.footprint.reduce((s, p) => (p[1] < s[1] ? p : s));
  for (const t of [0.7, 0.5, 0.3]) {
    const p: Point2 = [mid[0] + (south[0] - mid[0]) * t, mid[1] + (south[1] - mid[1]) * t];
    if (pointInRing(p, b.footprint) && !(b.holes ?? []).some((h) => pointInRing(p, h))) return p;
  }
  return mid;
}

/**
 * The kit of a building nobody lives in: a smoke detector every few floors (every floor in hotels,
 * hospitals and schools) and a public meter; shops, offices, hotels, schools, hospitals, industry and
 * car parks add a camera at the entrance and a hydrant pressure sensor. Bike sheds and unknown
 * footprints keep the smoke detector and the meter.
 */
export function nonResidentialKit(sink: DeviceSink, b: Building, order: number): void {
  const [x, y] = interiorPoint(b.footprint, b.holes);
  const base = b.baseHeight ?? 0;
  const tag = b.name ?? `${b.number}号`;
  const every = SMOKE_EVERY[b.use] ?? 3;
  for (let f = 1; f <= b.floors; f += every) {
    const where = { kind: 'building' as const, buildingId: b.id, floor: f };
    sink.add('smoke_detector', f === 1 ? `${b.id}-smoke` : `${b.id}-f${f}-smoke`, `${tag} ${f}层 烟感`, where, [x, y, base + f * b.floorHeight - 0.3], order);
  }
  const ground = { kind: 'building' as const, buildingId: b.id, floor: 1 };
  sink.add('public_meter', `${b.id}-pm`, `${tag} 公共用电计量`, ground, [x + 0.5, y, base + 1.6], order, 0);
  if (!GUARDED.has(b.use)) return;
  const [ex, ey] = entrancePoint(b);
  sink.add('camera', `${b.id}-cam`, `${tag} 入口摄像机`, ground, [ex, ey, base + 3], order);
  sink.add('hydrant_pressure', `${b.id}-hydrant`, `${tag} 消火栓水压`, ground, [x - 0.5, y, base + 1], order);
}

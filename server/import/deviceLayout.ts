// The default retrofit kit for imported buildings. Residential buildings get exactly what the demo
// compounds get (server/tools/buildingDevices.ts: unit access, cameras, hydrant pressure, stairwell
// and in-flat smoke detectors, household and public meters), placed in each building's own frame
// and turned back into compound metres; other buildings get a smoke detector and a public meter.
import type { Building, Device, ImportOptions } from '../../models';
import { DeviceSink } from '../tools/deviceKit';
import { residentialDevices } from '../tools/buildingDevices';
import { mulberry32 } from '../tools/prng';
import { fromFrame, interiorPoint } from './buildingFrame';
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
  for (const b of buildings) {
    if (plans.has(b.id)) continue;
    const [x, y] = interiorPoint(b.footprint, b.holes);
    const base = b.baseHeight ?? 0;
    const tag = b.name ?? `${b.number}号`;
    const inB = { kind: 'building' as const, buildingId: b.id, floor: 1 };
    sink.add('smoke_detector', `${b.id}-smoke`, `${tag} 烟感`, inB, [x, y, base + b.floorHeight - 0.3], order);
    sink.add('public_meter', `${b.id}-pm`, `${tag} 公共用电计量`, inB, [x + 0.5, y, base + 1.6], order++, 0);
  }
  return sink.devices;
}

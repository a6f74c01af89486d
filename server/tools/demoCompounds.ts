// Builds the demo compounds (雅广新村, 三和光谷) as schema Compounds from their design figures.
// Deterministic: the same code always yields the same JSON, which the data-file test enforces.
import type { Building, Compound } from '../../models/compound';
import { r2, r7, mulberry32 } from './prng';
import { DEMO_SITES, YAGUANG, type DemoSite } from './demoSites';
import { planSite } from './layout';
import { allocateFlats, buildUnits } from './households';
import { DeviceSink } from './deviceKit';
import { auxDevices, residentialDevices } from './buildingDevices';
import { groundDevices } from './groundDevices';
import { withDemoOperations } from './demoOperations';

export function buildDemoCompound(d: DemoSite): Compound {
  const rng = mulberry32(d.seed);
  const plan = planSite(d.site);
  const flats = allocateFlats(plan.residential, d.targets, rng);

  const buildings: Building[] = [
    ...plan.residential.map((b, bi): Building => ({
      id: b.id,
      number: b.spec.number,
      use: 'residential',
      footprint: b.footprint,
      floors: b.spec.floors,
      floorHeight: b.spec.floorHeight,
      builtYear: d.builtYear,
      units: buildUnits(b, bi, flats),
    })),
    ...plan.aux.map((a): Building => ({
      id: a.id,
      number: a.number,
      name: a.name,
      use: a.use,
      footprint: a.footprint,
      floors: a.floors,
      floorHeight: a.floorHeight,
      units: [],
    })),
  ];

  const sink = new DeviceSink(d.retrofitStart, rng, d.devicePrefix);
  residentialDevices(sink, plan.residential, flats);
  auxDevices(sink, plan.aux, plan.residential.length);
  groundDevices(sink, plan);

  const area = (a: { id: string; name: string; polygon: [number, number][] }) => ({
    id: a.id,
    name: a.name,
    polygon: a.polygon.map(([x, y]) => [r2(x), r2(y)] as [number, number]),
  });
  return withDemoOperations(
    {
      schemaVersion: 1,
      id: d.id,
      name: d.name,
      nameEn: d.nameEn,
      province: d.province,
      city: d.city,
      timeZone: 'Asia/Shanghai',
      district: d.district,
      builtYear: d.builtYear,
      residents: flats.reduce((s, f) => s + f.residents, 0),
      origin: { lat: r7(d.origin.lat), lon: r7(d.origin.lon) },
      redLine: plan.redLine,
      roads: plan.roads.map((r) => ({ ...area(r), kind: r.kind })),
      greens: plan.greens.map(area),
      buildings,
      devices: sink.devices,
    },
    d.retrofitStart,
  );
}

export const buildYaguangXincun = (): Compound => buildDemoCompound(YAGUANG);

export function buildDemoCompounds(): Compound[] {
  return DEMO_SITES.map(buildDemoCompound);
}

/** Pretty but compact: anything whose one-line JSON fits 320 characters stays on one line (a device, a ring, a floor). */
export function formatCompoundJson(value: unknown): string {
  const fmt = (v: unknown, indent: string): string => {
    const flat = JSON.stringify(v);
    if (v === null || typeof v !== 'object' || flat.length <= 320) return flat;
    const inner = indent + '  ';
    if (Array.isArray(v)) return `[\n${v.map((x) => inner + fmt(x, inner)).join(',\n')}\n${indent}]`;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${fmt(x, inner)}`).join(',\n')}\n${indent}}`;
  };
  return fmt(value, '') + '\n';
}

// Every compound file under data/compounds must load, and the demo ones must match the seed
// figures, be physically sensible (devices where they claim to be) and equal what the generator
// makes today, so the committed JSON and the code can never drift apart.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CompoundSchema, buildingTotals, type Compound } from '../../models/compound';
import { DEVICE_TYPE_DEFS } from '../../models/deviceTypes';
import { pointInRing, ringArea, type Point2 } from '../../models/geo';
import { describeIssues } from '../../models/validation';
import { buildDemoCompounds } from './demoCompounds';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/compounds');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

const SEED: Record<string, { buildings: number; units: number; households: number; residents: number }> = {
  'yaguang-xincun': { buildings: 11, units: 31, households: 451, residents: 1900 },
  'sanhe-guanggu': { buildings: 6, units: 8, households: 782, residents: 3100 },
};

function load(file: string): Compound {
  const raw: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const r = CompoundSchema.safeParse(raw);
  if (!r.success) throw new Error(`${file} does not match CompoundSchema:\n${describeIssues(file, r.error)}`);
  return r.data;
}

function distToSegment(p: Point2, a: Point2, b: Point2): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

it('data/compounds holds both demo compounds', () => {
  expect(files).toEqual(expect.arrayContaining(['yaguang-xincun.json', 'sanhe-guanggu.json']));
});

describe.each(files)('%s', (file) => {
  const c = load(file);
  const byId = new Map(c.buildings.map((b) => [b.id, b]));
  const residential = c.buildings.filter((b) => b.use === 'residential');

  it('is named after its id and every ring is counter-clockwise inside the red line', () => {
    expect(file).toBe(`${c.id}.json`);
    expect(ringArea(c.redLine)).toBeGreaterThan(0);
    for (const b of c.buildings) {
      expect(ringArea(b.footprint), b.id).toBeGreaterThan(0);
      for (const p of b.footprint) expect(pointInRing(p, c.redLine), `${b.id} corner ${p}`).toBe(true);
    }
  });

  it.runIf(SEED[c.id])('meets the seed figures', () => {
    const seed = SEED[c.id];
    expect(residential.length).toBe(seed.buildings);
    expect(residential.reduce((s, b) => s + b.units.length, 0)).toBe(seed.units);
    expect(residential.reduce((s, b) => s + buildingTotals(b).households, 0)).toBe(seed.households);
    expect(Math.abs(c.residents - seed.residents) / seed.residents).toBeLessThanOrEqual(0.05);
  });

  it('adds up: compound residents are the units’ residents, unit floors cover the building', () => {
    expect(c.buildings.reduce((s, b) => s + buildingTotals(b).residents, 0)).toBe(c.residents);
    for (const b of residential) {
      for (const u of b.units)
        expect(
          u.floors.map((f) => f.level),
          u.id,
        ).toEqual(Array.from({ length: b.floors }, (_, i) => i + 1));
    }
  });

  it('has an access gate at every unit and a smoke detector on every floor of every unit', () => {
    const gates = new Set<string>();
    const smoke = new Set<string>();
    for (const d of c.devices) {
      if (d.placement.kind !== 'building' || !d.placement.unitId) continue;
      if (d.type === 'access_gate') gates.add(d.placement.unitId);
      if (d.type === 'smoke_detector') smoke.add(`${d.placement.unitId}/${d.placement.floor}`);
    }
    for (const b of c.buildings) {
      for (const u of b.units) {
        expect(gates.has(u.id), `${u.id} access gate`).toBe(true);
        for (const f of u.floors) expect(smoke.has(`${u.id}/${f.level}`), `${u.id} floor ${f.level} smoke detector`).toBe(true);
      }
    }
  });

  it('puts unit entrances on the footprint’s south face', () => {
    for (const b of residential) {
      const ring = b.footprint;
      const southY = (x: number) =>
        Math.min(
          ...ring
            .filter((_, i) => {
              const a = ring[i],
                n = ring[(i + 1) % ring.length];
              return a[1] === n[1] && Math.min(a[0], n[0]) <= x && x <= Math.max(a[0], n[0]);
            })
            .map((p) => p[1]),
        );
      for (const u of b.units) {
        const onEdge = ring.some((a, i) => distToSegment(u.entrance, a, ring[(i + 1) % ring.length]) < 0.02);
        expect(onEdge, `${u.id} entrance ${u.entrance} on the outline`).toBe(true);
        expect(u.entrance[1], `${u.id} entrance on the south face`).toBeCloseTo(southY(u.entrance[0]), 2);
      }
    }
  });

  it('places indoor devices inside their footprint and floor, ground devices on open ground', () => {
    for (const d of c.devices) {
      const [x, y, z] = d.placement.at;
      if (d.placement.kind === 'building') {
        const b = byId.get(d.placement.buildingId)!;
        expect(pointInRing([x, y], b.footprint), `${d.id} at ${x},${y} inside ${b.id}`).toBe(true);
        expect(z, `${d.id} height`).toBeGreaterThanOrEqual(0);
        expect(z, `${d.id} height`).toBeLessThanOrEqual(b.floors * b.floorHeight);
        const f = d.placement.floor;
        if (f !== undefined && f >= 1) {
          expect(z, `${d.id} on floor ${f}`).toBeGreaterThanOrEqual((f - 1) * b.floorHeight);
          expect(z, `${d.id} on floor ${f}`).toBeLessThanOrEqual(f * b.floorHeight);
        }
      } else {
        expect(pointInRing([x, y], c.redLine), `${d.id} inside the red line`).toBe(true);
        for (const b of c.buildings) expect(pointInRing([x, y], b.footprint), `${d.id} inside ${b.id}`).toBe(false);
        expect(z, `${d.id} height`).toBeGreaterThanOrEqual(0);
        expect(z, `${d.id} height`).toBeLessThanOrEqual(6);
      }
    }
  });

  it('gives devices their type’s metrics and cadence, and meters their households', () => {
    for (const d of c.devices) {
      expect(d.metrics, d.id).toEqual(DEVICE_TYPE_DEFS[d.type].metrics);
      expect(d.intervalS, d.id).toBe(DEVICE_TYPE_DEFS[d.type].intervalS);
      if (d.type === 'electric_meter' || d.type === 'water_meter') expect(d.households, d.id).toBeGreaterThanOrEqual(1);
      if (d.type === 'public_meter') expect(d.households, d.id).toBe(0);
    }
    const metered = c.devices.filter((d) => d.type === 'electric_meter' && d.households === 1).length;
    expect(metered).toBe(residential.reduce((s, b) => s + buildingTotals(b).households, 0));
  });

  it('spaces walk-up rows for sunlight (clear gap ≥ 1.0 × the southern building’s height)', () => {
    const box = (r: Point2[]) => ({
      x0: Math.min(...r.map((p) => p[0])),
      x1: Math.max(...r.map((p) => p[0])),
      y0: Math.min(...r.map((p) => p[1])),
      y1: Math.max(...r.map((p) => p[1])),
    });
    for (const s of residential.filter((b) => b.floors <= 7)) {
      const a = box(s.footprint);
      for (const n of residential) {
        const o = box(n.footprint);
        if (n === s || o.y0 < a.y1 || o.x1 <= a.x0 || o.x0 >= a.x1) continue;
        expect(o.y0 - a.y1, `${s.id} → ${n.id}`).toBeGreaterThanOrEqual(s.floors * s.floorHeight);
      }
    }
  });
});

describe('demo generator', () => {
  const generated = buildDemoCompounds();
  it.each(generated.map((g) => [g.id, g] as const))('committed %s.json equals the generator output', (id, g) => {
    const committed: unknown = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8'));
    // A mismatch means the JSON is stale: run `npx tsx server/tools/writeDemoCompounds.ts`.
    expect(committed).toEqual(JSON.parse(JSON.stringify(g)));
  });
  it('is deterministic', () => {
    expect(JSON.stringify(buildDemoCompounds())).toBe(JSON.stringify(generated));
  });
});

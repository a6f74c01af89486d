import { describe, expect, it } from 'vitest';
import { CompoundSchema, summarizeCompound } from '../../models/compound';
import { describeIssues } from '../../models/validation';
import { pointInRing } from '../../models/geo';
import { makeStressCompound } from './stressCompound';

describe('makeStressCompound', () => {
  it('builds 200 buildings / 20,000 devices quickly, valid and counted as asked', () => {
    const t0 = performance.now();
    const c = makeStressCompound({ buildings: 200, devices: 20_000 });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000);
    const r = CompoundSchema.safeParse(c);
    if (!r.success) throw new Error(describeIssues('stress', r.error));
    const s = summarizeCompound(c);
    expect(s.buildings).toBe(200);
    expect(s.devices).toBe(20_000);
    expect(new Set(c.devices.map((d) => d.type)).size).toBe(15);
    const byId = new Map(c.buildings.map((b) => [b.id, b]));
    for (const d of c.devices) {
      const p: [number, number] = [d.placement.at[0], d.placement.at[1]];
      if (d.placement.kind === 'building') expect(pointInRing(p, byId.get(d.placement.buildingId)!.footprint), d.id).toBe(true);
      else expect(pointInRing(p, c.redLine), d.id).toBe(true);
    }
  });

  it('honours id and seed, and is deterministic', () => {
    const a = makeStressCompound({ buildings: 7, devices: 100, seed: 42, id: 'bench-7' });
    expect(a.id).toBe('bench-7');
    expect(CompoundSchema.safeParse(a).success).toBe(true);
    expect(makeStressCompound({ buildings: 7, devices: 100, seed: 42, id: 'bench-7' })).toEqual(a);
    expect(makeStressCompound({ buildings: 7, devices: 100, seed: 43, id: 'bench-7' })).not.toEqual(a);
  });

  it('handles the edges: one building, no devices; rejects nonsense', () => {
    const c = makeStressCompound({ buildings: 1, devices: 0 });
    expect(CompoundSchema.safeParse(c).success).toBe(true);
    expect(c.devices).toHaveLength(0);
    expect(() => makeStressCompound({ buildings: 0, devices: 10 })).toThrow(RangeError);
    expect(() => makeStressCompound({ buildings: 2, devices: -1 })).toThrow(RangeError);
  });
});

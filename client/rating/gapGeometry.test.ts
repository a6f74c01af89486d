import { describe, expect, it } from 'vitest';
import type { Building } from '../../models/compound';
import { gapPrisms, prismArrays } from './gapGeometry';

const building = {
  id: 'b3',
  number: '3',
  use: 'residential',
  footprint: [
    [0, 0],
    [40, 0],
    [40, 12],
    [0, 12],
  ],
  floors: 6,
  floorHeight: 3,
  units: [
    { id: 'b3-u1', number: 1, span: [0, 0.5], entrance: [10, 0], residents: 0, floors: [] },
    { id: 'b3-u2', number: 2, span: [0.5, 1], entrance: [30, 0], residents: 0, floors: [] },
  ],
} as unknown as Building;

describe('gapPrisms', () => {
  it('when no camera sees a gate, a lane point or an entrance door, then each gets a post on the spot (the entrance also tints its unit)', () => {
    const ps = gapPrisms({ buildings: [building] }, [
      { buildingId: '', buildingNumber: '', place: 'gate', at: [3, -98], label: 'spine' },
      { buildingId: '', buildingNumber: '', place: 'lane', at: [50, 20], label: 'lane' },
      { buildingId: '', buildingNumber: '', place: 'lane', at: [50, 20], label: 'lane' },
      { buildingId: 'b3', buildingNumber: '3', unitId: 'b3-u2', place: 'unit_entrance', at: [30, 0] },
    ]);
    expect(ps).toHaveLength(4);
    const gate = ps[0];
    expect(gate.ring).toHaveLength(6);
    const cx = gate.ring.reduce((s, p) => s + p[0], 0) / 6,
      cy = gate.ring.reduce((s, p) => s + p[1], 0) / 6;
    expect([cx, cy].map((v) => Math.round(v * 100) / 100)).toEqual([3, -98]);
    expect(gate.z1).toBeLessThan(5);
    expect(ps.filter((p) => p.buildingId === 'b3').map((p) => p.key)).toEqual(['at|unit_entrance|30|0', 'b3|b3-u2|']);
    expect(prismArrays(ps).index.length).toBeGreaterThan(0);
  });
  it('when a whole building lacks a device, then one block covers it from the ground to the roof', () => {
    const [p, ...rest] = gapPrisms({ buildings: [building] }, [{ buildingId: 'b3', buildingNumber: '3' }]);
    expect(rest).toEqual([]);
    expect(p.z0).toBeCloseTo(0, 1);
    expect(p.z1).toBeGreaterThanOrEqual(18);
  });
  it('when single floors of a unit lack a device, then each is its own slab inside that unit', () => {
    const ps = gapPrisms({ buildings: [building] }, [
      { buildingId: 'b3', buildingNumber: '3', unitId: 'b3-u2', floor: 2 },
      { buildingId: 'b3', buildingNumber: '3', unitId: 'b3-u2', floor: 5 },
      { buildingId: 'b3', buildingNumber: '3', unitId: 'b3-u2', floor: 5 },
    ]);
    expect(ps.map((p) => [Math.round(p.z0), Math.round(p.z1)])).toEqual([
      [3, 6],
      [12, 15],
    ]);
    for (const p of ps) for (const [x] of p.ring) expect(x).toBeGreaterThan(19);
  });
  it('when the building is gap as a whole too, then its unit gaps are not drawn twice; unknown buildings are skipped', () => {
    const ps = gapPrisms({ buildings: [building] }, [
      { buildingId: 'b3', buildingNumber: '3', unitId: 'b3-u1' },
      { buildingId: 'b3', buildingNumber: '3' },
      { buildingId: 'nope', buildingNumber: '9' },
    ]);
    expect(ps).toHaveLength(1);
  });
  it('when building the arrays, then walls and caps are indexed triangles and edges are line pairs', () => {
    const a = prismArrays(gapPrisms({ buildings: [building] }, [{ buildingId: 'b3', buildingNumber: '3' }]));
    expect(a.position.length).toBe(8 * 3);
    expect(a.index.length).toBe(4 * 6 + 2 * 2 * 3);
    expect(a.edges.length % 6).toBe(0);
  });
});

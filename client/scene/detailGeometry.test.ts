import { describe, expect, it } from 'vitest';
import type { Building } from '../../models/compound';
import { explodeOffset, EXPLODE_GAP, EXPLODE_LIFT } from './coords';
import { buildDetailArrays } from './detailGeometry';

const b: Building = {
  id: 'b1',
  number: '1',
  use: 'residential',
  footprint: [
    [0, 0],
    [40, 0],
    [40, 10],
    [0, 10],
  ],
  floors: 6,
  floorHeight: 3,
  units: [1, 2].map((n) => ({
    id: `u${n}`,
    number: n,
    span: [(n - 1) / 2, n / 2] as [number, number],
    entrance: [n * 10, 0] as [number, number],
    residents: 20,
    floors: Array.from({ length: 6 }, (_, i) => ({ level: i + 1, households: 2, occupied: i === 0 ? 1 : 2, elderlyAlone: i === 5 ? 1 : 0 })),
  })),
};

describe('buildDetailArrays', () => {
  it('when a 6-floor building has 2 units, then it gets 12 cells tagged by floor and unit', () => {
    const d = buildDetailArrays(b);
    const cells = new Set<string>();
    for (let i = 0; i < d.floor.length; i++) cells.add(`${d.floor[i]}:${d.unit[i]}`);
    expect(cells.size).toBe(12);
  });

  it('when a floor has half its homes occupied and an elderly resident alone, then its cells say so', () => {
    const d = buildDetailArrays(b);
    for (let i = 0; i < d.floor.length; i++) {
      if (d.floor[i] === 1) expect(d.occ[i]).toBe(0.5);
      if (d.floor[i] === 6) expect(d.elder[i]).toBe(1);
      if (d.floor[i] === 3) expect(d.elder[i]).toBe(0);
    }
  });

  it('when cells stack, then they leave a gap between storeys', () => {
    const d = buildDetailArrays(b);
    let maxY1 = 0;
    let minY2 = Infinity;
    for (let i = 0; i < d.floor.length; i++) {
      if (d.floor[i] === 1) maxY1 = Math.max(maxY1, d.position[i * 3 + 1]);
      if (d.floor[i] === 2) minY2 = Math.min(minY2, d.position[i * 3 + 1]);
    }
    expect(minY2).toBeGreaterThan(maxY1);
  });
});

describe('explodeOffset', () => {
  it('when the view is collapsed, then nothing moves', () => {
    expect(explodeOffset(5, null, 0)).toBe(0);
  });
  it('when exploded with floor 3 selected, then floors above it lift further', () => {
    expect(explodeOffset(3, 3, 1)).toBe(2 * EXPLODE_GAP);
    expect(explodeOffset(4, 3, 1)).toBeCloseTo(3 * EXPLODE_GAP + EXPLODE_LIFT);
    expect(explodeOffset(1, 3, 0.5)).toBe(0);
  });
});

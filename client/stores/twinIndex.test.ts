import { describe, expect, it } from 'vitest';
import type { Compound, Device } from '../../models/compound';
import { buildTwinIndex, footprintAnchor, inFootprint } from './twinIndex';

const dev = (id: string, at: [number, number, number], extra: Partial<Device['placement']> = {}): Device => ({
  id,
  type: 'smoke_detector',
  name: id,
  metrics: ['smoke'],
  installedAt: '2024-01-01',
  intervalS: 300,
  placement: { kind: 'building', buildingId: 'b1', at, ...extra },
});

const compound = {
  redLine: [
    [-10, -10],
    [60, -10],
    [60, 40],
    [-10, 40],
  ],
  buildings: [
    {
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
      units: [],
    },
  ],
  devices: [
    dev('inside', [20, 5, 7.5]),
    dev('gate', [20, 0, 1.2]),
    dev('floored', [20, 5, 1], { floor: 4 }),
    { ...dev('lamp', [50, 30, 0]), type: 'camera', placement: { kind: 'ground', at: [50, 30, 0] } } as Device,
  ],
} as unknown as Compound;

describe('buildTwinIndex', () => {
  const ix = buildTwinIndex(compound);
  it('when a device is inside the walls, then it is indoor; on the outline or on the ground it is not', () => {
    expect(ix.indoor.has('inside')).toBe(true);
    expect(ix.indoor.has('gate')).toBe(false);
    expect(ix.indoor.has('lamp')).toBe(false);
  });
  it('when a device has no floor, then the floor comes from its height', () => {
    expect(ix.deviceFloor.get('inside')).toBe(3);
    expect(ix.deviceFloor.get('floored')).toBe(4);
    expect(ix.deviceFloor.get('lamp')).toBeNull();
  });
  it('when indexing by type, then instance numbers follow document order', () => {
    expect(ix.instanceOf.get('gate')).toEqual({ type: 'smoke_detector', index: 1 });
    expect(ix.byType.camera.map((d) => d.id)).toEqual(['lamp']);
  });
  it('when the footprint has a courtyard around its centroid, then the anchor is on the roof well clear of both walls', () => {
    const ring: [number, number][] = [
      [-52, 8],
      [-3, 13],
      [-7, 53],
      [-57, 48],
    ];
    const hole: [number, number][] = [
      [-43, 37],
      [-18, 40],
      [-16, 24],
      [-42, 21],
    ];
    const a = footprintAnchor(ring, [hole]);
    expect(inFootprint(a, { footprint: ring, holes: [hole] })).toBe(true);
    const off = (p: [number, number]) => Math.hypot(a[0] - p[0], a[1] - p[1]);
    expect(Math.min(...ring.map(off), ...hole.map(off))).toBeGreaterThan(4);
  });
  it('when the footprint is an L, then the anchor is inside it', () => {
    const a = footprintAnchor([
      [0, 0],
      [30, 0],
      [30, 5],
      [5, 5],
      [5, 30],
      [0, 30],
    ]);
    expect(a[0] < 5 || a[1] < 5).toBe(true);
  });
});

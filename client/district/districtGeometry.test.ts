import { describe, expect, it } from 'vitest';
import type { DistrictCompound } from '../../models/district';
import { buildBuildingArrays, buildGroundArrays, compoundOfVertex, compoundOffsets, measureColour, paint, placeCompounds } from './districtGeometry';

const square = (x: number, y: number, s: number): [number, number][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
];
const compound = (id: string, lat: number, lon: number, buildings: number): DistrictCompound => ({
  id,
  name: id,
  nameEn: id,
  city: 'c',
  district: null,
  origin: { lat, lon },
  redLine: square(-10, -10, 200),
  buildings: Array.from({ length: buildings }, (_, i) => ({ id: `b${i}`, footprint: square(i * 30, 0, 20), base: 0, height: 30, use: 'residential' as const })),
  context: {
    roads: [
      {
        kind: 'primary',
        width: 10,
        line: [
          [0, -20],
          [100, -20],
        ],
      },
    ],
    roadAreas: [],
    water: [],
    green: [square(0, 50, 30)],
  },
  level: null,
  devices: 0,
  online: 0,
  onlinePct: 0,
  openAlarms: 0,
  alarmsBySeverity: { critical: 0, major: 0, minor: 0, warning: 0 },
  workOrdersOpen: 0,
  households: 0,
  residents: 0,
});

describe('district geometry', () => {
  it('when two demos are 60 km apart, then their offsets from the centre are that far apart, east and south as on the map', () => {
    const cs = [compound('sanhe', 30.4812, 114.4107, 1), compound('yaguang', 30.1876, 114.9921, 1)];
    const centre = { lat: (30.4812 + 30.1876) / 2, lon: (114.4107 + 114.9921) / 2 };
    const [a, b] = compoundOffsets(centre, cs);
    expect(b[0] - a[0]).toBeGreaterThan(50_000);
    expect(b[1] - a[1]).toBeLessThan(-30_000);
    expect(a[0] + b[0]).toBeCloseTo(0, 0);
    const placed = placeCompounds(cs, [a, b]);
    expect(placed[0].centre[0]).toBeCloseTo(a[0] + 90, 6);
    expect(placed[0].top).toBe(30);
  });

  it('when every building of every compound is merged, then each vertex maps back to its compound and painting colours only that range', () => {
    const cs = [compound('a', 30, 114, 3), compound('b', 30.1, 114.1, 2), compound('c', 30.2, 114.2, 1)];
    const arr = buildBuildingArrays(cs, [
      [0, 0],
      [1000, 0],
      [2000, 0],
    ]);
    // a box: 4 walls × 4 vertices + 4 roof vertices
    expect(Array.from(arr.starts)).toEqual([0, 60, 100, 120]);
    expect(arr.index.length).toBe(6 * (4 * 6 + 2 * 3));
    expect(compoundOfVertex(arr.starts, 0)).toBe(0);
    expect(compoundOfVertex(arr.starts, 59)).toBe(0);
    expect(compoundOfVertex(arr.starts, 60)).toBe(1);
    expect(compoundOfVertex(arr.starts, 119)).toBe(2);
    expect(compoundOfVertex(arr.starts, 120)).toBe(-1);
    paint(arr, [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    // roof vertices (normal up) take the colour as is; compound b's are green
    const roofOfB = 60 + 16;
    expect(Array.from(arr.color.slice(roofOfB * 3, roofOfB * 3 + 3))).toEqual([0, 1, 0]);
    // three: model y north → −z
    expect(arr.position[roofOfB * 3 + 1]).toBe(30);
    const ground = buildGroundArrays(cs, [
      [0, 0],
      [1000, 0],
      [2000, 0],
    ]);
    expect(ground.starts.length).toBe(4);
    expect(ground.index.length).toBeGreaterThan(0);
  });

  it('when coloured by level or alarms, then no level is grey, higher levels are warmer, and the worst open alarm decides', () => {
    const c = compound('a', 30, 114, 1);
    const none = measureColour('level', c, 4);
    const low = measureColour('level', { ...c, level: { id: 'basic', name: { zh: '基本级', en: 'Basic' }, rank: 1 } }, 4);
    const top = measureColour('level', { ...c, level: { id: 'star3', name: { zh: '三星', en: 'Three stars' }, rank: 4 } }, 4);
    expect(none).not.toEqual(low);
    expect(top[0]).toBeGreaterThan(low[0]);
    const calm = measureColour('alarms', c, 4);
    const critical = measureColour('alarms', { ...c, openAlarms: 2, alarmsBySeverity: { critical: 1, major: 0, minor: 1, warning: 0 } }, 4);
    const minor = measureColour('alarms', { ...c, openAlarms: 1, alarmsBySeverity: { critical: 0, major: 0, minor: 1, warning: 0 } }, 4);
    expect(calm[1]).toBeGreaterThan(calm[0]);
    expect(critical[0]).toBeGreaterThan(critical[1] * 3);
    expect(minor).not.toEqual(critical);
  });
});

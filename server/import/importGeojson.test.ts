import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CompoundSchema, latLonToLocal, pointInRing, type Compound } from '../../models';
import { importGeojson, ImportError } from './importGeojson';
import { wgs84ToGcj02 } from './gcj02';

const FIXTURE = new URL('./fixtures/osm-guanggu-garden.geojson', import.meta.url);
const osm = () => JSON.parse(readFileSync(FIXTURE, 'utf8'));
const OPTS = { id: 'guanggu-garden', name: '光谷花园', city: '武汉', province: '湖北' };
const building = (c: Compound, id: string) => c.buildings.find((b) => b.id === id)!;
const AT = { now: '2026-11-28T00:00:00.000Z' };

describe('importGeojson on an OpenStreetMap export', () => {
  const { compound, report } = importGeojson(osm(), OPTS, AT);

  it('when the fixture is imported, then every building polygon becomes a building and the rest is skipped with its index and reason', () => {
    expect(CompoundSchema.safeParse(compound).success).toBe(true);
    expect(compound.buildings.map((b) => b.id)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b5-p2', 'b6', 'b7', 'b8']);
    // The street (feature 6) is kept as context now, not skipped.
    expect(report.skipped.map((s) => [s.index, s.kind])).toEqual([
      [5, 'point'],
      [7, 'invalid_ring'],
      [8, 'invalid_ring'],
      [9, 'invalid_ring'],
      [10, 'outline_with_parts'],
    ]);
    expect(report.skipped[1].reason).toMatch(/intersects itself/);
    expect(report.skipped[2].reason).toMatch(/not closed/);
    expect(report.skipped[3].reason).toMatch(/at least 4/);
    expect(report.skippedByKind).toMatchObject({ point: 1, not_building: 0, invalid_ring: 3, outline_with_parts: 1 });
    expect(report.context).toEqual({ roads: 1, water: 0, green: 0, landuse: 0, neighbours: 0 });
    expect(compound.context!.roads[0]).toMatchObject({ kind: 'residential', width: 6, name: '光谷三路' });
    expect(report.redLine).toBe('feature 14 (landuse=residential)');
  });

  it('when a polygon has an inner ring, then the courtyard is kept as a hole inside the footprint', () => {
    const b4 = building(compound, 'b4');
    expect(b4.holes).toHaveLength(1);
    expect(b4.holes![0].every((p) => pointInRing(p, b4.footprint))).toBe(true);
    expect(report.holes).toBe(1);
  });

  it('when a building is a MultiPolygon, then each polygon is a building of its own sharing the number', () => {
    expect(building(compound, 'b5').number).toBe('5');
    expect(building(compound, 'b5-p2').number).toBe('5');
    expect(building(compound, 'b5-p2').floors).toBe(7);
  });

  it('when heights and levels are tagged, then floors and storey heights follow them and min_height lifts a part', () => {
    expect(building(compound, 'b1')).toMatchObject({ floors: 6, floorHeight: 3, use: 'residential', builtYear: 1998, number: '1' });
    expect(building(compound, 'b3')).toMatchObject({ floors: 18, floorHeight: 3, name: '光谷花园3号楼', number: '3' });
    // The podium (building:part=retail) and the tower on it replace their outline and inherit its name.
    expect(building(compound, 'b6')).toMatchObject({ use: 'retail', floors: 2, floorHeight: 4, name: '光谷商住楼', units: [] });
    expect(building(compound, 'b7')).toMatchObject({ use: 'residential', floors: 12, floorHeight: 3, baseHeight: 8 });
    expect(building(compound, 'b8')).toMatchObject({ use: 'public', units: [] });
    expect(compound.builtYear).toBe(1998);
  });

  it('when residential buildings are laid out, then units slice the long axis and devices sit inside their footprints', () => {
    const b1 = building(compound, 'b1');
    expect(b1.units.map((u) => u.span)).toEqual([
      [0, 0.25],
      [0.25, 0.5],
      [0.5, 0.75],
      [0.75, 1],
    ]);
    expect(b1.units[0].floors).toHaveLength(6);
    expect(b1.units[0].floors[0]).toEqual({ level: 1, households: 2, occupied: 2, elderlyAlone: 0 });
    expect(report.households).toBe(compound.buildings.reduce((s, b) => s + b.units.length * b.floors * 2, 0));
    const byId = new Map(compound.buildings.map((b) => [b.id, b]));
    for (const d of compound.devices) {
      if (d.placement.kind !== 'building') continue;
      const b = byId.get(d.placement.buildingId)!;
      const p: [number, number] = [d.placement.at[0], d.placement.at[1]];
      expect(pointInRing(p, b.footprint) && !(b.holes ?? []).some((h) => pointInRing(p, h)), d.id).toBe(true);
      expect(d.id.startsWith('guanggu-garden-')).toBe(true);
    }
    const kinds = new Set(compound.devices.filter((d) => d.placement.kind === 'building' && d.placement.buildingId === 'b3').map((d) => d.type));
    expect([...kinds].sort()).toEqual([
      'access_gate',
      'broadcast_speaker',
      'camera',
      'electric_meter',
      'hydrant_pressure',
      'info_screen',
      'public_meter',
      'smoke_detector',
      'water_meter',
    ]);
    // The tower part's kit starts on the podium roof.
    const towerSmoke = compound.devices.find((d) => d.id === 'guanggu-garden-b7-u1-f1-smoke')!;
    expect(towerSmoke.placement.at[2]).toBeGreaterThan(8);
  });

  it('when the same file is imported twice, then the result is identical', () => {
    expect(JSON.stringify(importGeojson(osm(), OPTS, AT).compound)).toBe(JSON.stringify(compound));
  });

  it('when the coordinates are GCJ-02 and crs=gcj02, then the buildings land where the WGS84 ones do', () => {
    const gcj = osm();
    const shift = (c: unknown): unknown =>
      typeof (c as number[])[0] === 'number' ? wgs84ToGcj02((c as number[])[0], (c as number[])[1]) : (c as unknown[]).map(shift);
    for (const f of gcj.features) f.geometry.coordinates = shift(f.geometry.coordinates);
    const naive = importGeojson(gcj, OPTS).compound;
    const fixed = importGeojson(gcj, { ...OPTS, crs: 'gcj02' }).compound;
    const [dx, dy] = latLonToLocal(compound.origin, fixed.origin);
    expect(Math.hypot(dx, dy)).toBeLessThan(0.05);
    expect(Math.hypot(...latLonToLocal(compound.origin, naive.origin))).toBeGreaterThan(100);
    building(fixed, 'b1').footprint.forEach((p, i) => {
      expect(Math.hypot(p[0] - building(compound, 'b1').footprint[i][0], p[1] - building(compound, 'b1').footprint[i][1])).toBeLessThan(0.05);
    });
  });
});

describe('importGeojson options and bad input', () => {
  const square = (x: number, props: Record<string, unknown> = { building: 'yes' }) => ({
    type: 'Feature',
    properties: props,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, 30],
          [x + 0.0004, 30],
          [x + 0.0004, 30.0001],
          [x, 30.0001],
          [x, 30],
        ],
      ],
    },
  });

  it('when a building has no height or levels, then the default applies and a warning names the feature', () => {
    const { compound, report } = importGeojson({ type: 'FeatureCollection', features: [square(114)] }, { id: 'x', name: 'X', defaultLevels: 4 });
    expect(compound.buildings[0].floors).toBe(4);
    expect(report.warnings[0]).toMatchObject({ index: 0, message: expect.stringMatching(/assumed 4 floors/) });
  });

  it('when households per floor and unit length are given, then the layout follows them', () => {
    const { compound } = importGeojson(square(114, { building: 'apartments', 'building:levels': '3' }), {
      id: 'x',
      name: 'X',
      householdsPerFloor: 3,
      unitLength: 10,
      devices: false,
    });
    const b = compound.buildings[0];
    expect(b.units).toHaveLength(4); // ~38.5 m long
    expect(b.units[0].floors[0].households).toBe(3);
    expect(compound.devices).toEqual([]);
  });

  it('when nothing in the input is a usable building, then it fails saying why for each feature', () => {
    const bad = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { highway: 'service' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [114, 30],
              [114.001, 30],
            ],
          },
        },
      ],
    };
    expect(() => importGeojson(bad, { id: 'x', name: 'X' })).toThrow(/no building footprints in 1 feature\(s\): feature 0: not a building \(highway=service/);
  });

  it('when the options or the document are wrong, then the error names them', () => {
    expect(() => importGeojson({ type: 'FeatureCollection', features: [] }, { id: 'Bad Id', name: 'X' })).toThrow(/options: id: ids are/);
    expect(() => importGeojson({ type: 'FeatureCollection', features: [] }, { id: 'x', name: 'X', levels: 3 })).toThrow(ImportError);
    expect(() => importGeojson({ type: 'Topology' }, { id: 'x', name: 'X' })).toThrow(/expected a FeatureCollection or a Feature/);
    expect(() => importGeojson(JSON.parse('{"type":"Feature","geometry":null,"properties":{"__proto__":{}}}'), { id: 'x', name: 'X' })).toThrow(
      /forbidden key "__proto__"/,
    );
  });
});

describe('a file whose buildings lie in two cities', () => {
  const sq = (x: number, y: number, s = 0.0003) => [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ];
  const feature = (x: number, y: number) => ({ type: 'Feature', properties: { building: 'yes' }, geometry: { type: 'Polygon', coordinates: sq(x, y) } });

  it('when a stray building is in another city, then the import is refused naming the span and the features at its ends', () => {
    const doc = { type: 'FeatureCollection', features: [feature(114.425, 30.505), feature(114.43, 30.5), feature(116.4, 39.9)] };
    expect(() => importGeojson(doc, { id: 'two-cities', name: 'x' })).toThrow(
      /span 1046\.\d km south to north \(feature \d to feature 2\); one compound is at most 20 km/,
    );
  });

  it('when the buildings lie within a few kilometres, then they import as one compound', () => {
    const doc = { type: 'FeatureCollection', features: [feature(114.425, 30.505), feature(114.45, 30.52)] };
    expect(importGeojson(doc, { id: 'one-site', name: 'x' }).report.buildings).toBe(2);
  });
});

describe('odd input an attacker would try', () => {
  const ring = (x: number, y: number, s = 0.0003) => [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ];
  const footprints = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { building: 'yes' }, geometry: { type: 'Polygon', coordinates: [ring(114.425, 30.505)] } }],
  };

  it('when a geometry type is not text, then the feature is skipped with a reason (an ImportError, never a TypeError)', () => {
    const odd = { type: 'Feature', properties: {}, geometry: { type: { toString: null }, coordinates: [] } };
    const r = importGeojson({ type: 'FeatureCollection', features: [...footprints.features, odd] }, { id: 'odd', name: 'x' }, AT);
    expect(r.report.buildings).toBe(1);
    expect(r.report.skipped.some((s) => s.index === 1)).toBe(true);
    expect(() => importGeojson({ type: 'FeatureCollection', features: [odd] }, { id: 'odd', name: 'x' }, AT)).toThrow(ImportError);
  });

  it('when a drawn red line is off the globe or a continent wide, then the import is refused naming it', () => {
    const far = [
      [-1e300, -1e300],
      [1e300, -1e300],
      [1e300, 1e300],
    ];
    expect(() => importGeojson({ footprints, redLine: far, redLineCrs: 'wgs84' }, { id: 'odd', name: 'x' }, AT)).toThrow(
      /redLine\[0\]: .* is not a longitude\/latitude/,
    );
    const wide = [
      [-170, -60],
      [170, -60],
      [170, 60],
      [-170, 60],
    ];
    expect(() => importGeojson({ footprints, redLine: wide, redLineCrs: 'wgs84' }, { id: 'odd', name: 'x' }, AT)).toThrow(
      /red line \(the drawn red line\) spans .* km/,
    );
  });
});

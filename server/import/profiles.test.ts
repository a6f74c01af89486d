import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CompoundSchema, pointInRing, type Compound } from '../../models';
import { importGeojson } from './importGeojson';
import { parseGeojsonText } from './readGeojson';
import { mercatorToWgs84, wgs84ToMercator } from './crs';
import { numberFromName } from './profiles/vocab';

const fixture = (name: string) => parseGeojsonText(readFileSync(new URL(`./fixtures/profiles/${name}`, import.meta.url), 'utf8'));
const O = { id: 'ov', name: '光谷天地' };
const households = (c: Compound, id: string) =>
  c.buildings.find((b) => b.id === id)!.units.reduce((s, u) => s + u.floors.reduce((t, f) => t + f.households, 0), 0);

function expectSite(c: Compound) {
  expect(CompoundSchema.safeParse(c).success).toBe(true);
  for (const b of c.buildings) {
    if (b.use === 'residential') expect(b.units.length, b.id).toBeGreaterThan(0);
    else expect(households(c, b.id), `${b.id} ${b.use}`).toBe(0);
  }
  // Neighbours are never the compound's: no building outside the red line, no device on a neighbour.
  for (const b of c.buildings) expect(pointInRing(b.footprint[0], c.redLine), b.id).toBe(true);
  for (const n of c.context?.neighbours ?? []) expect(pointInRing(n.footprint[0], c.redLine)).toBe(false);
}

describe('import profiles: each self-made fixture imports without flags', () => {
  it('when an osmtogeojson export with a landuse=residential red line is imported, then uses, names, numbers, context and neighbours follow the tags', () => {
    const { compound: c, report: r } = importGeojson(fixture('osm-optics-valley.geojson'), O);
    expect(r.profile).toBe('osm');
    expect(r.profileReason).toMatch(/building/);
    expect(r.crs).toBe('wgs84');
    expectSite(c);
    expect(r.uses).toEqual({ residential: 6, retail: 1, school: 1, hotel: 1, office: 1, garage: 1 });
    expect(c.buildings.slice(0, 4).map((b) => [b.number, b.name])).toEqual([
      ['78', '78栋'],
      ['79', '79栋'],
      ['3', '3号楼'],
      ['A', 'A座'],
    ]);
    expect(c.buildings.find((b) => b.name === '12幢')!.number).toBe('12');
    expect(r.context).toEqual({ roads: 5, water: 1, green: 1, landuse: 1, neighbours: 4 });
    expect(c.context!.roads.map((x) => [x.kind, x.width])).toEqual([
      ['primary', 16],
      ['residential', 6],
      ['service', 4],
      ['path', 2],
      ['rail', 4],
    ]);
    expect(r.redLine).toMatch(/landuse=residential/);
    expect(r.rules.find((x) => x.rule === 'highway → road')).toEqual({ rule: 'highway → road', taken: 4, skipped: 1 });
    expect(r.warnings.some((w) => /within 600 m/.test(w.message) && /1 piece/.test(w.message))).toBe(true);
    expect(c.source).toMatchObject({ profile: 'osm', crs: 'wgs84' });
    // The kit that fits: the hotel has a smoke detector on every floor, a camera and a hydrant sensor; no flats.
    const hotel = c.buildings.find((b) => b.use === 'hotel')!;
    const kit = c.devices.filter((d) => d.placement.kind === 'building' && d.placement.buildingId === hotel.id);
    expect(kit.filter((d) => d.type === 'smoke_detector')).toHaveLength(hotel.floors);
    expect(new Set(kit.map((d) => d.type))).toEqual(new Set(['smoke_detector', 'public_meter', 'camera', 'hydrant_pressure']));
    for (const d of kit) expect(pointInRing([d.placement.at[0], d.placement.at[1]], hotel.footprint), d.id).toBe(true);
  });

  it('when a Tilezen export is imported, then kind/kind_detail make the buildings, parts replace their building, and the roads/water/landuse kinds make the context', () => {
    const { compound: c, report: r } = importGeojson(fixture('tilezen-optics-valley.geojson'), O);
    expect(r.profile).toBe('tilezen');
    expect(r.profileReason).toMatch(/kind/);
    expectSite(c);
    expect(r.uses).toMatchObject({ residential: 6, retail: 1, school: 1, office: 1, hotel: 2 });
    expect(r.skippedByKind.outline_with_parts).toBe(1);
    const tower = c.buildings.find((b) => b.use === 'hotel' && (b.baseHeight ?? 0) > 0)!;
    expect(tower).toMatchObject({ name: '光谷大酒店', baseHeight: 9 });
    expect(r.context).toEqual({ roads: 4, water: 1, green: 1, landuse: 1, neighbours: 4 });
    expect(r.rules[0]).toEqual({ rule: 'kind=building', taken: 14, skipped: 1 });
  });

  it('when an Overture download is imported, then subtype/class give the use, num_floors the floors and names.primary the name in every shape', () => {
    const { compound: c, report: r } = importGeojson(fixture('overture-optics-valley.geojson'), O);
    expect(r.profile).toBe('overture');
    expectSite(c);
    expect(r.uses).toMatchObject({ residential: 6, retail: 1, hotel: 1, office: 1, parking: 1, school: 1 });
    expect(c.buildings.slice(0, 3).map((b) => b.name)).toEqual(['78栋', '79栋', '3号楼']);
    expect(r.context.roads).toBe(3);
  });

  it('when Microsoft ML footprints come as a FeatureCollection or as newline-delimited GeoJSON, then both import as unknown-use buildings with −1 heights defaulted', () => {
    const a = importGeojson(fixture('msft-optics-valley.geojson'), O);
    const b = importGeojson(fixture('msft-optics-valley.geojsonl'), O);
    expect(a.report.profile).toBe('msft');
    expect(b.report).toMatchObject({ profile: 'msft', buildings: 15, households: 0, uses: { unknown: 15 } });
    expect(a.report.warnings.filter((w) => /height unknown \(−1\)/.test(w.message))).toHaveLength(3);
    expect(a.compound.buildings.map((x) => x.footprint)).toEqual(b.compound.buildings.map((x) => x.footprint));
  });

  it('when a Chinese GIS export in GCJ-02 is imported, then the CRS is guessed, 层数/名称/用途 are read and it lands where the WGS84 one does', () => {
    const { compound: c, report: r } = importGeojson(fixture('cn-gis-optics-valley.geojson'), O);
    expect(r.profile).toBe('cn-gis');
    expect(r).toMatchObject({ crs: 'gcj02', crsReason: expect.stringMatching(/inside China/) });
    expectSite(c);
    expect(r.context).toEqual({ roads: 2, water: 1, green: 1, landuse: 0, neighbours: 4 });
    expect(r.redLine).toMatch(/red line/);
    const osm = importGeojson(fixture('osm-optics-valley.geojson'), O).compound;
    expect(Math.abs(c.origin.lat - osm.origin.lat)).toBeLessThan(1e-6);
    expect(Math.abs(c.origin.lon - osm.origin.lon)).toBeLessThan(1e-6);
    expect(c.buildings[0]).toMatchObject({ name: '78栋', number: '78', floors: 18, use: 'residential' });
  });

  it('when a layer no profile knows is imported, then it is refused naming the way out, and accepted with the mapping', () => {
    const doc = fixture('generic-optics-valley.geojson');
    expect(() => importGeojson(doc, O)).toThrow(/no profile recognises these properties \(fid, hgt_m, storeys, label, func\).*allPolygons=true/);
    const { compound: c, report: r } = importGeojson(doc, {
      ...O,
      allPolygons: true,
      heightField: 'hgt_m',
      levelsField: 'storeys',
      nameField: 'label',
      useField: 'func',
    });
    expect(r.profile).toBe('generic');
    expect(r.profileReason).toMatch(/allPolygons/);
    expect(c.buildings[0]).toMatchObject({ name: '78栋', number: '78', floors: 18, floorHeight: 3 });
    expect(r.uses).toMatchObject({ residential: 6, retail: 1, school: 1, hotel: 1, office: 1, garage: 1 });
    const bare = importGeojson(doc, { ...O, allPolygons: 'true' });
    expect(bare.report.uses).toEqual({ unknown: 11 });
    expect(bare.report.households).toBe(0);
  });

  it('when the profile is forced, then it is used whatever the properties say', () => {
    const { report: r } = importGeojson(fixture('osm-optics-valley.geojson'), { ...O, profile: 'generic' });
    expect(r).toMatchObject({ profile: 'generic', profileReason: 'option' });
    // Every polygon is a building now: the lake, the park and the land-use areas too.
    expect(r.uses).toEqual({ unknown: 19 });
  });

  it('when the coordinates are Web Mercator metres or a crs member names the CRS, then the guess says so and the site lands in place', () => {
    const doc = fixture('osm-optics-valley.geojson') as { features: { geometry: { coordinates: unknown } }[] };
    const toM = (c: unknown): unknown =>
      typeof (c as number[])[0] === 'number' ? wgs84ToMercator((c as number[])[0], (c as number[])[1]) : (c as unknown[]).map(toM);
    const m = { ...doc, features: doc.features.map((f) => ({ ...f, geometry: { ...f.geometry, coordinates: toM(f.geometry.coordinates) } })) };
    const { compound: c, report: r } = importGeojson(m, O);
    expect(r.crs).toBe('epsg3857');
    expect(r.crsReason).toMatch(/metres/);
    expect(c.origin.lat).toBeCloseTo(importGeojson(doc, O).compound.origin.lat, 6);
    const named = importGeojson({ ...m, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } } }, O).report;
    expect(named).toMatchObject({ crs: 'epsg3857', crsReason: expect.stringMatching(/crs member/) });
    expect(mercatorToWgs84(...wgs84ToMercator(114.425, 30.505))[1]).toBeCloseTo(30.505, 9);
  });

  it('when the envelope brings a context file, edits and a drawn red line, then they apply before units and devices are planned', () => {
    const osm = fixture('osm-optics-valley.geojson') as { features: { properties: Record<string, unknown> }[] };
    const buildingsOnly = { type: 'FeatureCollection', features: osm.features.slice(0, 11) };
    const contextOnly = { type: 'FeatureCollection', features: osm.features.slice(11) };
    const plain = importGeojson(buildingsOnly, O);
    expect(plain.report.context.neighbours).toBe(0);
    const { compound: c, report: r } = importGeojson(
      {
        footprints: buildingsOnly,
        context: contextOnly,
        edits: { buildings: { b1: { use: 'office', name: '研发楼' }, b7: { use: 'residential', number: '99' } } },
      },
      O,
    );
    expect(r.context).toMatchObject({ roads: 5, water: 1, green: 1, neighbours: 4 });
    expect(r.profileReason).toMatch(/context file: osm/);
    expect(c.buildings[0]).toMatchObject({ use: 'office', name: '研发楼', number: '78', units: [] });
    expect(c.buildings[6]).toMatchObject({ use: 'residential', number: '99' });
    expect(c.buildings[6].units.length).toBeGreaterThan(0);
    expect(r.households).not.toBe(plain.report.households);
    expect(() => importGeojson({ footprints: buildingsOnly, edits: { buildings: { b99: { use: 'office' } } } }, O)).toThrow(
      /edits: unknown building id\(s\) b99/,
    );
    expect(() => importGeojson({ footprints: buildingsOnly, edits: { buildings: { b1: { use: 'castle' } } } }, O)).toThrow(
      /envelope: edits\.buildings\.b1\.use/,
    );
    // A drawn red line round the west half: the east buildings become neighbours.
    const west = [
      [114.4233, 30.5036],
      [114.425, 30.5036],
      [114.425, 30.5064],
      [114.4233, 30.5064],
    ] as [number, number][];
    const half = importGeojson({ footprints: buildingsOnly, redLine: west }, O);
    expect(half.report.redLine).toBe('the drawn red line');
    expect(half.report.buildings).toBeLessThan(11);
    expect(half.report.context.neighbours).toBe(11 - half.report.buildings);
  });

  it('when names carry the number, then it is read off them', () => {
    expect(['78栋', '3号楼', '12幢', 'A座', '光谷花园3号楼', 'B2栋', '社区服务中心', undefined].map((n) => numberFromName(n))).toEqual([
      '78',
      '3',
      '12',
      'A',
      '3',
      'B2',
      null,
      null,
    ]);
  });
});

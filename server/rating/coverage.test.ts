import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { camerasCovering, CompoundSchema, obstaclesOf, type Compound, type Device } from '../../models';
import { coverage, gatePlaces, lanePlaces } from './coverage';

const ROOT = join(import.meta.dirname, '../..');
const load = (id: string): Compound => CompoundSchema.parse(JSON.parse(readFileSync(join(ROOT, 'data/compounds', id + '.json'), 'utf8')));

describe('camera coverage by view', () => {
  // Measured on the regenerated demo files; a change to the generator or the geometry shows here.
  const expected = {
    'yaguang-xincun': { unit_entrance: [31, 31], gate: [2, 2], lane: [94, 84] },
    'sanhe-guanggu': { unit_entrance: [8, 8], gate: [2, 2], lane: [70, 51] },
  } as const;
  for (const [id, want] of Object.entries(expected)) {
    it(`when ${id} is analysed, then entrances, gates and lanes have the measured coverage, judged by view`, () => {
      const c = load(id);
      for (const scope of ['unit_entrance', 'gate', 'lane'] as const) {
        const r = coverage(c, 'camera', scope);
        expect([r.required, r.covered], scope).toEqual(want[scope]);
        expect(r.gaps).toHaveLength(r.required - r.covered);
        expect(r.byView).toBe(c.devices.filter((d) => d.type === 'camera' && d.view).length);
        expect(r.byRadius).toBe(0);
        for (const g of r.gaps) {
          expect(g.place).toBe(scope);
          expect(g.at).toHaveLength(2);
          expect(g.label).toBeTruthy();
        }
      }
    });
  }

  it('when the demo is generated, then every outdoor camera has a view and lift cameras have none', () => {
    for (const id of Object.keys(expected)) {
      const cams = load(id).devices.filter((d) => d.type === 'camera');
      for (const d of cams) expect(!!d.view, d.id).toBe(!/-lift\d+-cam$/.test(d.id));
    }
  });

  it('when the gates are found, then they are where the spine and the north path cross the red line', () => {
    const c = load('yaguang-xincun');
    const gates = gatePlaces(c);
    const south = Math.min(...c.redLine.map((p) => p[1]));
    const north = Math.max(...c.redLine.map((p) => p[1]));
    expect(gates.map((g) => g.at[1]).sort((a, b) => a - b)).toEqual([south, north]);
    expect(lanePlaces(c).every((p) => c.roads.some((r) => r.kind !== 'path' && r.id === p.id.split('@')[0]))).toBe(true);
  });

  it('when a building stands between the only camera and an entrance, then that entrance is a gap naming its unit', () => {
    const c0 = load('yaguang-xincun');
    const b = c0.buildings.find((x) => x.use === 'residential')!;
    const u = b.units[0];
    const [ex, ey] = u.entrance;
    const cam: Device = {
      ...c0.devices.find((d) => d.type === 'camera')!,
      id: 'test-cam',
      placement: { kind: 'ground', at: [ex, ey - 12, 3] },
      view: { headingDeg: 0, tiltDeg: -10, hfovDeg: 60, rangeM: 30 },
    };
    const open: Compound = { ...c0, devices: [cam] };
    const seen = coverage(open, 'camera', 'unit_entrance');
    expect(seen.gaps.some((g) => g.unitId === u.id)).toBe(false);
    expect(camerasCovering(open, u.entrance, obstaclesOf(open)).map((d) => d.id)).toEqual(['test-cam']);

    const shed = { ...c0.buildings.find((x) => x.use !== 'residential')!, id: 'shed-x' };
    shed.footprint = [
      [ex - 3, ey - 7],
      [ex + 3, ey - 7],
      [ex + 3, ey - 5],
      [ex - 3, ey - 5],
    ];
    const blocked: Compound = { ...open, buildings: [...c0.buildings, shed] };
    const r = coverage(blocked, 'camera', 'unit_entrance');
    const gap = r.gaps.find((g) => g.unitId === u.id);
    expect(gap).toMatchObject({ buildingId: b.id, buildingNumber: b.number, place: 'unit_entrance', at: u.entrance });
    expect(camerasCovering(blocked, u.entrance, obstaclesOf(blocked))).toEqual([]);
  });

  it('when no camera has a view (an imported compound), then cameras within the radius count', () => {
    const c0 = load('sanhe-guanggu');
    const bare: Compound = { ...c0, devices: c0.devices.map(({ view: _v, ...d }) => d) };
    const r = coverage(bare, 'camera', 'unit_entrance', 20);
    expect(r).toMatchObject({ required: 8, covered: 8, byView: 0 });
    expect(r.byRadius).toBe(bare.devices.filter((d) => d.type === 'camera').length);
    expect(coverage(bare, 'camera', 'unit_entrance', 0.5).covered).toBe(0);
  });
});

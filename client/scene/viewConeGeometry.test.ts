import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompoundSchema } from '../../models/compound';
import { CONE_Y, viewConeArrays } from './viewConeGeometry';

const ROOT = join(import.meta.dirname, '../..');

describe('viewConeArrays', () => {
  it('when a demo compound is drawn, then every camera with a view has one fan in one merged buffer, at cone height', () => {
    const c = CompoundSchema.parse(JSON.parse(readFileSync(join(ROOT, 'data/compounds/yaguang-xincun.json'), 'utf8')));
    const withView = c.devices.filter((d) => d.type === 'camera' && d.view);
    const a = viewConeArrays(c, 32);
    expect(a.cameras.size).toBe(withView.length);
    expect(a.index.length / 3).toBe(withView.length * 31); // 33 points a fan (camera + 32 ray ends) → 31 triangles
    expect(a.position.length / 3).toBe(withView.length * 33);
    for (let i = 1; i < a.position.length; i += 3) expect(a.position[i]).toBeCloseTo(CONE_Y, 5);
    for (const i of a.index) expect(i).toBeLessThan(a.position.length / 3);
    // a unit-entrance camera's fan starts at its view point (x, −y in scene coordinates)
    const cam = withView.find((d) => d.id.endsWith('-u1-cam'))!;
    const r = a.cameras.get(cam.id)!;
    expect(a.position[r.vertex * 3]).toBeCloseTo(cam.view!.at![0], 3);
    expect(-a.position[r.vertex * 3 + 2]).toBeCloseTo(cam.view!.at![1], 3);
  });
});

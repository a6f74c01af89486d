import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Compound } from '../../models/compound';
import { missingModels } from './modelFiles';

const dir = mkdtempSync(join(tmpdir(), 'twin-models-'));
writeFileSync(join(dir, 'here.glb'), 'glTF');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const doc = (urls: string[]) => ({ id: 'c', buildings: urls.map((url, i) => ({ id: `b${i}`, model: { url, origin: [0, 0, 0], rotationDeg: 0, scale: 1 } })) }) as unknown as Compound;

describe('missingModels', () => {
  it('when every model file is there, then nothing is said', () => {
    expect(missingModels([doc(['/models/here.glb'])], dir)).toEqual([]);
  });
  it('when a file is missing, outside /models/ or climbs out of the folder, then each building is named', () => {
    const out = missingModels([doc(['/models/gone.glb', 'https://cdn.example.com/x.glb', '/models/../secret.glb'])], dir);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^c\/b0: model \/models\/gone\.glb not found/);
    expect(out[1]).toMatch(/^c\/b1: .*not under \/models\//);
    expect(out[2]).toMatch(/^c\/b2: .*not under \/models\//);
  });
});

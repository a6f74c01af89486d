import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Compound } from '../../models/compound';
import { missingModels } from './modelFiles';
import { startTestServer, type TestServer } from '../testing/startTestServer';

const dir = mkdtempSync(join(tmpdir(), 'twin-models-'));
writeFileSync(join(dir, 'here.glb'), 'glTF');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const doc = (urls: string[]) =>
  ({ id: 'c', buildings: urls.map((url, i) => ({ id: `b${i}`, model: { url, origin: [0, 0, 0], rotationDeg: 0, scale: 1 } })) }) as unknown as Compound;

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

describe('GET /models/…', () => {
  let server: TestServer;
  beforeAll(async () => void (server = await startTestServer({ modelsDir: dir })));
  afterAll(() => server?.close());

  it('when the file is there, then a signed-in user gets it', async () => {
    const { headers } = await server.login('officer-yaguang');
    const res = await fetch(`${server.url}/models/here.glb`, { headers });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('glTF');
  });

  it('when the file is missing, then the 404 names what was asked for and no server path', async () => {
    const { headers } = await server.login('officer-yaguang');
    for (const [asked, name] of [
      ['gone.glb', 'gone.glb'],
      ['sub/dir/x%20y.bin', 'sub/dir/x y.bin'],
      ['.hidden', '.hidden'],
    ]) {
      const res = await fetch(`${server.url}/models/${asked}`, { headers });
      const text = await res.text();
      expect(res.status).toBe(404);
      expect(JSON.parse(text)).toEqual({ error: `model file not found: ${name}` });
      expect(text).not.toContain(dir);
      expect(text).not.toMatch(/\/tmp|ENOENT/);
    }
  });
});

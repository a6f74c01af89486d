import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, startTestServer } from './testing/startTestServer';

const tmp = mkdtempSync(join(tmpdir(), 'ct-startup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function compoundsDirWith(mutate: (doc: any) => void, raw?: string): string {
  const dir = mkdtempSync(join(tmp, 'compounds-'));
  const doc = JSON.parse(readFileSync(join(ROOT, 'data/compounds/yaguang-xincun.json'), 'utf8'));
  mutate(doc);
  writeFileSync(join(dir, 'yaguang-xincun.json'), raw ?? JSON.stringify(doc));
  return dir;
}

function runMain(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, SIMULATOR: 'off', PORT: '0', DATA_DIR: join(tmp, 'db-' + Math.random()), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('start-up', () => {
  it('when a compound file has a bad field, then start-up stops and names the file, the field and the problem', () => {
    const dir = compoundsDirWith((d) => (d.buildings[2].floors = 0));
    const r = runMain({ COMPOUNDS_DIR: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/yaguang-xincun\.json: buildings\[2\]\.floors: .*>=\s*1/);
  });

  it('when a compound file is not JSON, then start-up stops and names the file', () => {
    const dir = compoundsDirWith(() => undefined, '{"id": "broken",');
    const r = runMain({ COMPOUNDS_DIR: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/yaguang-xincun\.json: not valid JSON/);
  });

  it('when a device points at a missing building, then the cross-reference is reported', () => {
    const dir = compoundsDirWith((d) => (d.devices.find((x: any) => x.placement.kind === 'building').placement.buildingId = 'b99'));
    const r = runMain({ COMPOUNDS_DIR: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/devices\[\d+\]\.placement\.buildingId: unknown building "b99"/);
  });

  it('when the server restarts on the same data folder, then readings and alarms are still there', async () => {
    const dataDir = join(tmp, 'persist');
    const dir = mkdtempSync(join(tmp, 'c-'));
    cpSync(join(ROOT, 'data/compounds/yaguang-xincun.json'), join(dir, 'yaguang-xincun.json'));
    const first = await startTestServer({ dataDir, compoundsDir: dir });
    const ts = Date.now() - 5_000;
    const res = await fetch(`${first.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': first.key('yaguang-xincun') },
      body: JSON.stringify({
        readings: [
          { deviceId: 'yg-b1-u1-f1-smoke', metric: 'smoke', ts, value: 1 },
          { deviceId: 'yg-b1-em', metric: 'power_kw', ts, value: 4.5 },
        ],
      }),
    });
    expect(await res.json()).toMatchObject({ accepted: 2 });
    await first.close();

    const second = await startTestServer({ dataDir, compoundsDir: dir });
    try {
      const health = await (await fetch(`${second.url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', db: { driver: 'embedded', timescaledb: true } });
      const { headers } = await second.login();
      const dev = await (await fetch(`${second.url}/api/v1/devices/yg-b1-em`, { headers })).json();
      expect(dev.state.values.power_kw).toBe(4.5);
      const alarms = (await (await fetch(`${second.url}/api/v1/alarms?deviceId=yg-b1-u1-f1-smoke`, { headers })).json()) as any[];
      expect(alarms.map((a) => a.ruleId)).toEqual(['smoke.detected']);
      expect(dev.state.status).toBe('online');
    } finally {
      await second.close();
    }
  });
});

// Helpers for the wall and rating browser tests and the wall soak benchmark: the shared client build,
// headless Chromium, and a test server that can be stopped and started again on the same port with the
// same database.
import { resolve } from 'node:path';
import { createApp, type TwinApp } from '../../server/app';
import type { Db } from '../../server/db/db';
import { findChromium, launchBrowser } from './browser';
import { ARTIFACTS, buildClientForTests, ROOT } from './buildClient';

export { ARTIFACTS, ROOT };
export const DEMO_WALL_TOKEN = 'demo-wall-token';
/** Chromium from CHROME_PATH or the system package; null (after a loud warning) when absent. */
export const chromiumPath = findChromium;
/** Headless Chromium with software WebGL and no side traffic. */
export const launchChromium = launchBrowser;

/** The built client (one build per test run, see buildClient.ts); `name` is kept for callers. */
export async function buildClientInto(_name: string): Promise<string> {
  return buildClientForTests();
}

export interface AppOptions {
  db: Db;
  staticDir: string;
  compoundsDir?: string;
  rubricsDir?: string;
  simulator?: { enabled: boolean; rate?: number; tickMs?: number };
  tickMs?: number;
}

/** The app as startTestServer builds it, but on a chosen port (0: any), so it can come back where a browser expects it. */
export async function startAppOn(port: number, o: AppOptions): Promise<{ app: TwinApp; port: number; url: string }> {
  const app = await createApp({
    db: o.db,
    compoundsDir: o.compoundsDir ?? resolve(ROOT, 'data/compounds'),
    rulesFile: resolve(ROOT, 'data/rules/default.json'),
    rubricsDir: o.rubricsDir ?? resolve(ROOT, 'data/rubrics'),
    staticDir: o.staticDir,
    demo: true,
    simulator: o.simulator ?? { enabled: false },
    version: 'test',
    tickMs: o.tickMs ?? 1_000,
    log: () => undefined,
    security: { secret: 'test-secret-that-is-at-least-32-characters-long' },
  });
  const bound = await app.listen(port, '127.0.0.1');
  return { app, port: bound, url: `http://127.0.0.1:${bound}` };
}

/** A normal value for each metric: readings that bring devices online without raising any alarm. */
const CALM: Record<string, number> = {
  smoke: 0,
  smoke_obscuration: 0,
  battery_pct: 95,
  pressure_mpa: 0.35,
  breach: 0,
  door_open: 0,
  passes: 2,
  online: 1,
  motion: 1,
  heartbeat: 1,
  charging: 0,
  power_kw: 0.4,
  energy_kwh: 0.5,
  water_m3: 0.05,
  volume_db: 60,
  vehicles: 1,
  visits: 1,
  temperature_c: 22,
  humidity_pct: 50,
  pm25: 30,
  noise_db: 45,
  occupancy: 0,
};

/** One calm reading for every device of a compound (its first metric), stamped `ts`. */
export function calmReadings(
  devices: readonly { id: string; metrics: readonly string[] }[],
  ts: number,
): { deviceId: string; metric: string; ts: number; value: number }[] {
  return devices.map((d) => ({ deviceId: d.id, metric: d.metrics[0], ts, value: CALM[d.metrics[0]] ?? 0 }));
}

/** Posts readings through the ingest API with the compound's demo key, in batches the API accepts. */
export async function ingest(url: string, compoundId: string, readings: readonly unknown[]): Promise<void> {
  for (let i = 0; i < readings.length; i += 5_000) {
    const res = await fetch(`${url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': `demo-${compoundId}` },
      body: JSON.stringify({ readings: readings.slice(i, i + 5_000) }),
    });
    if (res.status !== 200) throw new Error(`ingest ${compoundId}: HTTP ${res.status} ${await res.text()}`);
  }
}

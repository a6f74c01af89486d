// Helpers for the wall and rating browser tests and the wall soak benchmark: a client build of their
// own (never dist/client, never another suite's folder), headless Chromium, and a test server that can
// be stopped and started again on the same port with the same database.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { createApp, type TwinApp } from '../../server/app';
import type { Db } from '../../server/db/db';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ARTIFACTS = resolve(ROOT, 'test-artifacts');
export const DEMO_WALL_TOKEN = 'demo-wall-token';

/** Chromium from CHROME_PATH or the system package; null (after a loud warning) when absent. Never downloads one. */
export function chromiumPath(): string | null {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return path;
  console.warn(`\n*** Browser tests SKIPPED: no Chromium at ${path}. Install it (apt-get install -y chromium fonts-noto-cjk) or set CHROME_PATH. ***\n`);
  return null;
}

/** Headless Chromium with software WebGL and no side traffic. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

/** Builds the client (production React) into test-artifacts/<name>; returns the folder. */
export async function buildClientInto(name: string): Promise<string> {
  const outDir = resolve(ARTIFACTS, name);
  mkdirSync(ARTIFACTS, { recursive: true });
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: resolve(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = env;
  }
  if (!existsSync(resolve(outDir, 'index.html'))) throw new Error(`client build left no index.html in ${outDir}`);
  return outDir;
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
  smoke: 0, smoke_obscuration: 0, battery_pct: 95, pressure_mpa: 0.35, breach: 0, door_open: 0, passes: 2, online: 1, motion: 1, heartbeat: 1, charging: 0,
  power_kw: 0.4, energy_kwh: 0.5, water_m3: 0.05, volume_db: 60, vehicles: 1, visits: 1, temperature_c: 22, humidity_pct: 50, pm25: 30, noise_db: 45, occupancy: 0,
};

/** One calm reading for every device of a compound (its first metric), stamped `ts`. */
export function calmReadings(devices: readonly { id: string; metrics: readonly string[] }[], ts: number): { deviceId: string; metric: string; ts: number; value: number }[] {
  return devices.map((d) => ({ deviceId: d.id, metric: d.metrics[0], ts, value: CALM[d.metrics[0]] ?? 0 }));
}

/** Posts readings through the ingest API with the compound's demo key, in batches the API accepts. */
export async function ingest(url: string, compoundId: string, readings: readonly unknown[]): Promise<void> {
  for (let i = 0; i < readings.length; i += 5_000) {
    const res = await fetch(`${url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': `demo-${compoundId}` }, body: JSON.stringify({ readings: readings.slice(i, i + 5_000) }) });
    if (res.status !== 200) throw new Error(`ingest ${compoundId}: HTTP ${res.status} ${await res.text()}`);
  }
}

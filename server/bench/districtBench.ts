// District render benchmark (issue 15): 20 compounds of 5,000 devices each (100,000 devices) at different
// real coordinates around Wuhan, opened in /district in headless Chromium; the draw calls of one frame.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Compound } from '../../models/compound';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { makeStressCompound } from '../tools/stressCompound';
import { findChromium, launchBrowser } from '../../client/e2e/browser';
import { benchClientBuild } from './clientBuild';
import { report } from './report';
import { importGeojson } from '../import/importGeojson';
import { districtGeojson } from '../import/fixtures/district';

const log = (s: string) => process.stderr.write(`[bench] district: ${s}\n`);

/** `count` stress compounds of `devices` devices each, on a grid of real places 20–60 km apart (device ids prefixed by compound). */
export function districtCompounds(count: number, devices: number, buildings = 50): Compound[] {
  const cols = Math.ceil(Math.sqrt(count));
  return Array.from({ length: count }, (_, i) => {
    const id = `district-${String(i + 1).padStart(2, '0')}`;
    const c = makeStressCompound({ buildings, devices, id, seed: i + 1 });
    c.origin = { lat: 30.15 + Math.floor(i / cols) * 0.16, lon: 114.0 + (i % cols) * 0.21 };
    c.name = `片区测试小区 ${i + 1}`;
    c.nameEn = `District test ${i + 1}`;
    for (const d of c.devices) d.id = `${id}-${d.id}`;
    return c;
  });
}

/** render_draw_calls_district: /district with every compound framed, as the admin sees it (target ≤ 80). */
export async function districtBench(opts: { compounds?: number; devicesEach?: number } = {}): Promise<void> {
  const n = opts.compounds ?? 20;
  const each = opts.devicesEach ?? 5_000;
  const t0 = Date.now();
  const chrome = findChromium();
  if (!chrome) {
    log('SKIPPED: no Chromium');
    return;
  }
  const dist = await benchClientBuild();
  const dir = mkdtempSync(join(tmpdir(), 'twin-district-'));
  for (const c of districtCompounds(n, each)) writeFileSync(join(dir, `${c.id}.json`), JSON.stringify(c));
  let srv: TestServer | null = null;
  const browser = await launchBrowser(chrome);
  try {
    srv = await startTestServer({ staticDir: dist, compoundsDir: dir });
    log(`${n} compounds / ${n * each} devices loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await ctx.addCookies([{ name: 'ct_session', value: (await srv.login('admin')).token, url: srv.url }]);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    const t1 = Date.now();
    await page.goto(`${srv.url}/district`);
    await page.waitForFunction((k) => !!window.__district && window.__district.compounds.length === k && window.__district.frames > 4, n, {
      timeout: 120_000,
      polling: 100,
    });
    const f = await page.evaluate(() => window.__district!.frames);
    await page.waitForFunction((f0) => window.__district!.frames >= f0 + 3, f, { timeout: 60_000 });
    const figures = await page.evaluate(() => ({ drawCalls: window.__district!.drawCalls, triangles: window.__district!.triangles }));
    log(`drawn after ${Date.now() - t1} ms`);
    report('render_draw_calls_district', figures.drawCalls, 'calls', {
      target: 80,
      compounds: n,
      devices: n * each,
      buildings: n * 50,
      triangles: figures.triangles,
      viewport: '1280×720',
    });
  } finally {
    await browser.close();
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
    log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

/**
 * render_draw_calls_import5000: the 5,000-building district import (the import bench's fixture, default kit:
 * ~165,000 devices) opened in the console as an officer would, framed whole; its draw calls (budget as the
 * console's, render_draw_calls) and the time to the first drawn frame.
 */
export async function importedDistrictRenderBench(): Promise<void> {
  const t0 = Date.now();
  const chrome = findChromium();
  if (!chrome) {
    log('SKIPPED: no Chromium');
    return;
  }
  const dist = await benchClientBuild();
  const dir = mkdtempSync(join(tmpdir(), 'twin-import5000-'));
  const { compound } = importGeojson(districtGeojson(5_000), { id: 'import-5000', name: '光谷五千栋' });
  writeFileSync(join(dir, `${compound.id}.json`), JSON.stringify(compound));
  let srv: TestServer | null = null;
  const browser = await launchBrowser(chrome);
  try {
    srv = await startTestServer({ staticDir: dist, compoundsDir: dir });
    log(`5,000 buildings / ${compound.devices.length} devices loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await ctx.addCookies([{ name: 'ct_session', value: (await srv.login('admin')).token, url: srv.url }]);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    const t1 = Date.now();
    await page.goto(`${srv.url}/?compound=${compound.id}`);
    await page.waitForFunction(() => !!window.__twin && window.__twin.frames > 4 && window.__twin.drawCalls > 3, null, { timeout: 180_000, polling: 100 });
    const firstFrameMs = Date.now() - t1;
    const f = await page.evaluate(() => window.__twin!.frames);
    await page.waitForFunction((f0) => window.__twin!.frames >= f0 + 10, f, { timeout: 120_000 });
    const figures = await page.evaluate(() => ({ drawCalls: window.__twin!.drawCalls, triangles: window.__twin!.triangles, fps: window.__twin!.fps }));
    report('render_draw_calls_import5000', figures.drawCalls, 'calls', {
      target: 150,
      buildings: compound.buildings.length,
      devices: compound.devices.length,
      triangles: figures.triangles,
      fps_swiftshader: figures.fps,
      first_frame_ms: firstFrameMs,
      viewport: '1920×1080',
    });
  } finally {
    await browser.close();
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
    log(`import5000 render done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

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

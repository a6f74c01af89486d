// Render benchmark (issue 4): draw calls of both demo compounds and of a 200-building / 20,000-device
// compound with every console overlay on, software-WebGL fps on the big one, time to the first drawn
// frame, and the gzip size of the JS the page loads before anything else.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { insertReadingsRaw, refreshAggregates } from '../db/readings.repo';
import { isHouseholdMeter } from '../energy/energyItems';
import { isAggregateMeter } from '../kpi/kpi.service';
import { ROOT, startTestServer, type TestServer } from '../testing/startTestServer';
import { makeStressCompound } from '../tools/stressCompound';
import { benchClientBuild } from './clientBuild';
import { report } from './report';

const DEMOS = ['yaguang-xincun', 'sanhe-guanggu'];
const H = 3_600_000;
const log = (s: string) => process.stderr.write(`[bench] render: ${s}\n`);

/** kB (gzip) of the scripts and module preloads index.html names: what loads before the first frame. */
export function initialJsGzipKb(dist: string): { kb: number; files: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g),
  ].map((m) => m[1] ?? m[2] ?? m[3]);
  const files = [...new Set(refs)].filter((r) => r.endsWith('.js'));
  const bytes = files.reduce((s, f) => s + gzipSync(readFileSync(join(dist, f.replace(/^\//, '')))).length, 0);
  return { kb: bytes / 1024, files: files.length };
}

/**
 * Hourly energy history straight into storage (no alarm engine): `days` of building-meter readings, the
 * `outlierBuilding` using 2.2 times its usual over the last day (a heatmap outlier), and optionally that
 * building's household sub-meters over the last day (figures for its unit-floor cells).
 */
export async function seedEnergyHistory(srv: TestServer, compoundId: string, o: { days: number; outlierBuilding: string; households: boolean }): Promise<void> {
  const devices = srv.app.twins.get(compoundId)!.entry.doc.devices;
  const cols = { ts: [] as number[], deviceIds: [] as string[], metrics: [] as string[], values: [] as number[] };
  const now = Date.now();
  const last = now - (now % H) - H / 2;
  const put = (id: string, from: number, value: (t: number) => number) => {
    for (let t = from; t <= last; t += H) (cols.ts.push(t), cols.deviceIds.push(id), cols.metrics.push('energy_kwh'), cols.values.push(value(t)));
  };
  const inBuilding = (d: (typeof devices)[number], b: string) => d.placement.kind === 'building' && d.placement.buildingId === b;
  devices
    .filter((d) => isAggregateMeter(d, 'energy_kwh'))
    .forEach((d, i) => {
      const k = inBuilding(d, o.outlierBuilding) ? 2.2 : 1;
      put(d.id, last - o.days * 24 * H, (t) => (0.6 + (i % 5) * 0.5) * (now - t < 24 * H ? k : 1) * (0.95 + ((t / H) % 7) * 0.015));
    });
  if (o.households)
    devices
      .filter((d) => isHouseholdMeter(d, 'energy_kwh') && inBuilding(d, o.outlierBuilding))
      .forEach((d, i) => put(d.id, last - 24 * H, () => 0.05 + (i % 9) * 0.04));
  await insertReadingsRaw(srv.db, cols);
  await refreshAggregates(srv.db, 24 * (o.days + 2));
}

/** Something for every overlay to draw: an active critical alarm and an open work order (and energy history on Yaguang, with an outlier). */
async function seedOverlays(srv: TestServer, compoundId: string, energy: boolean): Promise<void> {
  const doc = srv.app.twins.get(compoundId)!.entry.doc;
  const hydrant = doc.devices.find((d) => d.type === 'hydrant_pressure')!;
  const now = Date.now();
  const res = await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': srv.key(compoundId) },
    body: JSON.stringify({ readings: [now - 61_000, now - 30_000, now].map((ts) => ({ deviceId: hydrant.id, metric: 'pressure_mpa', ts, value: 0.05 })) }),
  });
  if (res.status !== 200) throw new Error(`render bench: ingest ${compoundId} → ${res.status}`);
  const { headers } = await srv.login('admin');
  const other = doc.devices.find((d) => d.type === 'smoke_detector') ?? hydrant;
  const wo = await fetch(`${srv.url}/api/v1/work-orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ compoundId, deviceId: other.id, title: 'bench', category: 'repair' }),
  });
  if (wo.status !== 201) throw new Error(`render bench: work order ${compoundId} → ${wo.status}`);
  if (energy) await seedEnergyHistory(srv, compoundId, { days: 3, outlierBuilding: 'b1', households: false });
}

/** Records when the first frame with the scene in it was drawn (ms since navigation start). */
const FIRST_FRAME_PROBE = `(() => {
  const tick = () => {
    const p = window.__twin;
    if (p && p.drawCalls > 3) { window.__firstFrameMs = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

interface Opened {
  firstFrameMs: number;
  drawCalls: number;
  /** What the overlays drew: alarm markers, work-order pins, heatmap cells and outliers. */
  drawn: string;
}

/** Opens the console on a compound, turns every overlay on, and reads the figures once the overlays draw. */
async function openWithOverlays(page: Page, url: string, compoundId: string, timeoutMs: number): Promise<Opened> {
  const t = Date.now();
  const poll = { timeout: timeoutMs, polling: 100 };
  await page.goto(`${url}/?compound=${compoundId}`);
  await page.waitForFunction(() => typeof (window as { __firstFrameMs?: number }).__firstFrameMs === 'number', null, poll);
  const firstFrameMs = await page.evaluate(() => (window as unknown as { __firstFrameMs: number }).__firstFrameMs);
  const t1 = Date.now();
  // a plain DOM click: no waiting for the element to hold still over frames (slow frames in software GL)
  await page.waitForFunction(
    () => {
      const b = document.querySelector<HTMLButtonElement>('[data-testid="overlay-heatmap"]');
      if (b && b.getAttribute('aria-pressed') !== 'true') b.click();
      const o = window.__twin?.overlays;
      return !!o && o.alarmMarkers > 0 && o.workOrderPins > 0 && o.heatCells > 0;
    },
    null,
    poll,
  );
  // two frames after the overlays changed, so the renderer's figures include them
  const f0 = await page.evaluate(() => window.__twin!.frames);
  await page.waitForFunction((f) => window.__twin!.frames >= f + 2, f0, poll);
  log(`${compoundId}: first frame after ${t1 - t} ms here, overlays drawn ${Date.now() - t1} ms later`);
  return page.evaluate((ff) => {
    const o = window.__twin!.overlays;
    return {
      firstFrameMs: ff,
      drawCalls: window.__twin!.drawCalls,
      drawn: `${o.alarmMarkers} alarm markers, ${o.workOrderPins} pins, ${o.heatCells} heat cells (${o.heatOutliers} outliers)`,
    };
  }, firstFrameMs);
}

/** Frames per second over `seconds`, from the probe's frame counter. */
async function sampleFps(page: Page, seconds: number): Promise<number> {
  const a = await page.evaluate(() => ({ f: window.__twin!.frames, t: performance.now() }));
  await page.waitForTimeout(seconds * 1000);
  const b = await page.evaluate(() => ({ f: window.__twin!.frames, t: performance.now() }));
  return ((b.f - a.f) * 1000) / (b.t - a.t);
}

/**
 * render_draw_calls_demo (max of both demos), render_draw_calls_stress (200 buildings / 20,000 devices),
 * render_fps_software_stress (SwiftShader: a trend, not a promise), render_first_frame_ms (Yaguang, localhost),
 * client_js_gzip_kb. Every overlay is on: alarm markers, work-order pins, energy heatmap.
 */
export async function renderBench(opts: { quick: boolean }): Promise<void> {
  const t0 = Date.now();
  const dist = await benchClientBuild();
  const js = initialJsGzipKb(dist);
  report('client_js_gzip_kb', js.kb, 'kB', { files: js.files, target: 450 });
  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(chrome)) {
    log(`SKIPPED the browser figures: no Chromium at ${chrome} (set CHROME_PATH or install chromium)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'twin-render-'));
  for (const id of DEMOS) copyFileSync(resolve(ROOT, 'data/compounds', `${id}.json`), join(dir, `${id}.json`));
  writeFileSync(join(dir, 'stress.json'), JSON.stringify(makeStressCompound({ buildings: 200, devices: 20_000 })));
  let srv: TestServer | null = null;
  let browser: Browser | null = null;
  try {
    srv = await startTestServer({ staticDir: dist, compoundsDir: dir });
    for (const id of [...DEMOS, 'stress']) await seedOverlays(srv, id, id === DEMOS[0]);
    log(`build, server and seed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    browser = await chromium.launch({
      executablePath: chrome,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
      ],
    });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await ctx.addCookies([{ name: 'ct_session', value: (await srv.login('admin')).token, url: srv.url }]);
    await ctx.addInitScript(FIRST_FRAME_PROBE);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    const demo: Record<string, Opened> = {};
    for (const id of DEMOS) demo[id] = await openWithOverlays(page, srv.url, id, 60_000);
    const worst = Math.max(...DEMOS.map((id) => demo[id].drawCalls));
    report('render_draw_calls_demo', worst, 'calls', {
      target: 80,
      ...Object.fromEntries(DEMOS.map((id) => [id, `${demo[id].drawCalls} calls; ${demo[id].drawn}`])),
    });
    const stress = await openWithOverlays(page, srv.url, 'stress', 120_000);
    report('render_draw_calls_stress', stress.drawCalls, 'calls', { target: 150, buildings: 200, devices: 20_000, overlays: stress.drawn });
    const fps = await sampleFps(page, opts.quick ? 2 : 10);
    report('render_fps_software_stress', fps, 'fps', { renderer: 'SwiftShader (software WebGL), 1280×720; trend only', seconds: opts.quick ? 2 : 10 });
    report('render_first_frame_ms', demo[DEMOS[0]].firstFrameMs, 'ms', {
      compound: DEMOS[0],
      from: 'navigation start',
      to: 'first frame with the scene drawn',
      viewport: '1280×720',
      sanhe: Math.round(demo[DEMOS[1]].firstFrameMs),
      stress: Math.round(stress.firstFrameMs),
      renderer: 'SwiftShader',
    });
  } finally {
    await browser?.close();
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
    log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

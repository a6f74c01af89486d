import type { CDPSession } from 'playwright-core';
import { chromiumPath, DEMO_WALL_TOKEN, launchChromium, startAppOn } from '../../client/e2e/wallKit';
import { openDb } from '../db/openDb';
import { benchClientBuild } from './clientBuild';
import { report, sleep } from './report';

const Y = 'yaguang-xincun';
const MB = 1024 * 1024;

export interface WallSoakOptions {
  /** Seconds the wall runs before the baseline is taken (first paint, caches, the first patrol round). */
  warmupS: number;
  /** Seconds of accelerated traffic between the baseline and the final measurement. */
  runS: number;
  /** Simulator speed-up: devices report this many times faster than their nominal interval. */
  simRate: number;
}

/** JS heap in use after a forced full GC (twice: the second pass collects what finalizers freed). */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * wall_heap_growth_mb: the wall display left running against a server whose simulator plays both demo
 * compounds at `simRate`× (readings, status flips, random alarms pre-empting a fast patrol). The page's
 * JS heap after forced GC at the end of the run, minus the same after warm-up. An unattended wall runs
 * for days, so anything that grows per event (ticker, alarm lists, listeners, geometry) shows here.
 */
export async function wallSoakBench(opts: WallSoakOptions): Promise<void> {
  const chrome = chromiumPath();
  if (!chrome) {
    process.stderr.write('[bench] wall soak SKIPPED: no Chromium (set CHROME_PATH or install chromium)\n');
    return;
  }
  const staticDir = await benchClientBuild();
  const db = await openDb({});
  const { app, url } = await startAppOn(0, { db, staticDir, simulator: { enabled: true, rate: opts.simRate, tickMs: 1_000 } });
  const browser = await launchChromium(chrome);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (e) => process.stderr.write(`[bench] wall page error: ${e.message}\n`));
    // a short stop and dwell: the patrol and its camera work all the time
    await page.goto(`${url}/wall?compound=${Y}&token=${DEMO_WALL_TOKEN}&stop=3&dwell=4`);
    await page.waitForFunction(() => !!window.__twin && window.__twin.frames > 4 && window.__twin.drawCalls > 3, null, { timeout: 60_000 });
    await page.getByTestId('connection-status').and(page.locator('[data-state="live"]')).waitFor({ timeout: 30_000 });
    const cdp = await page.context().newCDPSession(page);
    await sleep(opts.warmupS * 1000);
    const sentBefore = app.simulator?.sent ?? 0;
    const framesBefore = await page.evaluate(() => window.__twin!.frames);
    const patrolBefore = await page.evaluate(() => window.__wall?.rev ?? 0);
    const baseline = await heapAfterGc(cdp);
    const t0 = Date.now();
    const sampleEvery = Math.max(5, Math.round(opts.runS / 10)) * 1000;
    while (Date.now() - t0 < opts.runS * 1000) {
      await sleep(Math.min(sampleEvery, opts.runS * 1000 - (Date.now() - t0)));
      if (opts.runS >= 60) {
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        process.stderr.write(`[bench] wall soak ${Math.round((Date.now() - t0) / 1000)} s: heap ${(usedSize / MB).toFixed(1)} MB (before GC)\n`);
      }
    }
    const durationS = (Date.now() - t0) / 1000;
    const after = await heapAfterGc(cdp);
    const frames = (await page.evaluate(() => window.__twin!.frames)) - framesBefore;
    const patrolChanges = (await page.evaluate(() => window.__wall?.rev ?? 0)) - patrolBefore;
    report('wall_heap_growth_mb', (after - baseline) / MB, 'MB', {
      duration_s: Math.round(durationS),
      warmup_s: opts.warmupS,
      baseline_mb: Math.round((baseline / MB) * 10) / 10,
      after_mb: Math.round((after / MB) * 10) / 10,
      sim_rate: opts.simRate,
      readings: (app.simulator?.sent ?? 0) - sentBefore,
      frames,
      patrol_changes: patrolChanges,
    });
  } finally {
    await browser.close();
    await app.close();
    await db.close();
  }
}

// The wall's trend charts in real headless Chromium against a real server: energy by hour today against
// yesterday and alarms per hour over 7 days by severity, drawn by ECharts (lazily loaded) from the
// compound's hourly routes, fitted in the wall's columns at 1920×1080 and 3840×2160 without overflow.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Severity } from '../../models/alarm';
import type { Db } from '../../server/db/db';
import { insertAlarm } from '../../server/db/alarms.repo';
import { openDb } from '../../server/db/openDb';
import { insertReadingsRaw, refreshAggregates } from '../../server/db/readings.repo';
import { isAggregateMeter } from '../../server/kpi/kpi.service';
import type { TwinApp } from '../../server/app';
import { ARTIFACTS, DEMO_WALL_TOKEN, buildClientInto, calmReadings, chromiumPath, ingest, launchChromium, startAppOn } from './wallKit';

const chrome = chromiumPath();
const Y = 'yaguang-xincun';
const HOUR = 3_600_000;
const SEVS: Severity[] = ['critical', 'major', 'minor', 'warning'];

describe.skipIf(!chrome)('wall trend charts in Chromium', () => {
  let db: Db;
  let app: TwinApp;
  let url: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let alarmsWritten = 0;

  beforeAll(async () => {
    mkdirSync(join(ARTIFACTS, 'issue13'), { recursive: true });
    const staticDir = await buildClientInto('e2e-wall-trends-dist');
    db = await openDb({});
    ({ app, url } = await startAppOn(0, { db, staticDir }));
    const devices = app.twins.get(Y)!.entry.doc.devices;
    await ingest(url, Y, calmReadings(devices, Date.now()));
    // two days of the compound meters' use, every 15 minutes
    const meters = devices.filter((d) => d.placement.kind === 'building' && isAggregateMeter(d, 'energy_kwh')).map((d) => d.id);
    const now = Date.now();
    const cols = { ts: [] as number[], deviceIds: [] as string[], metrics: [] as string[], values: [] as number[] };
    for (let t = now - 50 * HOUR; t < now; t += 15 * 60_000)
      for (const id of meters) (cols.ts.push(t), cols.deviceIds.push(id), cols.metrics.push('energy_kwh'), cols.values.push(2 + Math.sin(t / (4 * HOUR))));
    await insertReadingsRaw(db, cols);
    await refreshAggregates(db, 72);
    // alarms of every severity spread over the week
    const d = devices[0];
    for (let i = 0; i < 40; i++) {
      await insertAlarm(db, {
        compoundId: Y,
        deviceId: d.id,
        deviceType: d.type,
        buildingId: d.placement.kind === 'building' ? d.placement.buildingId : null,
        ruleId: `e2e.trend-${i}`,
        severity: SEVS[i % 4],
        message: { zh: '测试', en: 'test' },
        value: null,
        at: now - (i * 4 + 1) * HOUR,
      });
      alarmsWritten++;
    }
    browser = await launchChromium(chrome!);
    ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    page = await ctx.newPage();
    page.on('pageerror', (e) => console.warn(`[page] ${e.message}`));
    await page.goto(`${url}/wall?compound=${Y}&token=${DEMO_WALL_TOKEN}&lang=zh-CN`);
    await page.waitForFunction(() => !!window.__twin && window.__twin.frames > 2, null, { timeout: 90_000 });
  }, 240_000);

  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it("when the wall is open, then the energy chart draws today's and yesterday's hours and the alarm chart 168 hours of every severity on a canvas", async () => {
    const energy = page.getByTestId('wall-energy-trend');
    await expect.poll(async () => Number(await energy.getAttribute('data-yesterday-points')), { timeout: 30_000 }).toBe(24);
    expect(Number(await energy.getAttribute('data-today-points'))).toBeGreaterThan(0);
    expect(await energy.getAttribute('data-time-zone')).toBe('Asia/Shanghai');
    await page.getByTestId('wall-energy-echart').locator('canvas').first().waitFor({ timeout: 30_000 });

    const alarms = page.getByTestId('wall-alarm-trend');
    await expect.poll(async () => Number(await alarms.getAttribute('data-points')), { timeout: 30_000 }).toBe(168);
    expect(Number(await alarms.getAttribute('data-total'))).toBe(alarmsWritten);
    await page.getByTestId('wall-alarms-echart').locator('canvas').first().waitFor({ timeout: 30_000 });

    // the canvases are really drawn on (not blank), and sized to their panels
    for (const id of ['wall-energy-echart', 'wall-alarms-echart']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box!.height, `${id} height`).toBeGreaterThan(60);
      const painted = await page
        .getByTestId(id)
        .locator('canvas')
        .first()
        .evaluate((c: HTMLCanvasElement) => {
          const g = c.getContext('2d')!;
          const px = g.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < px.length; i += 16) if (px[i] > 0) n++;
          return n;
        });
      expect(painted, `${id} painted pixels`).toBeGreaterThan(500);
    }
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(ARTIFACTS, 'issue13', 'wall-trends-e2e-1920.png') });
  }, 90_000);

  it('when the wall is 1920×1080 or 3840×2160, then no panel overflows and the charts keep their share of the columns', async () => {
    for (const [width, height] of [
      [3840, 2160],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(2000);
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll('.wall-panel')].filter((el) => el.scrollHeight > el.clientHeight + 1).map((el) => el.getAttribute('data-testid')),
      );
      expect(clipped, `panels whose content overflows at ${width}×${height}`).toEqual([]);
      const fit = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
      expect(fit.w).toBeLessThanOrEqual(width);
      expect(fit.h).toBeLessThanOrEqual(height);
      for (const id of ['wall-energy-echart', 'wall-alarms-echart']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box.height, `${id} at ${width}×${height}`).toBeGreaterThan(height * 0.055);
        const canvas = (await page.getByTestId(id).locator('canvas').first().boundingBox())!;
        expect(Math.abs(canvas.height - box.height), `${id} canvas follows its box`).toBeLessThan(3);
      }
    }
  }, 60_000);
});

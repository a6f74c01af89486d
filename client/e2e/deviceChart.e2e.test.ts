// Browser test of issue 13's device chart (Apache ECharts) in real headless Chromium against a real test
// server: a hydrant with a low-pressure episode opens on pressure with its rules' threshold lines and the
// alarm as a band, drawn on a canvas, and takes live readings without React; a smoke detector opens on
// its battery, and on smoke once it is in smoke alarm.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../models/alarm';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { findChromium, launchBrowser, waitForScene } from './browser';
import { ARTIFACTS, buildClientForTests } from './buildClient';

const chromePath = findChromium();
const Y = 'yaguang-xincun';
const HYDRANT = 'yg-b4-u1-f7-hydrant';
const SMOKE = 'yg-b4-u1-f3-smoke';
const MIN = 60_000;

describe.skipIf(!chromePath)('device chart in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const ingest = async (deviceId: string, metric: string, readings: { ts: number; value: number }[]) => {
    const res = await fetch(`${server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.key(Y) },
      body: JSON.stringify({ readings: readings.map((r) => ({ deviceId, metric, ...r })) }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`, { headers: (await server.login('officer-yaguang')).headers })).json();
  const chart = () => page.getByTestId('series-chart');
  /** Share of the chart canvas's pixels that are drawn (not transparent), read in the page. */
  const inked = () =>
    page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="series-chart"] canvas');
      if (!c || !c.width || !c.height) return 0;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n / (d.length / 4);
    });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const staticDir = await buildClientForTests();
    server = await startTestServer({ staticDir });
    browser = await launchBrowser(chromePath!);
    const now = Date.now();
    // two hours of a hydrant: steady 0.35 MPa, a six-minute dip to 0.1 (a low-pressure alarm that returns), silence, then back
    const readings: { ts: number; value: number }[] = [];
    for (let t = now - 120 * MIN; t < now - 2 * MIN; t += MIN) {
      if (t > now - 80 * MIN && t < now - 40 * MIN) continue; // offline for 40 minutes: a gap, not a bridge
      const dip = t > now - 30 * MIN && t < now - 24 * MIN;
      readings.push({ ts: t, value: dip ? 0.1 : 0.35 + 0.02 * Math.sin(t / 600_000) });
    }
    await ingest(HYDRANT, 'pressure_mpa', readings);
    await ingest(SMOKE, 'battery_pct', [
      { ts: now - 60 * MIN, value: 87 },
      { ts: now - 30 * MIN, value: 86 },
    ]);

    ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const auth = await server.login('officer-yaguang');
    await ctx.addCookies([{ name: 'ct_session', value: auth.token, url: server.url }]);
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/`);
    await waitForScene(page);
  }, 300_000);

  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await server?.close();
  });

  const openDevice = async (id: string) => {
    await page.getByTestId('search-input').fill(id);
    await page.getByTestId('search-results').waitFor();
    await page.getByTestId('search-input').press('Enter');
    await expect.poll(() => page.getByTestId('device-panel').getAttribute('data-device-id'), { timeout: 60_000 }).toBe(id);
  };

  it('when a hydrant with a low-pressure episode is opened, then the chart draws pressure on a canvas with its threshold lines and the alarm as a band', async () => {
    await expect
      .poll(async () => ((await api(`/alarms?deviceId=${HYDRANT}&state=all`)) as Alarm[]).some((a) => a.ruleId === 'hydrant.low_pressure'), { timeout: 30_000 })
      .toBe(true);
    await openDevice(HYDRANT);
    await chart().waitFor({ timeout: 90_000 });
    expect(await chart().getAttribute('data-metric')).toBe('pressure_mpa');
    expect(await chart().getAttribute('data-kind')).toBe('line');
    expect(await chart().getAttribute('data-thresholds')).toBe('0.15,1.2');
    expect((await chart().getAttribute('data-bands'))?.split(',')).toContain('critical');
    await expect.poll(inked, { timeout: 60_000 }).toBeGreaterThan(0.03);
    // the crosshair tooltip gives the time in the compound's zone and the value with its unit
    const box = (await chart().locator('canvas').first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.45);
    await expect.poll(() => chart().innerText(), { timeout: 10_000 }).toMatch(/MPa/);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-device-chart-hydrant.png'), timeout: 90_000 });
    await page.mouse.move(10, 10);
  }, 240_000);

  it('when a reading arrives, then the chart takes it without re-creating the chart', async () => {
    const canvas = await chart().locator('canvas').first().elementHandle();
    await ingest(HYDRANT, 'pressure_mpa', [{ ts: Date.now(), value: 0.42 }]);
    await expect.poll(() => chart().getAttribute('data-live'), { timeout: 60_000 }).toBe('1');
    expect(await canvas.evaluate((el) => el.isConnected)).toBe(true);
  }, 120_000);

  it('when the 7-day range is picked, then the chart reloads with the thresholds still there', async () => {
    // a click without Playwright's stability wait: on a loaded machine the 3D scene makes frames slow
    await page.getByTestId('range-7d').dispatchEvent('click');
    await expect.poll(() => page.getByTestId('range-7d').getAttribute('class'), { timeout: 30_000 }).toBe('on');
    await expect.poll(() => chart().getAttribute('data-points'), { timeout: 60_000 }).not.toBe('');
    await chart().waitFor({ timeout: 60_000 });
    expect(await chart().getAttribute('data-thresholds')).toBe('0.15,1.2');
  }, 180_000);

  it('when a smoke detector is opened, then it opens on its battery; once in smoke alarm, on smoke as steps', async () => {
    await openDevice(SMOKE);
    await expect.poll(() => chart().getAttribute('data-metric'), { timeout: 30_000 }).toBe('battery_pct');
    expect(await chart().getAttribute('data-thresholds')).toBe('20');
    await ingest(SMOKE, 'smoke', [{ ts: Date.now() - 5_000, value: 1 }]);
    await expect.poll(() => chart().getAttribute('data-metric'), { timeout: 30_000 }).toBe('smoke');
    expect(await chart().getAttribute('data-kind')).toBe('step');
    expect(await chart().getAttribute('data-thresholds')).toBe('');
    await expect.poll(inked, { timeout: 60_000 }).toBeGreaterThan(0.01);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});

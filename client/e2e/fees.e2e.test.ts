// Browser test of issue 18's collection-rate overlay (缴费率), in real headless Chromium against a real
// test server with the demo bills: the heatmap's metric switched to fee_rate tints each building by its
// rate (red low → green high), the legend is in %, the ranking lists the lowest rates with their arrears.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeeSummary } from '../../models/fees';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { findChromium, launchBrowser, waitForScene } from './browser';
import { ARTIFACTS, buildClientForTests } from './buildClient';

const chromePath = findChromium();
const Y = 'yaguang-xincun';
const probe = (page: Page) => page.evaluate(() => window.__twin!.overlays.heatCells);

/** Mean RGB of a 7×7 patch around each point, from a real screenshot decoded in the page. */
async function pixels(page: Page, points: { x: number; y: number }[]): Promise<number[][]> {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(
    async ([b64, pts]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = new OffscreenCanvas(img.width, img.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return pts.map((p) => {
        const d = ctx.getImageData(Math.round(p.x) - 3, Math.round(p.y) - 3, 7, 7).data;
        const s = [0, 0, 0];
        for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) s[k] += d[i + k];
        return s.map((v) => v / (d.length / 4));
      });
    },
    [png, points] as const,
  );
}

describe.skipIf(!chromePath)('collection-rate overlay in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`, { headers: (await server.login('officer-yaguang')).headers })).json();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer({ staticDir: await buildClientForTests() });
    browser = await launchBrowser(chromePath!);
    ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const auth = await server.login('officer-yaguang');
    await ctx.addCookies([{ name: 'ct_session', value: auth.token, url: server.url }]);
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/`);
    await waitForScene(page);
  }, 240_000);

  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await server?.close();
  });

  it('when the heatmap shows the collection rate, then buildings are tinted by rate, red low and green high, as the API says', async () => {
    await page.getByTestId('overlay-heatmap').click();
    await page.getByTestId('heatmap-legend').waitFor();
    const answer = page.waitForResponse((r) => /\/fees(\?|$)/.test(r.url()));
    await page.getByTestId('heat-metric-fee_rate').click();
    const body = (await (await answer).json()) as FeeSummary;
    const independent = (await api(`/compounds/${Y}/fees`)) as FeeSummary;
    expect(body.items).toEqual(independent.items);
    const legend = page.locator('[data-testid="heatmap-legend"][data-metric="fee_rate"]');
    await legend.waitFor();
    expect(await legend.locator('.unit').first().textContent()).toBe('%');
    await expect.poll(() => probe(page), { timeout: 10_000 }).toBe(body.items.length);

    // the ranking: lowest rate first, with its households in arrears
    const byRate = [...body.items].sort((a, b) => a.rate! - b.rate! || (a.buildingId < b.buildingId ? -1 : 1));
    const first = page.locator('[data-testid="heatmap-ranking"] li').first();
    await expect.poll(() => first.getAttribute('data-building-id')).toBe(byRate[0].buildingId);
    expect(Number(await first.getAttribute('data-value'))).toBe(Math.round(byRate[0].rate! * 1000) / 10);
    expect(Number(await first.getAttribute('data-arrears'))).toBe(byRate[0].arrearsHouseholds);

    // the shells: the lowest-rate building reads red, the highest green (sampled on their roofs)
    const low = byRate[0].buildingId;
    const high = byRate[byRate.length - 1].buildingId;
    expect(byRate[0].rate!).toBeLessThan(0.8);
    expect(byRate[byRate.length - 1].rate!).toBeGreaterThan(0.93);
    const at = await page.evaluate(([a, b]) => [window.__twin!.screenPosition('building', a), window.__twin!.screenPosition('building', b)], [
      low,
      high,
    ] as const);
    expect(at[0] && at[1]).toBeTruthy();
    // a little below the roof point: the roof's own face
    const [lowRgb, highRgb] = await pixels(
      page,
      at.map((p) => ({ x: p!.x, y: p!.y })),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-fees-collection-rate.png') });
    expect(lowRgb[0], `low-rate ${low} rgb ${lowRgb}`).toBeGreaterThan(lowRgb[1] + 20);
    expect(highRgb[1], `high-rate ${high} rgb ${highRgb}`).toBeGreaterThan(highRgb[0] + 20);

    // another month from the picker: the API's figures for it
    const month = body.months[0];
    const next = page.waitForResponse((r) => r.url().includes(`/fees?month=${month}`));
    await page.getByTestId('heat-fee-month').selectOption(month);
    const older = (await (await next).json()) as FeeSummary;
    expect(older.month).toBe(month);
    const lowest = [...older.items].sort((a, b) => a.rate! - b.rate! || (a.buildingId < b.buildingId ? -1 : 1))[0];
    await expect.poll(() => first.getAttribute('data-value')).toBe(String(Math.round(lowest.rate! * 1000) / 10));
    expect(pageErrors).toEqual([]);
  });
});

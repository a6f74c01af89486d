// Browser tests of the 3D console in real headless Chromium against a real test server.
// One file on purpose: the machine has two cores, so only one browser runs at a time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { makeStressCompound } from '../../server/tools/stressCompound';
import { canvasCoverage, findChromium, launchBrowser, waitForCameraRest, waitForScene } from './browser';
import { ARTIFACTS, buildClientForTests } from './buildClient';

const chromePath = findChromium();
const DEMO_BUDGET = 80;
const STRESS_BUDGET = 150;

async function signedInPage(
  browser: Browser,
  server: TestServer,
  width: number,
  height: number,
  who: 'admin' | 'officer-yaguang' = 'officer-yaguang',
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width, height } });
  const auth = await server.login(who);
  await ctx.addCookies([{ name: 'ct_session', value: auth.token, url: server.url }]);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.warn(`[page] ${e.message}`));
  return { ctx, page };
}

describe.skipIf(!chromePath)('3D console in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let staticDir: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    staticDir = await buildClientForTests();
    server = await startTestServer({ staticDir });
    browser = await launchBrowser(chromePath!);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('yaguang-xincun at 1920×1080', () => {
    let ctx: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      ({ ctx, page } = await signedInPage(browser, server, 1920, 1080));
      await page.goto(`${server.url}/`);
      await waitForScene(page);
    }, 120_000);
    afterAll(async () => ctx?.close());

    it('when the console opens, then the scene is drawn (not blank) within the draw-call budget and the link is live', async () => {
      await page.waitForTimeout(1500);
      const cov = await canvasCoverage(page);
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-yaguang-overview.png') });
      expect(cov.drawn, 'share of canvas pixels that are not background').toBeGreaterThan(0.25);
      expect(cov.colours, 'distinct colours on the canvas').toBeGreaterThan(40);
      const fig = await waitForScene(page);
      expect(fig.drawCalls).toBeLessThanOrEqual(DEMO_BUDGET);
      await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('live');
      await expect.poll(() => page.getByTestId('kpi-bar').textContent()).toMatch(/\d+(\.\d)?%/);
    }, 60_000);

    it('when a building is clicked where the probe says it is, then the camera flies there and its panel names it', async () => {
      const p = await page.evaluate(() => window.__twin!.screenPosition('building', 'b3'));
      expect(p).not.toBeNull();
      await page.mouse.click(p!.x, p!.y);
      const panel = page.getByTestId('building-panel');
      await panel.waitFor({ timeout: 10_000 });
      expect(await panel.getAttribute('data-building-id')).toBe('b3');
      expect(await page.getByTestId('building-title').textContent()).toBe('3栋');
      await waitForCameraRest(page, 'building', 'b3');
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-yaguang-building.png') });
      await page.getByTestId('toggle-explode').click();
      await page.waitForTimeout(2500);
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-yaguang-exploded.png') });
      const fig = await waitForScene(page);
      expect(fig.drawCalls).toBeLessThanOrEqual(DEMO_BUDGET);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('building-panel').count()).toBe(0);
    }, 60_000);

    it('when a device is clicked, then its panel shows live values that change in place as readings arrive', async () => {
      const id = 'yg-spk-gate-s';
      await waitForCameraRest(page, 'device', id);
      const p = await page.evaluate((d) => window.__twin!.screenPosition('device', d), id);
      await page.mouse.click(p!.x, p!.y);
      const panel = page.getByTestId('device-panel');
      await panel.waitFor({ timeout: 10_000 });
      expect(await panel.getAttribute('data-device-id')).toBe(id);
      const value = page.getByTestId('live-value-volume_db');
      const handle = await value.elementHandle();
      for (const v of [61.5, 73.25]) {
        const res = await fetch(`${server.url}/api/v1/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': server.key('yaguang-xincun') },
          body: JSON.stringify({ readings: [{ deviceId: id, metric: 'volume_db', ts: Date.now(), value: v }] }),
        });
        expect(res.status).toBe(200);
        await expect.poll(() => value.textContent(), { timeout: 10_000 }).toBe(String(v));
      }
      // written in place: the same DOM node, not a re-rendered one
      expect(await handle.evaluate((el) => el.isConnected)).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-yaguang-device.png') });
    }, 60_000);

    it('when searching "3-2", then Enter flies to building 3 unit 2 and the breadcrumb says so', async () => {
      await page.keyboard.press('Escape');
      await page.getByTestId('search-input').fill('3-2');
      await page.getByTestId('search-results').waitFor();
      await page.getByTestId('search-input').press('Enter');
      await page.getByTestId('building-panel').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('building-panel').getAttribute('data-building-id')).toBe('b3');
      await expect.poll(() => page.getByTestId('breadcrumb').innerText()).toMatch(/3栋[\s\S]*2单元/);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('building-panel').count()).toBe(0);
    }, 30_000);

    it('when the language is switched, then the UI speaks English and back', async () => {
      await page.getByTestId('language-switch').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.getByTestId('kpi-bar').textContent()).toContain('Online rate');
      expect(await page.getByTestId('connection-status').textContent()).toContain('Live');
      const body = await page.locator('body').innerText();
      expect(body).toContain('Layers');
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-yaguang-english.png') });
      await page.getByTestId('language-switch').click();
      await expect.poll(() => page.getByTestId('kpi-bar').textContent()).toContain('设备在线率');
    }, 30_000);
  });

  it('when sanhe-guanggu opens, then it is drawn within the draw-call budget', async () => {
    const { ctx, page } = await signedInPage(browser, server, 1920, 1080, 'admin');
    try {
      await page.goto(`${server.url}/?compound=sanhe-guanggu`);
      const fig = await waitForScene(page);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-sanhe-overview.png') });
      expect((await canvasCoverage(page)).drawn).toBeGreaterThan(0.2);
      expect(fig.drawCalls).toBeLessThanOrEqual(DEMO_BUDGET);
      console.info(`[e2e] sanhe-guanggu: ${fig.drawCalls} draw calls, ${fig.triangles} triangles`);
    } finally {
      await ctx.close();
    }
  }, 90_000);

  it('when a 200-building / 20,000-device compound opens, then it stays within 150 draw calls', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-stress-'));
    writeFileSync(join(dir, 'stress.json'), JSON.stringify(makeStressCompound({ buildings: 200, devices: 20_000 })));
    const stress = await startTestServer({ staticDir, compoundsDir: dir });
    const { ctx, page } = await signedInPage(browser, stress, 1920, 1080, 'admin');
    try {
      await page.goto(`${stress.url}/?compound=stress`);
      const fig = await waitForScene(page, 120_000);
      await page.waitForTimeout(2000);
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-stress-overview.png') });
      console.info(`[e2e] stress: ${fig.drawCalls} draw calls, ${fig.triangles} triangles, ${fig.fps.toFixed(1)} fps (software GL)`);
      expect(fig.drawCalls).toBeLessThanOrEqual(STRESS_BUDGET);
    } finally {
      await ctx.close();
      await stress.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

if (!chromePath) it('browser tests need Chromium (skipped, see warning above)', () => undefined);

// The compound switcher in real Chromium against a real test server: an admin swaps the twin in place,
// and an unknown ?compound= offers the user's compounds instead of a dead end.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { findChromium, launchBrowser, waitForScene } from './browser';
import { buildClientForTests } from './buildClient';

const chromePath = findChromium();

async function pageFor(browser: Browser, server: TestServer, who: 'admin' | 'officer-yaguang'): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const auth = await server.login(who);
  await ctx.addCookies([{ name: 'ct_session', value: auth.token, url: server.url }]);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.warn(`[page] ${e.message}`));
  return { ctx, page };
}

/** Devices in the compound on screen, from the KPI bar's "online / total". */
const totalDevices = async (page: Page) => {
  const text = (await page.getByTestId('kpi-bar').textContent()) ?? '';
  const m = /\/\s*([\d,]+)/.exec(text);
  return m ? Number(m[1].replace(/,/g, '')) : null;
};

describe.skipIf(!chromePath)('compound switcher in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    const staticDir = await buildClientForTests();
    server = await startTestServer({ staticDir });
    browser = await launchBrowser(chromePath!);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when the admin picks the other demo in the switcher, then the twin and KPIs change in place (no page reload) and the URL says so', async () => {
    const { ctx, page } = await pageFor(browser, server, 'admin');
    try {
      await page.goto(`${server.url}/?compound=yaguang-xincun&lang=en`);
      await waitForScene(page, 120_000);
      const switcher = page.getByTestId('compound-switcher');
      await switcher.waitFor({ timeout: 15_000 });
      expect(await switcher.inputValue()).toBe('yaguang-xincun');
      // names in the UI language
      expect(await switcher.locator('option').allTextContents()).toEqual(expect.arrayContaining(['Yaguang Xincun', 'Sanhe Guanggu Road']));
      await expect.poll(() => totalDevices(page), { timeout: 60_000 }).toBe(2007);
      const before = await page.evaluate(() => window.__twin!.triangles);
      await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

      await switcher.selectOption('sanhe-guanggu');
      await expect.poll(() => new URL(page.url()).searchParams.get('compound')).toBe('sanhe-guanggu');
      expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
      await expect.poll(() => totalDevices(page), { timeout: 60_000 }).toBe(2936);
      await expect.poll(() => page.evaluate(() => window.__twin?.triangles ?? 0), { timeout: 60_000 }).not.toBe(before);
      await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
      expect(await switcher.inputValue()).toBe('sanhe-guanggu');
      expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);

      // back goes back to the first compound
      await page.goBack();
      await expect.poll(() => totalDevices(page), { timeout: 60_000 }).toBe(2007);
      expect(await switcher.inputValue()).toBe('yaguang-xincun');
    } finally {
      await ctx.close();
    }
  }, 300_000);

  it('when ?compound= names no compound, then the error offers the user’s compounds and picking one loads it', async () => {
    const { ctx, page } = await pageFor(browser, server, 'admin');
    try {
      await page.goto(`${server.url}/?compound=no-such-place`);
      await page.getByTestId('load-error').waitFor({ timeout: 30_000 });
      const choices = page.getByTestId('compound-choice');
      await expect.poll(() => choices.count(), { timeout: 15_000 }).toBe(2);
      expect(await page.getByTestId('compound-picker').textContent()).toContain('三和光谷');
      await page.locator('[data-testid="compound-choice"][data-compound-id="sanhe-guanggu"]').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('compound')).toBe('sanhe-guanggu');
      await waitForScene(page, 120_000);
      await expect.poll(() => totalDevices(page), { timeout: 60_000 }).toBe(2936);
      expect(await page.getByTestId('load-error').count()).toBe(0);
      expect(await page.getByTestId('compound-switcher').inputValue()).toBe('sanhe-guanggu');
    } finally {
      await ctx.close();
    }
  }, 300_000);

  it('when an officer of one compound opens another, then the picker offers only theirs; with one compound there is no switcher', async () => {
    const { ctx, page } = await pageFor(browser, server, 'officer-yaguang');
    try {
      await page.goto(`${server.url}/?compound=sanhe-guanggu`);
      await page.getByTestId('load-error').waitFor({ timeout: 30_000 });
      const choices = page.getByTestId('compound-choice');
      await expect.poll(() => choices.count(), { timeout: 15_000 }).toBe(1);
      expect(await choices.getAttribute('data-compound-id')).toBe('yaguang-xincun');
      await choices.click();
      await waitForScene(page, 120_000);
      await expect.poll(() => totalDevices(page), { timeout: 60_000 }).toBe(2007);
      expect(await page.getByTestId('compound-switcher').count()).toBe(0);
      expect(await page.locator('.brand-text h1').textContent()).toBe('雅广新村');
    } finally {
      await ctx.close();
    }
  }, 300_000);
});

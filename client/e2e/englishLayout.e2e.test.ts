// English (and Chinese) layout at 1920×1080 in real headless Chromium against a real test server: no text in the
// top bar, the KPI bar, the tabs, the layers panel, the alarm filters, the building panel or the device panel is
// clipped, cut off by an ellipsis, or sticks out of its panel.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { findChromium, launchBrowser, waitForCameraRest, waitForScene } from './browser';
import { ARTIFACTS, buildClientForTests } from './buildClient';

const chromePath = findChromium();

/** Regions checked, each a panel whose children must stay inside it. */
const REGIONS = [
  '.top-bar',
  '.kpi-bar',
  '.top-tools',
  '.ops > .tabs',
  '[data-testid="layer-toggles"]',
  '[data-testid="alarm-filters"]',
  '[data-testid="building-panel"]',
  '[data-testid="device-panel"]',
];

interface Offender {
  region: string;
  what: string;
  text: string;
  why: string;
}

/**
 * Runs in the page: every visible element of each region that clips its text (overflow hidden / ellipsis and
 * scrollWidth > clientWidth + 1), a <select> whose chosen option is wider than the box shows, or a box that sticks
 * out of its region. Scroll containers are allowed to scroll vertically; nothing may scroll or clip sideways.
 */
function findOverflow(regions: string[]): Offender[] {
  const out: Offender[] = [];
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}`;
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;left:-9999px;top:0';
  document.body.appendChild(probe);
  for (const sel of regions) {
    for (const region of Array.from(document.querySelectorAll(sel))) {
      const rr = region.getBoundingClientRect();
      if (rr.width === 0 || rr.height === 0) continue;
      for (const el of [region, ...Array.from(region.querySelectorAll('*'))]) {
        const cs = getComputedStyle(el);
        if (cs.display === 'none' || cs.visibility === 'hidden' || el.closest('canvas, svg, [data-overflow-ok]')) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const text = (el.textContent ?? '').trim().slice(0, 60);
        if (el instanceof HTMLSelectElement) {
          const opt = el.selectedOptions[0];
          if (opt) {
            probe.style.font = cs.font;
            probe.style.letterSpacing = cs.letterSpacing;
            probe.textContent = opt.textContent ?? '';
            // the native arrow takes ~16 px beside the padding; a select drawn with appearance: none has its own arrow inside its padding
            const arrow = cs.appearance === 'none' ? 0 : 16;
            const need = probe.getBoundingClientRect().width + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + arrow;
            if (need > el.clientWidth + 1)
              out.push({
                region: sel,
                what: describe(el),
                text: opt.textContent ?? '',
                why: `select shows ${Math.round(el.clientWidth)}px of ${Math.round(need)}px`,
              });
          }
        } else {
          const clipsX = cs.overflowX === 'hidden' || cs.overflowX === 'clip' || cs.textOverflow === 'ellipsis';
          const scrollsX = cs.overflowX === 'auto' || cs.overflowX === 'scroll';
          if ((clipsX || scrollsX) && el.scrollWidth > el.clientWidth + 1)
            out.push({ region: sel, what: describe(el), text, why: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}` });
        }
        if (el !== region && (r.left < rr.left - 1 || r.right > rr.right + 1))
          out.push({
            region: sel,
            what: describe(el),
            text,
            why: `box ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(rr.left)}–${Math.round(rr.right)}`,
          });
      }
    }
  }
  probe.remove();
  return out;
}

async function signedIn(browser: Browser, server: TestServer, lang: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const auth = await server.login('officer-yaguang');
  await ctx.addCookies([{ name: 'ct_session', value: auth.token, url: server.url }]);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.warn(`[page] ${e.message}`));
  await page.goto(`${server.url}/?compound=yaguang-xincun&lang=${lang}`);
  await waitForScene(page);
  await page.waitForSelector('[data-testid="connection-status"][data-state="live"]', { timeout: 60_000 });
  return { ctx, page };
}

describe.skipIf(!chromePath)('layout in both languages at 1920×1080', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const staticDir = await buildClientForTests();
    server = await startTestServer({ staticDir });
    browser = await launchBrowser(chromePath!);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe.each(['en', 'zh-CN'])('%s', (lang) => {
    let ctx: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      ({ ctx, page } = await signedIn(browser, server, lang));
    }, 300_000);
    afterAll(async () => ctx?.close());

    it('when the console opens, then nothing in the top bar, KPI bar, tabs, layers panel or alarm filters is clipped or overflows', async () => {
      await expect.poll(() => page.getByTestId('kpi-bar').textContent(), { timeout: 20_000 }).toMatch(/\d+(\.\d)?%/);
      // the longest choice of each alarm filter, to make sure it fits as well as the default does
      for (const id of ['alarm-filter-state', 'alarm-filter-building', 'alarm-filter-type']) {
        const longest = await page
          .getByTestId(id)
          .evaluate((s: HTMLSelectElement) => [...s.options].reduce((a, o) => ((o.textContent ?? '').length > (a.textContent ?? '').length ? o : a)).value);
        await page.getByTestId(id).selectOption(longest);
        expect(await page.evaluate(findOverflow, ['[data-testid="alarm-filters"]']), `${id} = ${longest}`).toEqual([]);
        await page.getByTestId(id).selectOption({ index: 0 });
      }
      expect(await page.getByTestId('alarm-filter-building').evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe(
        lang === 'en' ? 'All buildings' : '全部楼栋',
      );
      await page.screenshot({ path: join(ARTIFACTS, `e2e-layout-${lang}-overview.png`), timeout: 120_000 });
      expect(await page.evaluate(findOverflow, REGIONS)).toEqual([]);
      // counted phrases read in the singular where there is one
      if (lang === 'en') expect(await page.getByTestId('layer-toggles').textContent()).not.toMatch(/\b1 [a-z]+s\b/);
    }, 240_000);

    it('when an admin (switcher, district link, import link) opens the console, then the top bar neither overflows nor runs the KPIs into the search box', async () => {
      const c = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      try {
        await c.addCookies([{ name: 'ct_session', value: (await server.login('admin')).token, url: server.url }]);
        const p = await c.newPage();
        await p.goto(`${server.url}/?compound=sanhe-guanggu&lang=${lang}`);
        await waitForScene(p);
        await p.getByTestId('district-link').waitFor({ timeout: 30_000 });
        await p.getByTestId('import-link').waitFor();
        await expect.poll(() => p.getByTestId('kpi-bar').textContent(), { timeout: 20_000 }).toMatch(/\d+(\.\d)?%/);
        expect(await p.evaluate(findOverflow, ['.top-bar', '.kpi-bar'])).toEqual([]);
        const gap = await p.evaluate(() => {
          const kpis = [...document.querySelectorAll('.kpi-bar .kpi')].map((e) => e.getBoundingClientRect().right);
          const tools = document.querySelector('.top-tools')!.getBoundingClientRect().left;
          const brand = document.querySelector('.brand')!.getBoundingClientRect().right;
          const first = document.querySelector('.kpi-bar .kpi')!.getBoundingClientRect().left;
          return { right: tools - Math.max(...kpis), left: first - brand };
        });
        expect(gap.right, 'KPIs end before the search box').toBeGreaterThanOrEqual(0);
        expect(gap.left, 'KPIs start after the title').toBeGreaterThanOrEqual(0);
        await p.screenshot({ path: join(ARTIFACTS, `e2e-layout-${lang}-admin.png`), timeout: 120_000 });
      } finally {
        await c.close();
      }
    }, 240_000);

    it('when a building and then a device are opened, then their panels do not clip or overflow either', async () => {
      const p = await page.evaluate(() => window.__twin!.screenPosition('building', 'b3'));
      await page.mouse.click(p!.x, p!.y);
      await page.getByTestId('building-panel').waitFor({ timeout: 60_000 });
      await waitForCameraRest(page, 'building', 'b3');
      await page.screenshot({ path: join(ARTIFACTS, `e2e-layout-${lang}-building.png`), timeout: 120_000 });
      expect(await page.evaluate(findOverflow, REGIONS)).toEqual([]);

      // a service building has a real name in both languages
      await page.keyboard.press('Escape');
      // the camera flies back to the overview: click the pump house where it comes to rest, not where it passes
      const pump = await waitForCameraRest(page, 'building', 'pump');
      await page.mouse.click(pump.x, pump.y);
      await expect
        .poll(() => page.getByTestId('building-title').textContent(), { timeout: 60_000 })
        .toBe(lang === 'en' ? 'Booster pump house' : '二次供水泵房');
      expect(await page.evaluate(findOverflow, REGIONS)).toEqual([]);
      await page.keyboard.press('Escape');

      // a device with a long English name (type · building unit floor), opened through the search box
      const id = 'yg-pump-pm-water';
      await page.getByTestId('search-input').fill(id);
      await page.getByTestId('search-results').waitFor();
      await page.getByTestId('search-input').press('Enter');
      await expect.poll(() => page.getByTestId('device-panel').getAttribute('data-device-id'), { timeout: 60_000 }).toBe(id);
      await page.waitForTimeout(2000);
      await page.screenshot({ path: join(ARTIFACTS, `e2e-layout-${lang}-device.png`), timeout: 120_000 });
      expect(await page.evaluate(findOverflow, REGIONS)).toEqual([]);
      if (lang === 'en') expect(await page.getByTestId('device-title').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    }, 300_000);
  });
});

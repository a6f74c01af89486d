// The district view in real Chromium against a real test server: every compound placed by its coordinates,
// coloured by the chosen measure, clickable into its console; an officer sees only theirs; an imported
// site joins the district and the switcher. Screenshots in test-artifacts/issue15/.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import type { TestRole } from '../../server/testing/testAuth';
import { findChromium, launchBrowser, waitForScene } from './browser';
import { ARTIFACTS, buildClientForTests } from './buildClient';

const chromePath = findChromium();
const SHOTS = resolve(ARTIFACTS, 'issue15');
const A = 'yaguang-xincun';
const B = 'sanhe-guanggu';
const NEW = 'district-e2e-site';

async function pageFor(browser: Browser, server: TestServer, who: TestRole, width = 1920, height = 1080): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width, height } });
  await ctx.addCookies([{ name: 'ct_session', value: (await server.login(who)).token, url: server.url }]);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.warn(`[page] ${e.message}`));
  return { ctx, page };
}

/** Opens /district and waits until the scene has drawn a few frames with every compound in it. */
async function openDistrict(page: Page, url: string, lang: 'en' | 'zh' = 'en', compounds?: number): Promise<void> {
  await page.goto(`${url}/district?lang=${lang}`);
  await page.waitForFunction(
    (n) => !!window.__district && window.__district.frames > 4 && (n === undefined || window.__district.compounds.length === n),
    compounds,
    { timeout: 90_000 },
  );
  // two more frames: pins and labels placed for the framed camera
  const f = await page.evaluate(() => window.__district!.frames);
  await page.waitForFunction((f0) => window.__district!.frames >= f0 + 3, f, { timeout: 30_000 });
}

const inViewport = (p: { x: number; y: number } | null, w: number, h: number) => !!p && p.x > 0 && p.x < w && p.y > 0 && p.y < h;

/** A small OSM-style export near 30.505, 114.425 (Optics Valley): four residential blocks, a shop, a road and a pond. */
function osmSite(): unknown {
  const lat0 = 30.505,
    lon0 = 114.425;
  const dLat = (m: number) => m / 111_320;
  const dLon = (m: number) => m / (111_320 * Math.cos((lat0 * Math.PI) / 180));
  const rect = (x: number, y: number, w: number, d: number) => [
    [
      [lon0 + dLon(x), lat0 + dLat(y)],
      [lon0 + dLon(x + w), lat0 + dLat(y)],
      [lon0 + dLon(x + w), lat0 + dLat(y + d)],
      [lon0 + dLon(x), lat0 + dLat(y + d)],
      [lon0 + dLon(x), lat0 + dLat(y)],
    ],
  ];
  const building = (i: number, x: number, y: number, levels: number, kind = 'residential') => ({
    type: 'Feature',
    properties: { building: kind, 'building:levels': String(levels), 'addr:housenumber': String(i) },
    geometry: { type: 'Polygon', coordinates: rect(x, y, 42, 13) },
  });
  return {
    type: 'FeatureCollection',
    features: [
      building(1, 0, 0, 18),
      building(2, 0, 40, 18),
      building(3, 70, 0, 11),
      building(4, 70, 40, 11),
      { ...building(5, 35, 80, 2, 'retail'), properties: { building: 'retail', 'building:levels': '2', name: '邻里超市' } },
      { type: 'Feature', properties: { landuse: 'residential', name: '光谷东站小区' }, geometry: { type: 'Polygon', coordinates: rect(-20, -20, 150, 125) } },
      {
        type: 'Feature',
        properties: { highway: 'secondary', name: '光谷三路' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [lon0 + dLon(-60), lat0 + dLat(-35)],
            [lon0 + dLon(200), lat0 + dLat(-35)],
          ],
        },
      },
      { type: 'Feature', properties: { natural: 'water' }, geometry: { type: 'Polygon', coordinates: rect(150, 20, 60, 40) } },
    ],
  };
}

describe.skipIf(!chromePath)('district view in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const staticDir = await buildClientForTests();
    server = await startTestServer({ staticDir });
    browser = await launchBrowser(chromePath!);
    // an open critical alarm in Sanhe: the alarm colouring has something to show
    const hydrant = server.app.twins.get(B)!.entry.doc.devices.find((d) => d.type === 'hydrant_pressure')!;
    const now = Date.now();
    const res = await fetch(`${server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.key(B) },
      body: JSON.stringify({ readings: [now - 61_000, now - 30_000, now].map((ts) => ({ deviceId: hydrant.id, metric: 'pressure_mpa', ts, value: 0.05 })) }),
    });
    expect(res.status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when the admin opens /district, then both demos are placed apart on screen within ≤ 80 draw calls, and the colour toggle recolours them', async () => {
    const { ctx, page } = await pageFor(browser, server, 'admin');
    try {
      await openDistrict(page, server.url, 'en', 2);
      expect(await page.evaluate(() => window.__district!.compounds)).toEqual([B, A]);
      const a = await page.evaluate((id) => window.__district!.screenPosition(id), A);
      const b = await page.evaluate((id) => window.__district!.screenPosition(id), B);
      expect(inViewport(a, 1920, 1080), JSON.stringify(a)).toBe(true);
      expect(inViewport(b, 1920, 1080), JSON.stringify(b)).toBe(true);
      // Huangshi lies ~60 km east and ~30 km south of Wuhan: right of and below Sanhe on a north-up view
      expect(a!.x - b!.x).toBeGreaterThan(300);
      expect(a!.y).toBeGreaterThan(b!.y);
      // not under the side panel
      const panel = (await page.getByTestId('district-panel').boundingBox())!;
      expect(a!.x).toBeLessThan(panel.x);
      const drawCalls = await page.evaluate(() => window.__district!.drawCalls);
      expect(drawCalls).toBeGreaterThan(2);
      expect(drawCalls).toBeLessThanOrEqual(80);
      // the panel lists both with the summed devices
      expect(await page.getByTestId('district-compound').count()).toBe(2);
      expect(await page.locator('[data-total="devices"]').textContent()).toBe('4,943');

      const before = await page.evaluate((id) => window.__district!.colourOf(id), B);
      await page.getByTestId('district-measure-alarms').click();
      await expect.poll(() => page.evaluate((id) => window.__district!.colourOf(id), B)).not.toEqual(before);
      const alarmed = (await page.evaluate((id) => window.__district!.colourOf(id), B))!;
      const calm = (await page.evaluate((id) => window.__district!.colourOf(id), A))!;
      // Sanhe has a critical alarm (red), Yaguang none (teal)
      expect(alarmed[0]).toBeGreaterThan(alarmed[1]);
      expect(calm[1]).toBeGreaterThan(calm[0]);
      expect(await page.getByTestId('district').getAttribute('data-measure')).toBe('alarms');
    } finally {
      await ctx.close();
    }
  }, 300_000);

  it("when the admin clicks a compound's label in the scene, then its console opens (history: back returns)", async () => {
    const { ctx, page } = await pageFor(browser, server, 'admin');
    try {
      await openDistrict(page, server.url, 'en', 2);
      const at = (await page.evaluate((id) => window.__district!.labelCentre(id), A))!;
      await page.mouse.click(at.x, at.y);
      await expect.poll(() => new URL(page.url()).pathname).toBe('/');
      expect(new URL(page.url()).searchParams.get('compound')).toBe(A);
      await waitForScene(page, 120_000);
      expect(await page.getByTestId('compound-switcher').inputValue()).toBe(A);
      await page.goBack();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/district');
      await page.getByTestId('district-panel').waitFor({ timeout: 30_000 });
    } finally {
      await ctx.close();
    }
  }, 300_000);

  it('when an officer of one compound opens /district, then only that compound is there', async () => {
    const { ctx, page } = await pageFor(browser, server, 'officer-sanhe');
    try {
      await openDistrict(page, server.url, 'zh', 1);
      expect(await page.evaluate(() => window.__district!.compounds)).toEqual([B]);
      expect(await page.getByTestId('district-compound').count()).toBe(1);
      expect(inViewport(await page.evaluate((id) => window.__district!.screenPosition(id), B), 1920, 1080)).toBe(true);
      expect(await page.locator('[data-total="compounds"]').textContent()).toBe('1');
    } finally {
      await ctx.close();
    }
  }, 300_000);

  it('when an admin imports a third site, then it appears in the district and the switcher (which opens the district), and screenshots are taken', async () => {
    const admin = await server.login('admin');
    const imp = await fetch(
      `${server.url}/api/v1/admin/compounds/import?id=${NEW}&name=${encodeURIComponent('光谷东站小区')}&city=${encodeURIComponent('武汉市')}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/geo+json', ...admin.headers },
        body: JSON.stringify(osmSite()),
      },
    );
    expect(imp.status, await imp.clone().text()).toBe(201);

    const { ctx, page } = await pageFor(browser, server, 'admin');
    try {
      // the switcher lists the three in the district's order and has the district entry
      await page.goto(`${server.url}/?compound=${B}&lang=en`);
      await waitForScene(page, 120_000);
      const switcher = page.getByTestId('compound-switcher');
      await switcher.waitFor({ timeout: 15_000 });
      const values = await switcher.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v));
      expect(values).toEqual([NEW, B, A, '__district']);
      await switcher.selectOption('__district');
      await expect.poll(() => new URL(page.url()).pathname).toBe('/district');
      await page.waitForFunction(() => !!window.__district && window.__district.compounds.length === 3 && window.__district.frames > 4, null, {
        timeout: 90_000,
      });
      expect(await page.evaluate(() => window.__district!.compounds)).toEqual([NEW, B, A]);
      const p = await page.evaluate((id) => window.__district!.screenPosition(id), NEW);
      expect(inViewport(p, 1920, 1080), JSON.stringify(p)).toBe(true);
      expect(await page.evaluate(() => window.__district!.drawCalls)).toBeLessThanOrEqual(80);
    } finally {
      await ctx.close();
    }

    for (const [w, h] of [
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      for (const lang of ['zh', 'en'] as const) {
        const s = await pageFor(browser, server, 'admin', w, h);
        try {
          await openDistrict(s.page, server.url, lang, 3);
          await s.page.screenshot({ path: resolve(SHOTS, `district-${lang}-${w}x${h}.png`) });
          if (w === 1920) {
            // a close look at Sanhe and the imported site next to it
            await s.page.evaluate((id) => window.__district!.focus(id), NEW);
            const f = await s.page.evaluate(() => window.__district!.frames);
            await s.page.waitForFunction((f0) => window.__district!.frames >= f0 + 4, f, { timeout: 30_000 });
            await s.page.screenshot({ path: resolve(SHOTS, `district-${lang}-${w}x${h}-imported-close.png`) });
          }
        } finally {
          await s.ctx.close();
        }
      }
    }
  }, 600_000);
});

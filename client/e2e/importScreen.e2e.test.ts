// The admin import screen in real Chromium against a real test server: a Tilezen export is dropped
// in, detected without any option, previewed in 3D with its report, corrected (a use class and a
// name) and saved; the console then opens it with the corrections. A broken file and a clashing id
// say what is wrong and store nothing; an officer gets no form.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Compound } from '../../models/compound';
import { latLonToLocal } from '../../models/geo';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { findChromium, launchBrowser, waitForScene } from './browser';
import { ARTIFACTS, buildClientForTests } from './buildClient';
import { signedInPage } from './gltfKit';

const chromePath = findChromium();
const SHOTS = join(ARTIFACTS, 'issue15');

/** A rectangle of w × h metres at (dx, dy) metres from 30.505 N, 114.425 E, as a closed lon/lat ring. */
function rect(dx: number, dy: number, w: number, h: number): number[][] {
  const lat0 = 30.505,
    lon0 = 114.425;
  const mLat = 1 / 110_574,
    mLon = 1 / (111_320 * Math.cos((lat0 * Math.PI) / 180));
  const c = [
    [dx, dy],
    [dx + w, dy],
    [dx + w, dy + h],
    [dx, dy + h],
    [dx, dy],
  ];
  return c.map(([x, y]) => [+(lon0 + x * mLon).toFixed(7), +(lat0 + y * mLat).toFixed(7)]);
}

/** Tilezen / Nextzen vector-tile buildings and a road, as a tile export to GeoJSON writes them. */
function tilezenSite() {
  const b = (id: number, props: Record<string, unknown>, ring: number[][]) => ({
    type: 'Feature',
    id,
    properties: { kind: 'building', id, ...props },
    geometry: { type: 'Polygon', coordinates: [ring] },
  });
  return {
    type: 'FeatureCollection',
    features: [
      b(101, { kind_detail: 'apartments', name: '78栋', height: 33, addr_housenumber: '78' }, rect(0, 0, 42, 12)),
      b(102, { kind_detail: 'residential', height: 18 }, rect(0, 30, 42, 12)),
      b(103, { kind_detail: 'retail', name: '光谷步行街商场', height: 20 }, rect(60, 0, 50, 40)),
      b(104, { kind_detail: 'hotel', name: '光谷酒店', height: 45 }, rect(60, 60, 20, 20)),
      {
        type: 'Feature',
        properties: { kind: 'minor_road', kind_detail: 'residential', name: '光谷一路' },
        geometry: { type: 'LineString', coordinates: [rect(-20, -15, 160, 1)[0], rect(-20, -15, 160, 1)[1]] },
      },
    ],
  };
}

async function chooseFile(page: Page, testId: string, name: string, text: string) {
  await page.getByTestId(testId).setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(text) });
}

const compoundIds = async (server: TestServer) => {
  const auth = await server.login('admin');
  const list = (await (await fetch(`${server.url}/api/v1/compounds`, { headers: auth.headers })).json()) as { id: string }[];
  return list.map((c) => c.id);
};

describe.skipIf(!chromePath)('admin import screen in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const staticDir = await buildClientForTests();
    server = await startTestServer({ staticDir });
    browser = await launchBrowser(chromePath!);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when a Tilezen file is dropped in, then it is detected, previewed, corrected, saved and opens in the console', async () => {
    const { ctx, page, warnings } = await signedInPage(browser, server, 'admin', 1920, 1080);
    try {
      await page.goto(`${server.url}/import?lang=en`);
      await chooseFile(page, 'import-file', 'optics-valley.geojson', JSON.stringify(tilezenSite()));
      await expect.poll(() => page.getByTestId('import-id').inputValue()).toBe('optics-valley');
      await page.getByTestId('import-name').fill('光谷示范片区');
      await page.getByTestId('import-preview').click();

      const report = page.getByTestId('import-report');
      await report.waitFor({ timeout: 30_000 });
      expect(await report.getAttribute('data-profile')).toBe('tilezen');
      expect(await report.getAttribute('data-crs')).toBe('wgs84');
      await waitForScene(page, 120_000);
      const rows = page.locator('[data-building-row]');
      expect(await rows.count()).toBe(4);
      // the mall and the hotel have no households; the flats do
      const households = async (name: string) =>
        Number(
          (
            (await page
              .locator('[data-building-row]', { has: page.locator(`input[value="${name}"]`) })
              .locator('td.num')
              .last()
              .textContent()) ?? ''
          ).replace(/,/g, ''),
        );
      expect(await households('光谷步行街商场')).toBe(0);
      expect(await households('光谷酒店')).toBe(0);
      expect(await households('78栋')).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOTS, 'import-screen-en-1920.png') });

      // correct: the second slab is an office block, and the hotel gets its proper name
      const slabId = (await rows.nth(1).getAttribute('data-building-row'))!;
      const slab = page.locator(`[data-building-row="${slabId}"]`);
      await slab.getByTestId('import-edit-use').selectOption('office');
      const hotelName = page.locator('[data-building-row] input[value="光谷酒店"]');
      await hotelName.fill('光谷希尔顿酒店');
      await hotelName.blur();
      await page.getByTestId('import-preview').click();
      await expect.poll(() => households('光谷希尔顿酒店'), { timeout: 30_000 }).toBe(0);
      await expect.poll(async () => Number(((await slab.locator('td.num').last().textContent()) ?? '').replace(/,/g, ''))).toBe(0);
      expect(await compoundIds(server)).not.toContain('optics-valley');

      await page.getByTestId('import-save').click();
      await page.getByTestId('import-saved').waitFor({ timeout: 30_000 });
      expect(await compoundIds(server)).toContain('optics-valley');
      await page.getByTestId('import-open').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('compound')).toBe('optics-valley');
      await waitForScene(page, 120_000);
      const auth = await server.login('admin');
      const twin = (await (await fetch(`${server.url}/api/v1/compounds/optics-valley`, { headers: auth.headers })).json()) as Compound;
      expect(twin.buildings.find((b) => b.id === slabId)?.use).toBe('office');
      expect(twin.buildings.find((b) => b.use === 'hotel')?.name).toBe('光谷希尔顿酒店');
      expect(warnings.filter((w) => w.startsWith('pageerror'))).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 300_000);

  it('when the admin draws a red line round two buildings on the preview, then the other two become neighbours', async () => {
    const { ctx, page } = await signedInPage(browser, server, 'admin', 1600, 900);
    try {
      await page.goto(`${server.url}/import?lang=en`);
      await chooseFile(page, 'import-file', 'redline.geojson', JSON.stringify(tilezenSite()));
      await page.getByTestId('import-id').fill('redline-site');
      const first = page.waitForResponse((r) => r.url().includes('/admin/compounds/import') && r.request().method() === 'POST');
      await page.getByTestId('import-preview').click();
      const preview = ((await (await first).json()) as { preview: Compound }).preview;
      const report = page.getByTestId('import-report');
      await report.waitFor({ timeout: 30_000 });
      expect(await report.getAttribute('data-buildings')).toBe('4');
      await waitForScene(page, 120_000);
      await page.waitForTimeout(1_500); // the camera settles on the site

      // corners round the two slabs (0..42 m east, 0..42 m north of the reference point), clear of the mall and the hotel
      const ll = (dx: number, dy: number) => rect(dx, dy, 1, 1)[0];
      const corners = [ll(-10, -8), ll(52, -8), ll(52, 50), ll(-10, 50)].map(([lon, lat]) => latLonToLocal(preview.origin, { lat, lon }));
      await page.getByTestId('import-redline-draw').click();
      for (const [x, y] of corners) {
        const p = await page.evaluate(([px, py]) => window.__twin!.projectLocal(px, py, 0), [x, y] as const);
        expect(p).not.toBeNull();
        await page.mouse.click(p!.x, p!.y);
      }
      await page.getByTestId('import-redline-finish').click();
      // what is saved is what was previewed: a new red line needs a new preview first
      await page.getByTestId('import-save').click();
      await expect.poll(() => page.getByTestId('import-error').textContent()).toMatch(/preview again first/);
      expect(await compoundIds(server)).not.toContain('redline-site');
      await page.getByTestId('import-preview').click();
      await expect.poll(() => report.getAttribute('data-red-line'), { timeout: 30_000 }).toBe('the drawn red line');
      expect(await report.getAttribute('data-buildings')).toBe('2');
      expect(await report.getAttribute('data-neighbours')).toBe('2');
      await page.screenshot({ path: join(SHOTS, 'import-redline-en-1600.png') });
    } finally {
      await ctx.close();
    }
  }, 240_000);

  it('when the file is broken or the id is taken, then the screen says what and where and nothing is stored', async () => {
    const { ctx, page } = await signedInPage(browser, server, 'admin');
    try {
      await page.goto(`${server.url}/import?lang=en`);
      await chooseFile(page, 'import-file', 'broken.ndjson', `${JSON.stringify(tilezenSite().features[0])}\n{"type": "Feat`);
      await expect.poll(() => page.getByTestId('import-error').textContent()).toMatch(/line 2 is not valid JSON/);
      expect(await page.getByTestId('import-preview').isDisabled()).toBe(true);

      const before = await compoundIds(server);
      await chooseFile(page, 'import-file', 'clash.geojson', JSON.stringify(tilezenSite()));
      await page.getByTestId('import-id').fill('sanhe-guanggu');
      await page.getByTestId('import-preview').click();
      // a dry run of an existing id already says it exists (409): nothing to save
      await expect.poll(() => page.getByTestId('import-error').textContent(), { timeout: 30_000 }).toMatch(/already exists.*replace/);
      expect(await compoundIds(server)).toEqual(before);
    } finally {
      await ctx.close();
    }
  }, 180_000);

  it('when an officer opens the import screen, then it says admins only and shows no form', async () => {
    const { ctx, page } = await signedInPage(browser, server, 'officer-yaguang');
    try {
      await page.goto(`${server.url}/import`);
      await page.getByTestId('import-denied').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('import-file').count()).toBe(0);
    } finally {
      await ctx.close();
    }
  }, 60_000);
});

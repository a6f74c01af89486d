// An imported site with its surroundings in real headless Chromium: the context drawn under the site in
// one mesh, 5,000 neighbours in one more and never picked, use-class tints (seen in the pixels), names on
// labels in both languages, and the optional raster basemap from a loopback tile server under the CSP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { findChromium, launchBrowser, waitForCameraRest, waitForScene } from './browser';
import { ARTIFACTS, buildClientForTests } from './buildClient';
import { contextCompound, PROBE_NEIGHBOUR, SITE, startTileServer, type TileServer } from './contextKit';
import { colourDistance, pixelsAt, signedInPage } from './gltfKit';
import type { SceneStats } from '../scene/sceneStats';

const chromePath = findChromium();
const SHOTS = join(ARTIFACTS, 'issue15');
const ATTRIBUTION = '© Loopback Tiles contributors';

async function openSite(page: Page, url: string, id: string, lang: string) {
  await page.goto(`${url}/?compound=${id}&lang=${lang}`);
  await waitForScene(page);
  await waitForCameraRest(page, 'building', SITE.office);
  await page.waitForTimeout(600);
}

describe.skipIf(!chromePath)('an imported site with its surroundings in Chromium', () => {
  /** A basemap is off by default: the server without one, and one with BASEMAP_URL set to the loopback tile server. */
  let server: TestServer;
  let mapServer: TestServer;
  let tiles: TileServer;
  let browser: Browser;
  let compounds: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const staticDir = await buildClientForTests();
    compounds = mkdtempSync(join(tmpdir(), 'twin-context-'));
    writeFileSync(join(compounds, 'ctx-site.json'), JSON.stringify(contextCompound(true)));
    writeFileSync(join(compounds, 'ctx-plain.json'), JSON.stringify(contextCompound(false)));
    tiles = await startTileServer();
    server = await startTestServer({ staticDir, compoundsDir: compounds });
    mapServer = await startTestServer({
      staticDir,
      compoundsDir: compounds,
      basemap: { url: `${tiles.url}/{z}/{x}/{y}.png`, attribution: ATTRIBUTION, maxZoom: 18 },
    });
    browser = await launchBrowser(chromePath!);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await mapServer?.close();
    await tiles?.close();
    if (compounds) rmSync(compounds, { recursive: true, force: true });
  });

  it('when a basemap is configured, then the API names it and the CSP lets images come from its origin; without one, neither', async () => {
    const res = await fetch(`${mapServer.url}/api/v1/basemap`, { headers: (await mapServer.login('officer-sanhe')).headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ basemap: { url: `${tiles.url}/{z}/{x}/{y}.png`, attribution: ATTRIBUTION, maxZoom: 18 } });
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain(`img-src 'self' data: blob: ${tiles.url};`);
    expect(csp).toMatch(/connect-src 'self' blob: data:(;|$)/);
    expect((await fetch(`${mapServer.url}/api/v1/basemap`)).status).toBe(401);
    const plain = await fetch(`${server.url}/api/v1/basemap`, { headers: (await server.login('officer-sanhe')).headers });
    expect(await plain.json()).toEqual({ basemap: null });
    expect(plain.headers.get('content-security-policy')).toContain("img-src 'self' data: blob:;");
  });

  it('when the site opens, then its surroundings are drawn in two meshes, names are on labels, tints differ and neighbours are never picked', async () => {
    const { ctx, page, warnings } = await signedInPage(browser, server, 'admin', 1920, 1080);
    try {
      // the same buildings without surroundings: the draw calls the context adds
      await openSite(page, server.url, 'ctx-plain', 'zh-CN');
      const plain = await page.evaluate(() => ({ calls: window.__twin!.drawCalls, scene: { ...window.__twin!.scene } }));
      expect(plain.scene.contextMeshes).toBe(0);
      expect(plain.scene.neighbourMeshes).toBe(0);

      await openSite(page, server.url, 'ctx-site', 'zh-CN');
      const site = await page.evaluate(() => ({
        calls: window.__twin!.drawCalls,
        scene: JSON.parse(JSON.stringify(window.__twin!.scene)) as SceneStats,
      }));
      console.log(
        `[context] draw calls: bare site ${plain.calls}, with context + ${site.scene.neighbours} neighbours ${site.calls}; ` +
          `context ${site.scene.contextTriangles} triangles, neighbours ${site.scene.neighbourTriangles} triangles`,
      );
      expect(site.scene.contextMeshes).toBe(1);
      expect(site.scene.contextTriangles).toBeGreaterThan(100);
      expect(site.scene.neighbours).toBe(5000);
      expect(site.scene.neighbourMeshes).toBe(1);
      expect(site.scene.neighbourTriangles).toBe(5000 * 10);
      // context + neighbours: two draw calls whatever their count
      expect(site.calls - plain.calls).toBeLessThanOrEqual(2);
      // no basemap unless one is configured: no tiles, no attribution
      expect(site.scene.basemapTiles).toBe(0);
      expect(await page.getByTestId('basemap-attribution').count()).toBe(0);

      // names from the data on labels; a home without one keeps its number
      expect(site.scene.labels[SITE.home]).toBe('1栋');
      expect(site.scene.labels[SITE.namedHome]).toBe('阳光楼');
      expect(site.scene.labels[SITE.office]).toBe('光谷创意大厦');
      expect(site.scene.labels[SITE.retail]).toBe('光谷步行街');

      // tints: homes keep their look, each other class its own
      expect(site.scene.tints[SITE.home][3]).toBe(0);
      expect(site.scene.tints[SITE.office][3]).toBeGreaterThan(0.3);
      expect(site.scene.tints[SITE.office].slice(0, 3)).not.toEqual(site.scene.tints[SITE.retail].slice(0, 3));
      // … and in the pixels of the roofs, just under each label
      const roofs = await page.evaluate(
        (ids) => ids.map((id) => window.__twin!.screenPosition('building', id)),
        [SITE.home, SITE.namedHome, SITE.office, SITE.retail],
      );
      const [home, namedHome, office, retail] = await pixelsAt(
        page,
        roofs.map((p) => ({ x: p!.x, y: p!.y + 14 })),
      );
      console.log(`[context] roof pixels home ${home} named home ${namedHome} office ${office} retail ${retail}`);
      expect(colourDistance(home, namedHome)).toBeLessThan(40);
      expect(colourDistance(home, office)).toBeGreaterThan(30);
      expect(colourDistance(home, retail)).toBeGreaterThan(40);
      expect(retail[0]).toBeGreaterThan(retail[2]);
      expect(colourDistance(office, retail)).toBeGreaterThan(40);
      await expect.poll(() => page.getByTestId('use-legend').textContent()).toContain('办公');

      // a click on a neighbour selects nothing; a click on a site building selects it
      const [[x0, y0], , [x1, y1]] = PROBE_NEIGHBOUR.footprint;
      const nb = await page.evaluate(([x, y, h]) => window.__twin!.projectLocal(x, y, h), [
        (x0 + x1) / 2,
        (y0 + y1) / 2,
        PROBE_NEIGHBOUR.height * 0.7,
      ] as const);
      expect(nb).not.toBeNull();
      await page.mouse.move(nb!.x, nb!.y);
      await page.mouse.click(nb!.x, nb!.y);
      await page.waitForTimeout(400);
      expect(await page.evaluate(() => window.__twin!.selectedBuilding)).toBeNull();
      expect(await page.evaluate(() => window.__twin!.hover)).toBeNull();
      const home2 = await page.evaluate((id) => window.__twin!.screenPosition('building', id), SITE.home);
      await page.mouse.click(home2!.x, home2!.y + 20);
      await expect.poll(() => page.evaluate(() => window.__twin!.selectedBuilding)).toBe(SITE.home);
      await page.keyboard.press('Escape');

      // three's own deprecation notice (Clock, used by the renderer loop) and the test's pixel readback are not ours
      expect(warnings.filter((w) => !/GPU stall|ReadPixels|WebGL|THREE\.Clock|willReadFrequently/i.test(w))).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('when a basemap is configured, then 3×3 to 6×6 tiles around the site are fetched from it, drawn in one more draw call and credited', async () => {
    const { ctx, page, warnings } = await signedInPage(browser, mapServer, 'admin', 1920, 1080);
    try {
      await openSite(page, mapServer.url, 'ctx-site', 'zh-CN');
      await page.waitForFunction(
        () => window.__twin!.scene.basemapLoaded > 0 && window.__twin!.scene.basemapLoaded === window.__twin!.scene.basemapTiles,
        null,
        {
          timeout: 30_000,
        },
      );
      await page.waitForTimeout(600);
      const scene = await page.evaluate(() => ({ ...window.__twin!.scene }));
      expect(scene.basemapTiles).toBeGreaterThanOrEqual(9);
      expect(scene.basemapTiles).toBeLessThanOrEqual(36);
      const asked = tiles.requests.filter((r) => /^\/\d+\/\d+\/\d+\.png$/.test(r));
      expect(asked.length).toBeGreaterThanOrEqual(scene.basemapTiles);
      const z = Number(asked[asked.length - 1].split('/')[1]);
      expect(z).toBeGreaterThanOrEqual(14);
      expect(z).toBeLessThanOrEqual(18);
      await expect.poll(() => page.getByTestId('basemap-attribution').textContent()).toBe(ATTRIBUTION);
      const calls = await page.evaluate(() => window.__twin!.drawCalls);
      console.log(`[context] with basemap: ${scene.basemapTiles} tiles at z${z}, ${calls} draw calls`);
      // every tile loaded under the CSP and CORS: no refusal in the console
      expect(warnings.filter((w) => /Content Security Policy|CORS|tainted/i.test(w))).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'context-basemap-zh-CN-1920x1080.png'), timeout: 120_000 });
    } finally {
      await ctx.close();
    }
  });

  it('when English is shown, then Chinese names give way to English ones or "<Use> <number>"', async () => {
    const { ctx, page } = await signedInPage(browser, server, 'admin', 1920, 1080);
    try {
      await openSite(page, server.url, 'ctx-site', 'en');
      const labels = await page.evaluate(() => window.__twin!.scene.labels);
      expect(labels[SITE.home]).toBe('Bldg 1');
      expect(labels[SITE.namedHome]).toBe('Bldg 2');
      expect(labels[SITE.office]).toBe('Optics Valley Creative Tower');
      expect(labels[SITE.retail]).toBe('Retail 4');
      for (const t of Object.values(labels)) expect(t).not.toMatch(/[\u3400-\u9fff]/);
      await expect.poll(() => page.getByTestId('use-legend').textContent()).toContain('Office');
    } finally {
      await ctx.close();
    }
  });

  it.each([
    ['zh-CN', 1920, 1080],
    ['en', 1920, 1080],
    ['zh-CN', 3840, 2160],
    ['en', 3840, 2160],
  ])(
    'screenshot: the site with its surroundings, %s at %i×%i',
    async (lang, w, h) => {
      const { ctx, page } = await signedInPage(browser, server, 'admin', w, h);
      try {
        await openSite(page, server.url, 'ctx-site', lang);
        await page.waitForTimeout(800);
        await page.screenshot({ path: join(SHOTS, `context-${lang}-${w}x${h}.png`), timeout: 240_000 });
        if (w === 1920) {
          // zoomed out: the surroundings around the site, fading into the floor with no edge
          await page.mouse.move(w / 2 + 150, h / 2);
          for (let i = 0; i < 2; i++) await page.mouse.wheel(0, 300);
          await page.waitForTimeout(2500);
          await page.screenshot({ path: join(SHOTS, `context-${lang}-${w}x${h}-zoomed-out.png`), timeout: 240_000 });
        }
      } finally {
        await ctx.close();
      }
    },
    400_000,
  );
});

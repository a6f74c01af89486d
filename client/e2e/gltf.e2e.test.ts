// Buildings drawn from glTF models in real headless Chromium: lazy loading, meshopt and Draco decoding
// from the app's own origin under its CSP, picking, the fallback for a broken model, draw calls.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { findChromium, launchBrowser, waitForCameraRest, waitForScene } from './browser';
import { ARTIFACTS, buildClientForTests, ROOT } from './buildClient';
import { colourDistance, gltfTestCompound, initialScriptsGzipKb, pixelsAt, signedInPage } from './gltfKit';

const chromePath = findChromium();
const DEMO_BUDGET = 80;
const MODELLED = ['b2', 'b7'];

describe.skipIf(!chromePath)('glTF buildings in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let staticDir: string;
  let compounds: string;
  const serverLog: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    staticDir = await buildClientForTests();
    compounds = mkdtempSync(join(tmpdir(), 'twin-gltf-'));
    writeFileSync(join(compounds, 'yaguang-xincun.json'), readFileSync(resolve(ROOT, 'data/compounds/yaguang-xincun.json')));
    writeFileSync(join(compounds, 'gltf-yaguang.json'), JSON.stringify(gltfTestCompound()));
    server = await startTestServer({ staticDir, compoundsDir: compounds, log: (m) => serverLog.push(m) });
    browser = await launchBrowser(chromePath!);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (compounds) rmSync(compounds, { recursive: true, force: true });
  });

  it('when the client is built, then the glTF loader and decoders are a separate download and the first one stays ≤ 600 kB gzipped', () => {
    const first = initialScriptsGzipKb(staticDir);
    console.log(`[gltf] client_js_gzip_kb = ${first.kb.toFixed(1)} (${first.files.join(', ')})`);
    expect(first.kb).toBeLessThanOrEqual(600);
    const assets = readdirSync(join(staticDir, 'assets'));
    const text = (f: string) => readFileSync(join(staticDir, 'assets', f), 'utf8');
    for (const f of first.files) expect(text(f.replace(/^\/assets\//, '')), `${f} holds the glTF loader`).not.toContain('KHR_draco_mesh_compression');
    expect(assets.filter((f) => f.endsWith('.js') && text(f).includes('KHR_draco_mesh_compression'))).toHaveLength(1);
    // the Draco decoder is served from the app's own origin
    expect(assets.some((f) => /^draco_decoder.*\.wasm$/.test(f))).toBe(true);
    expect(assets.some((f) => /^draco_wasm_wrapper.*\.js$/.test(f))).toBe(true);
  });

  it('when a model is asked for, then it needs a sign-in, comes as glTF binary, and a missing one is a 404', async () => {
    const url = `${server.url}/models/residential-block.glb`;
    expect((await fetch(url)).status).toBe(401);
    const auth = await server.login('officer-yaguang');
    const res = await fetch(url, { headers: auth.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('model/gltf-binary');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('glTF');
    expect(bytes.length).toBeLessThan(200_000);
    expect((await fetch(`${server.url}/models/missing-block.glb`, { headers: auth.headers })).status).toBe(404);
    // and the server said so at start-up
    expect(serverLog.filter((m) => m.startsWith('[models]'))).toEqual([
      expect.stringMatching(/^\[models\] gltf-yaguang\/b11: model \/models\/missing-block\.glb not found/),
    ]);
    expect((await fetch(`${server.url}/models/../compounds/yaguang-xincun.json`, { headers: auth.headers })).status).not.toBe(200);
  });

  it('when a compound names models, then they are drawn instead of the extrusions, a broken one falls back with a warning, and a click opens the building', async () => {
    const { ctx, page, warnings } = await signedInPage(browser, server);
    try {
      // the same compound without models, for the draw calls and pixels of the plain extrusion
      await page.goto(`${server.url}/?compound=yaguang-xincun`);
      await waitForScene(page);
      await waitForCameraRest(page, 'building', 'b2');
      await page.waitForTimeout(800);
      const corner = await page.evaluate(() => window.__twin!.projectLocal(10.8, -69.8, 17));
      const plain = await page.evaluate(() => window.__twin!.drawCalls);
      const [plainCorner] = await pixelsAt(page, [corner!]);

      await page.goto(`${server.url}/?compound=gltf-yaguang`);
      await waitForScene(page);
      await page
        .waitForFunction((ids) => ids.every((id) => window.__twin?.models[id] === 'ready') && window.__twin?.models.b11 === 'failed', MODELLED, {
          timeout: 60_000,
        })
        .catch(async (e: Error) => {
          throw new Error(`${e.message}\nmodels: ${JSON.stringify(await page.evaluate(() => window.__twin?.models))}\nconsole: ${warnings.join('\n')}`);
        });
      await waitForCameraRest(page, 'building', 'b2');
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-gltf-overview.png') });
      const calls = await page.evaluate(() => window.__twin!.drawCalls);
      // one draw call per modelled building on top of the same scene; the shell and lines stay one each
      expect(calls - plain, `draw calls ${plain} → ${calls}`).toBe(MODELLED.length);
      expect(calls).toBeLessThanOrEqual(DEMO_BUDGET);
      expect(warnings.some((w) => w.includes('building b11') && w.includes('/models/missing-block.glb') && w.includes('extruded footprint'))).toBe(true);
      expect(warnings.filter((w) => w.includes('pageerror'))).toEqual([]);

      // the model's tiled roof is where the probe says building 2 is (terracotta, not the blue-grey extruded roof)
      const top2 = await page.evaluate(() => window.__twin!.screenPosition('building', 'b2'));
      const [roof] = await pixelsAt(page, [top2!]);
      expect(roof[0], `roof colour ${roof}`).toBeGreaterThan(roof[2] + 30);
      // the extrusion's roof corner (outside the ¾-scale model) is gone: not the pixel the plain compound had there
      const [modelCorner] = await pixelsAt(page, [corner!]);
      expect(colourDistance(plainCorner, modelCorner), `${plainCorner} vs ${modelCorner}`).toBeGreaterThan(30);
      await page.mouse.move(corner!.x, corner!.y);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => window.__twin!.hover?.id ?? null), 'what the pointer finds at the extrusion roof corner').not.toBe('b2');

      // the broken model's building is extruded and pickable as ever
      const p11 = await page.evaluate(() => window.__twin!.screenPosition('building', 'b11'));
      await page.mouse.move(p11!.x, p11!.y);
      await expect.poll(() => page.getByTestId('tooltip').textContent()).toContain('11栋');

      // hover and click on the model: tooltip, panel, fly-to
      await page.mouse.move(top2!.x, top2!.y);
      await expect.poll(() => page.getByTestId('tooltip').textContent()).toContain('2栋');
      await page.mouse.click(top2!.x, top2!.y);
      const panel = page.getByTestId('building-panel');
      await panel.waitFor({ timeout: 10_000 });
      expect(await panel.getAttribute('data-building-id')).toBe('b2');
      await waitForCameraRest(page, 'building', 'b2');
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-gltf-building.png') });

      // opened up, the model gives way to the see-through storeys as an extruded building does
      await page.getByTestId('toggle-explode').click();
      await page.waitForTimeout(2500);
      const opened = await page.evaluate(() => window.__twin!.screenPosition('building', 'b2'));
      const [where] = await pixelsAt(page, [opened!]);
      expect(where[0] > where[2] + 30, `no tiled roof left at ${where}`).toBe(false);
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-gltf-exploded.png') });
      await page.getByTestId('toggle-explode').click();

      // the Draco model (building 7) is also pickable where the probe says
      await page.keyboard.press('Escape');
      await waitForCameraRest(page, 'building', 'b7');
      const top7 = await page.evaluate(() => window.__twin!.screenPosition('building', 'b7'));
      await page.mouse.click(top7!.x, top7!.y);
      await expect.poll(() => panel.getAttribute('data-building-id')).toBe('b7');
      await waitForCameraRest(page, 'building', 'b7');
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-gltf-draco.png') });
      expect(existsSync(join(ARTIFACTS, 'e2e-gltf-draco.png'))).toBe(true);
    } finally {
      await ctx.close();
    }
  }, 180_000);
});

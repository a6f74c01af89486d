// Helpers for the glTF and import browser tests: a compound with modelled buildings, pixels read back
// from a real screenshot, the initial download's gzip size, and a signed-in page.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Compound } from '../../models/compound';
import type { TestServer } from '../../server/testing/startTestServer';
import { ROOT } from './buildClient';

export type Rgb = [number, number, number];

/**
 * A copy of Yaguang Xincun (id `gltf-yaguang`, device ids prefixed so they stay unique) where
 * building 2 is drawn from the meshopt model at ¾ scale (so its footprint's corners are empty air),
 * building 7 from the Draco model turned 180°, and building 11 names a model that does not exist.
 */
export function gltfTestCompound(): Compound {
  const doc = JSON.parse(readFileSync(resolve(ROOT, 'data/compounds/yaguang-xincun.json'), 'utf8')) as Compound;
  doc.id = 'gltf-yaguang';
  doc.name = '亚光新村（模型）';
  doc.nameEn = 'Yaguang Xincun (models)';
  for (const d of doc.devices) d.id = `gl-${d.id}`;
  const at = (id: string) => doc.buildings.find((b) => b.id === id)!;
  at('b2').model = { url: '/models/residential-block.glb', origin: [29.8, -74.6, 0], rotationDeg: 0, scale: 0.75 };
  at('b7').model = { url: '/models/residential-block-draco.glb', origin: [-23.8, 31.2, 0], rotationDeg: 180, scale: 1 };
  at('b11').model = { url: '/models/missing-block.glb', origin: [60.8, 68.8, 0], rotationDeg: 0, scale: 1 };
  return doc;
}

/** RGB (0..255) of the canvas at CSS points, decoded in the page from a real screenshot of it. */
export async function pixelsAt(page: Page, points: readonly { x: number; y: number }[]): Promise<Rgb[]> {
  const canvas = page.getByTestId('scene-canvas');
  const box = (await canvas.boundingBox())!;
  const png = (await canvas.screenshot()).toString('base64');
  return page.evaluate(
    async ([b64, pts, left, top]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = new OffscreenCanvas(img.width, img.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return pts.map((p) => {
        const x = Math.min(img.width - 1, Math.max(0, Math.round(p.x - left)));
        const y = Math.min(img.height - 1, Math.max(0, Math.round(p.y - top)));
        const d = ctx.getImageData(x, y, 1, 1).data;
        return [d[0], d[1], d[2]] as [number, number, number];
      });
    },
    [png, points, box.x, box.y] as const,
  );
}

export const colourDistance = (a: Rgb, b: Rgb) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);

/** Gzipped size of the scripts index.html loads before anything else (entry + modulepreloads), in kB. */
export function initialScriptsGzipKb(distDir: string): { kb: number; files: string[] } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(distDir, f.replace(/^\//, ''))), { level: 9 }).length, 0);
  return { kb: bytes / 1024, files };
}

/** A page signed in as `who`, with page errors and console warnings collected. */
export async function signedInPage(
  browser: Browser,
  server: TestServer,
  who: 'admin' | 'officer-yaguang' = 'admin',
  width = 1600,
  height = 900,
): Promise<{ ctx: BrowserContext; page: Page; warnings: string[] }> {
  const ctx = await browser.newContext({ viewport: { width, height } });
  const auth = await server.login(who);
  await ctx.addCookies([{ name: 'ct_session', value: auth.token, url: server.url }]);
  const page = await ctx.newPage();
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
  });
  page.on('pageerror', (e) => warnings.push(`pageerror: ${e.message}`));
  return { ctx, page, warnings };
}

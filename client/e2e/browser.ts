import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Chromium from CHROME_PATH or the system package; null (and a loud warning) when there is none. */
export function findChromium(): string | null {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return path;
  console.warn(`\n*** Browser tests SKIPPED: no Chromium at ${path}. Install it (apt-get install -y chromium fonts-noto-cjk) or set CHROME_PATH. ***\n`);
  return null;
}

/** Headless Chromium with software WebGL (SwiftShader), no network side traffic. */
export function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

export interface TwinFigures {
  drawCalls: number;
  triangles: number;
  fps: number;
  frames: number;
}

/** Waits until the scene has rendered a few frames with something in it. */
export async function waitForScene(page: Page, timeout = 60_000): Promise<TwinFigures> {
  await page.waitForFunction(() => !!window.__twin && window.__twin.frames > 4 && window.__twin.drawCalls > 3, null, { timeout });
  return page.evaluate(() => ({
    drawCalls: window.__twin!.drawCalls,
    triangles: window.__twin!.triangles,
    fps: window.__twin!.fps,
    frames: window.__twin!.frames,
  }));
}

/** Waits until the camera has settled (fly-to transitions end) by watching a point's screen position. */
export async function waitForCameraRest(page: Page, kind: 'building' | 'device', id: string, timeout = 20_000): Promise<{ x: number; y: number }> {
  const start = Date.now();
  let last: { x: number; y: number } | null = null;
  for (;;) {
    const p = await page.evaluate(([k, i]) => window.__twin!.screenPosition(k, i), [kind, id] as const);
    if (p && last && Math.hypot(p.x - last.x, p.y - last.y) < 0.5) return p;
    if (Date.now() - start > timeout) throw new Error(`camera did not settle on ${kind} ${id}`);
    last = p;
    await page.waitForTimeout(400);
  }
}

/**
 * How much of the canvas is drawn: share of pixels that differ from the background, and the number
 * of distinct colours (coarsely bucketed). Decoded in the page from a real screenshot, so it sees
 * exactly what a person would.
 */
export async function canvasCoverage(page: Page): Promise<{ drawn: number; colours: number }> {
  const canvas = page.getByTestId('scene-canvas');
  const png = (await canvas.screenshot()).toString('base64');
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    const bg = [d[0], d[1], d[2]];
    let drawn = 0;
    let n = 0;
    const buckets = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 7) {
      n++;
      if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 24) drawn++;
      buckets.add(((d[i] >> 4) << 8) | ((d[i + 1] >> 4) << 4) | (d[i + 2] >> 4));
    }
    return { drawn: drawn / n, colours: buckets.size };
  }, png);
}

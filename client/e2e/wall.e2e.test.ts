// The wall display in real headless Chromium against a real server: layout at wall sizes, an alarm
// pre-empting the patrol, and the server going away and coming back without a reload.
// One browser at a time (2 cores): the tests share one page and run in order.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { openDb } from '../../server/db/openDb';
import type { TwinApp } from '../../server/app';
import { signIn } from '../../server/testing/testAuth';
import { ARTIFACTS, DEMO_WALL_TOKEN, buildClientInto, calmReadings, chromiumPath, ingest, launchChromium, startAppOn } from './wallKit';

const chrome = chromiumPath();
const Y = 'yaguang-xincun';
// ends at 1080p: software WebGL draws the later tests faster there
const SIZES: [number, number][] = [
  [3840, 2160],
  [5760, 1080],
  [1920, 1080],
];

/** The screen box the patrol keeps free for the 3D view (between the side columns, under the header, over the ticker). */
async function freeArea(page: Page) {
  return page.evaluate(() => {
    const r = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
    return { left: r('.wall-left').right, right: r('.wall-right').left, top: r('.wall-header').bottom, bottom: r('.wall-ticker').top };
  });
}

describe.skipIf(!chrome)('wall display in Chromium', () => {
  let db: Db;
  let staticDir: string;
  let app: TwinApp;
  let url: string;
  let port: number;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    staticDir = await buildClientInto('e2e-wall-dist');
    db = await openDb({});
    ({ app, url, port } = await startAppOn(0, { db, staticDir }));
    // every device reports a normal value once: online, no alarm
    await ingest(url, Y, calmReadings(app.twins.get(Y)!.entry.doc.devices, Date.now()));
    browser = await launchChromium(chrome!);
    ctx = await browser.newContext({ viewport: { width: 3840, height: 2160 } });
    page = await ctx.newPage();
    page.on('pageerror', (e) => console.warn(`[page] ${e.message}`));
    await page.goto(`${url}/wall?compound=${Y}&token=${DEMO_WALL_TOKEN}&stop=5&dwell=120&down=2`);
    await page.waitForFunction(() => !!window.__twin && window.__twin.frames > 4 && window.__twin.drawCalls > 3, null, { timeout: 90_000 });
  }, 240_000);

  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it('when opened with the display token at 3840×2160, 5760×1080 and 1920×1080, then KPIs and the scene fill the screen with no overflow, no login and no tiny text', async () => {
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
    await expect.poll(() => page.locator('[data-kpi="onlinePct"]').textContent(), { timeout: 20_000 }).toBe('100.0%');
    expect(await page.getByTestId('login-form').count()).toBe(0);
    expect(await page.locator('input[type="password"]').count()).toBe(0);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(2500);
      const fit = await page.evaluate(() => ({
        sw: document.documentElement.scrollWidth,
        sh: document.documentElement.scrollHeight,
        bw: document.body.scrollWidth,
        bh: document.body.scrollHeight,
      }));
      expect(Math.max(fit.sw, fit.bw), `scroll width at ${width}×${height}`).toBeLessThanOrEqual(width);
      expect(Math.max(fit.sh, fit.bh), `scroll height at ${width}×${height}`).toBeLessThanOrEqual(height);
      // nothing inside the panels is cut off either
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll('.wall-panel')].filter((el) => el.scrollHeight > el.clientHeight + 1).map((el) => el.getAttribute('data-testid')),
      );
      expect(clipped, `panels whose content overflows at ${width}×${height}`).toEqual([]);
      const texts = await page.evaluate(() =>
        [...document.querySelectorAll('.wall span, .wall b, .wall h2, .wall small')]
          .filter((el) => (el as HTMLElement).offsetParent && el.textContent?.trim())
          .map((el) => ({
            px: parseFloat(getComputedStyle(el).fontSize),
            what: `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 20)}"`,
          })),
      );
      const smallest = Math.min(...texts.map((x) => x.px));
      const tiny = texts.filter((x) => x.px < height / 80).map((x) => `${x.what} ${x.px}px`);
      expect(smallest, `smallest text at ${width}×${height} (px): ${tiny.slice(0, 5).join('; ')}`).toBeGreaterThanOrEqual(height / 80);
      const canvas = await page.getByTestId('scene-canvas').boundingBox();
      expect(canvas!.width).toBeGreaterThanOrEqual(width - 1);
      await expect.poll(() => page.getByTestId('wall-systems').locator('li').count()).toBeGreaterThan(8);
      await page.screenshot({ path: join(ARTIFACTS, `e2e-wall-${width}x${height}.png`) });
    }
  }, 180_000);

  it('when a smoke detector reports smoke, then the patrol flies to that device, and when someone acknowledges it, the patrol resumes', async () => {
    const doc = app.twins.get(Y)!.entry.doc;
    // a stairwell detector: a flat's own device would be framed by its building only
    const smoke = doc.devices.find(
      (d) => d.type === 'smoke_detector' && !/\d{3,4}室/.test(d.name) && d.placement.kind === 'building' && d.placement.buildingId === 'b5',
    )!;
    await expect.poll(() => page.evaluate(() => window.__wall?.kind)).not.toBe('alarm');
    await ingest(url, Y, [{ deviceId: smoke.id, metric: 'smoke', ts: Date.now(), value: 1 }]);
    await expect
      .poll(() => page.evaluate(() => window.__wall && { kind: window.__wall.kind, deviceId: window.__wall.deviceId }), { timeout: 15_000 })
      .toEqual({ kind: 'alarm', deviceId: smoke.id });
    expect(await page.getByTestId('wall-patrol').locator('[data-kind="alarm"]').getAttribute('data-device-id')).toBe(smoke.id);
    // the camera really goes there: once it settles, the device sits in the free middle of the screen
    const free = await freeArea(page);
    await expect
      .poll(
        async () => {
          const p = await page.evaluate((id) => window.__twin!.screenPosition('device', id), smoke.id);
          return (
            !!p &&
            p.x > free.left &&
            p.x < free.right &&
            p.y > free.top &&
            p.y < free.bottom &&
            Math.abs(p.x - (free.left + free.right) / 2) < (free.right - free.left) * 0.2
          );
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(true);
    await expect.poll(() => page.getByTestId('wall-ticker').textContent()).toContain('烟感报警');
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-wall-alarm.png') });

    const alarmId = await page.evaluate(() => window.__wall!.alarmId);
    const officer = await signIn(url, 'officer-yaguang');
    const ack = await fetch(`${url}/api/v1/alarms/${alarmId}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...officer.headers },
      body: JSON.stringify({ comment: '现场确认：测试烟雾' }),
    });
    expect(ack.status).toBe(200);
    await expect.poll(() => page.evaluate(() => window.__wall!.kind), { timeout: 10_000 }).not.toBe('alarm');
  }, 90_000);

  it('when the server goes away, then the stale watermark shows, and when it is back, the wall recovers by itself without a reload', async () => {
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    expect(await page.getByTestId('stale-watermark').count()).toBe(0);
    await app.close();
    await expect.poll(() => page.getByTestId('stale-watermark').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('stale-watermark').textContent()).toMatch(/数据中断.*数据自 \d\d:\d\d 起未更新/);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-wall-stale.png') });
    expect(await page.getByTestId('login-form').count()).toBe(0);

    ({ app } = await startAppOn(port, { db, staticDir }));
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 45_000, interval: 1000 }).toBe('live');
    await expect.poll(() => page.getByTestId('stale-watermark').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    // and it is live again: a new alarm reaches it
    const smoke = app.twins
      .get(Y)!
      .entry.doc.devices.find(
        (d) => d.type === 'smoke_detector' && !/\d{3,4}室/.test(d.name) && d.placement.kind === 'building' && d.placement.buildingId === 'b2',
      )!;
    await ingest(url, Y, [{ deviceId: smoke.id, metric: 'smoke', ts: Date.now(), value: 1 }]);
    await expect.poll(() => page.evaluate(() => window.__wall!.deviceId), { timeout: 15_000 }).toBe(smoke.id);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-wall-recovered.png') });
  }, 120_000);
});

if (!chrome) it('wall browser tests need Chromium (skipped, see warning above)', () => undefined);

// Browser test of issue 17's cameras in real headless Chromium against a real test server whose demo cameras
// stream MJPEG from a real ffmpeg (testsrc2 with the camera's name and the time burned in): selecting a camera
// opens a live tile whose frames change; pausing closes the stream; an AI camera event posted through the
// ingest raises an alarm whose snapshot loads in the alarm list and opens large; the other compound's officer
// is refused the stream and the snapshot; the wall shows the camera live beside the 3D when its patrol turns
// to the alarm.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../models/alarm';
import type { Device } from '../../models/compound';
import type { CameraStreamInfo } from '../../models/video';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { findChromium, launchBrowser, waitForScene } from './browser';
import { ARTIFACTS, buildClientForTests } from './buildClient';

const chromePath = findChromium();
const Y = 'yaguang-xincun';
const SHOTS = process.env.VIDEO_SHOTS_DIR ?? ARTIFACTS;

/**
 * In the page: waits for the <img> player's first frame, then draws it into a canvas every 200 ms until the
 * picture differs from the first (testsrc2's moving pattern and the burned-in clock). Times in ms from the call.
 */
const FRAMES_CHANGE = async (selector: string) => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const t0 = performance.now();
  const img = document.querySelector<HTMLImageElement>(selector);
  if (!img) return { first: null, changed: null, width: 0, diff: 0 };
  while (!img.naturalWidth && performance.now() - t0 < 10_000) await sleep(50);
  if (!img.naturalWidth) return { first: null, changed: null, width: 0, diff: 0 };
  const first = performance.now() - t0;
  const c = document.createElement('canvas');
  c.width = 320;
  c.height = 180;
  const g = c.getContext('2d', { willReadFrequently: true })!;
  const sample = () => {
    g.drawImage(img, 0, 0, c.width, c.height);
    return g.getImageData(0, 0, c.width, c.height).data;
  };
  const a = sample();
  let diff = 0;
  while (performance.now() - t0 < 10_000) {
    await sleep(200);
    const b = sample();
    diff = 0;
    for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 48) diff++;
    if (diff > 100) return { first, changed: performance.now() - t0, width: img.naturalWidth, diff };
  }
  return { first, changed: null, width: img.naturalWidth, diff };
};

describe.skipIf(!chromePath)('cameras and video in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let cam: Device;
  let alarmId = 0;
  const pageErrors: string[] = [];

  const api = async <T>(path: string, who: 'officer-yaguang' | 'officer-sanhe' = 'officer-yaguang'): Promise<T> =>
    (await fetch(`${server.url}/api/v1${path}`, { headers: (await server.login(who)).headers })).json() as Promise<T>;
  const panel = () => page.getByTestId('video-panel');
  const tile = (id: string) => panel().locator(`[data-testid="video-tile"][data-device-id="${id}"]`);
  const video = (id: string) => tile(id).locator('[data-testid="camera-video"]');
  const openDevice = async (id: string) => {
    await page.getByTestId('search-input').fill(id);
    await page.getByTestId('search-results').waitFor();
    await page.getByTestId('search-input').press('Enter');
    await expect.poll(() => page.getByTestId('device-panel').getAttribute('data-device-id'), { timeout: 60_000 }).toBe(id);
  };
  const postEvent = async (kind: string, png: string) => {
    const res = await fetch(`${server.url}/api/v1/ingest/camera-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.key(Y) },
      body: JSON.stringify({ events: [{ deviceId: cam.id, kind, at: Date.now(), snapshot: { contentType: 'image/png', data: png } }] }),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    mkdirSync(SHOTS, { recursive: true });
    const staticDir = await buildClientForTests();
    server = await startTestServer({ staticDir });
    const doc = await api<{ devices: Device[] }>(`/compounds/${Y}`);
    // a camera out in the open (its own picture and a neighbour's), brought online by a reading
    cam = doc.devices.find((d) => d.type === 'camera' && d.placement.kind === 'ground') ?? doc.devices.find((d) => d.type === 'camera')!;
    const res = await fetch(`${server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.key(Y) },
      body: JSON.stringify({ readings: [{ deviceId: cam.id, metric: 'online', ts: Date.now(), value: 1 }] }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    for (let i = 0; (await api<CameraStreamInfo>(`/devices/${encodeURIComponent(cam.id)}/stream`)).unavailable !== null; i++) {
      if (i > 60) throw new Error(`camera ${cam.id} has no stream`);
      await new Promise((r) => setTimeout(r, 500));
    }
    browser = await launchBrowser(chromePath!);
    ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const auth = await server.login('officer-yaguang');
    await ctx.addCookies([{ name: 'ct_session', value: auth.token, url: server.url }]);
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/`);
    await waitForScene(page);
  }, 300_000);

  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await server?.close();
  });

  it('when a camera is selected, then its live tile opens beside the device panel and the MJPEG frames change within 5 s', async () => {
    await openDevice(cam.id);
    await video(cam.id).waitFor({ timeout: 30_000 });
    expect(await video(cam.id).evaluate((el) => el.tagName)).toBe('IMG');
    const r = await page.evaluate(FRAMES_CHANGE, `[data-testid="video-tile"][data-device-id="${cam.id}"] img[data-testid="camera-video"]`);
    expect(r.first, JSON.stringify(r)).not.toBeNull();
    expect(r.changed, JSON.stringify(r)).not.toBeNull();
    expect(r.changed!).toBeLessThan(5_000);
    // beside the device panel, clear of it and of the left column
    const v = (await panel().boundingBox())!;
    const d = (await page.getByTestId('device-panel').boundingBox())!;
    const left = (await page.locator('.left-col').boundingBox())!;
    expect(v.x + v.width).toBeLessThanOrEqual(d.x + 1);
    expect(v.x).toBeGreaterThan(left.x + left.width);
    expect(v.x).toBeGreaterThan(1920 / 2);
    await page.screenshot({ path: join(SHOTS, 'e2e-video-console.png'), timeout: 90_000 });
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('when the tile is pinned and the device panel closes, then it keeps playing; paused, the stream closes and the still shows', async () => {
    await tile(cam.id).getByTestId('video-pin').click();
    await page.getByTestId('device-panel').locator('button.close').click();
    await expect.poll(() => page.getByTestId('device-panel').count()).toBe(0);
    await expect.poll(() => video(cam.id).count()).toBe(1);
    expect(server.app.video.demo.running().has(cam.id)).toBe(true);
    await tile(cam.id).getByTestId('video-pause').dispatchEvent('click');
    await expect.poll(() => video(cam.id).count()).toBe(0);
    await expect.poll(() => tile(cam.id).locator('[data-testid="camera-still"], [data-testid="camera-placeholder"]').count()).toBe(1);
    // no viewer left: the demo source stops after its idle time (4 s)
    await expect.poll(() => server.app.video.demo.running().has(cam.id), { timeout: 20_000 }).toBe(false);
    await tile(cam.id).getByTestId('video-play').dispatchEvent('click');
    await video(cam.id).waitFor({ timeout: 30_000 });
  }, 120_000);

  it('when an AI camera event with a snapshot is ingested, then its alarm shows the snapshot in the list, it opens large, and "watch live" plays the camera', async () => {
    // a snapshot made by the browser's canvas: a real PNG
    const png = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 320;
      c.height = 180;
      const g = c.getContext('2d')!;
      g.fillStyle = '#203050';
      g.fillRect(0, 0, 320, 180);
      g.fillStyle = '#ff3355';
      g.fillRect(140, 40, 40, 100);
      g.fillStyle = '#fff';
      g.font = '20px sans-serif';
      g.fillText('thrown object', 20, 30);
      return c.toDataURL('image/png').split(',')[1];
    });
    await postEvent('thrown_object', png);
    let alarm: Alarm | undefined;
    await expect
      .poll(async () => (alarm = (await api<Alarm[]>(`/alarms?compoundId=${Y}&deviceId=${encodeURIComponent(cam.id)}&state=open`)).find((a) => !!a.snapshot)), {
        timeout: 30_000,
      })
      .toBeTruthy();
    alarmId = alarm!.id;
    expect(alarm!.snapshot).toMatchObject({ contentType: 'image/png' });
    const item = page.getByTestId('alarm-list').locator(`[data-testid="alarm-item"][data-alarm-id="${alarmId}"]`);
    await item.waitFor({ timeout: 30_000 });
    const thumb = item.locator('img[data-testid="alarm-snapshot"]');
    await thumb.scrollIntoViewIfNeeded();
    await expect.poll(() => thumb.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { timeout: 30_000 }).toBe(320);
    await page.locator('.left-col').screenshot({ path: join(SHOTS, 'e2e-video-alarm-snapshot.png'), timeout: 90_000 });
    await item.getByTestId('alarm-snapshot-open').dispatchEvent('click');
    const large = page.getByTestId('snapshot-large');
    await expect.poll(() => large.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { timeout: 30_000 }).toBe(320);
    await page.screenshot({ path: join(SHOTS, 'e2e-video-snapshot-large.png'), timeout: 90_000 });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('snapshot-viewer').count()).toBe(0);
    // "watch live" from the alarm: the camera's tile plays
    await page.getByTestId('video-close-all').dispatchEvent('click');
    await expect.poll(() => panel().count()).toBe(0);
    await item.getByTestId('alarm-watch-live').dispatchEvent('click');
    await video(cam.id).waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it("when the other compound's officer asks for the camera's stream or the alarm's snapshot, then the server refuses", async () => {
    expect(alarmId).toBeGreaterThan(0);
    const other = await browser.newContext();
    try {
      const auth = await server.login('officer-sanhe');
      await other.addCookies([{ name: 'ct_session', value: auth.token, url: server.url }]);
      const p = await other.newPage();
      await p.goto(`${server.url}/api/v1/me`);
      const id = encodeURIComponent(cam.id);
      const statuses = await p.evaluate(
        async (paths) => {
          const out: Record<string, number> = {};
          for (const path of paths) {
            const ctrl = new AbortController();
            const res = await fetch(path, { signal: ctrl.signal });
            out[path] = res.status;
            ctrl.abort();
          }
          return out;
        },
        [`/api/v1/devices/${id}/stream`, `/api/v1/devices/${id}/stream/mjpeg`, `/api/v1/devices/${id}/still`, `/api/v1/alarms/${alarmId}/snapshot`],
      );
      for (const [path, status] of Object.entries(statuses)) expect([403, 404], `${path} → ${status}`).toContain(status);
      // and the same page as officer-yaguang gets them
      const own = await page.evaluate(async (path) => (await fetch(path)).status, `/api/v1/alarms/${alarmId}/snapshot`);
      expect(own).toBe(200);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('when the wall patrol turns to the alarm, then the camera shows live beside the 3D, clear of the KPI columns, and goes when the alarm is acknowledged', async () => {
    const wall = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const p = await wall.newPage();
      await p.goto(`${server.url}/wall?compound=${Y}&token=demo-wall-token&stop=5&dwell=120`);
      await p.waitForFunction(() => !!window.__twin && window.__twin.frames > 4, null, { timeout: 90_000 });
      // the most severe unacknowledged alarm comes first: a fire/smoke event on the same camera
      const png = await p.evaluate(() => {
        const c = document.createElement('canvas');
        c.width = 64;
        c.height = 36;
        c.getContext('2d')!.fillRect(0, 0, 64, 36);
        return c.toDataURL('image/png').split(',')[1];
      });
      await postEvent('fire_smoke', png);
      await expect.poll(() => p.evaluate(() => window.__wall && window.__wall.kind), { timeout: 60_000 }).toBe('alarm');
      const cams = p.getByTestId('wall-cameras');
      await cams.waitFor({ timeout: 30_000 });
      expect((await cams.getAttribute('data-cameras'))?.split(',')[0]).toBe(cam.id);
      const img = p.locator(`[data-testid="wall-camera"][data-device-id="${cam.id}"] [data-testid="camera-video"]`);
      await img.waitFor({ timeout: 30_000 });
      const r = await p.evaluate(FRAMES_CHANGE, `[data-testid="wall-camera"][data-device-id="${cam.id}"] img[data-testid="camera-video"]`);
      expect(r.changed, JSON.stringify(r)).not.toBeNull();
      const box = (await cams.boundingBox())!;
      const kpis = (await p.getByTestId('wall-kpis').boundingBox())!;
      const right = (await p.locator('.wall-right').boundingBox())!;
      expect(box.x).toBeGreaterThan(kpis.x + kpis.width);
      expect(box.x + box.width).toBeLessThanOrEqual(right.x);
      await p.screenshot({ path: join(SHOTS, 'e2e-video-wall.png'), timeout: 90_000 });
      // acknowledged, the alarms leave the patrol and the pictures go
      const open = await api<Alarm[]>(`/alarms?compoundId=${Y}&deviceId=${encodeURIComponent(cam.id)}&state=open`);
      const { headers } = await server.login('officer-yaguang');
      for (const a of open) {
        const res = await fetch(`${server.url}/api/v1/alarms/${a.id}/ack`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ comment: 'seen on video' }),
        });
        expect(res.status, await res.clone().text()).toBe(200);
      }
      await expect.poll(() => p.getByTestId('wall-cameras').count(), { timeout: 60_000 }).toBe(0);
    } finally {
      await wall.close();
    }
  }, 240_000);
});

// Browser test of issue 13, "Replay is a time machine", in real headless Chromium against a real test server:
// the KPI bar frozen at the replayed moment (the state-at figures, marked as replayed), untouched by live alarms
// and orders arriving meanwhile, back to the live figures on leaving; the replay bar docked below the compound.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { findChromium, launchBrowser, waitForScene } from './browser';
import { ARTIFACTS } from './buildClient';
import { buildClientInto } from './wallKit';

const chromePath = findChromium();
const Y = 'yaguang-xincun';
const HYDRANT = 'yg-b2-u1-f6-hydrant';
const HYDRANT2 = 'yg-b3-u2-f6-hydrant';
const MIN = 60_000;
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `e2e-replay-${name}.png`) });

/** The KPI bar's figures as numbers (whatever the number format), by data-kpi. */
async function kpiBar(page: Page): Promise<Record<string, number | null>> {
  return page.evaluate(() => {
    const out: Record<string, number | null> = {};
    document.querySelectorAll<HTMLElement>('[data-testid="kpi-bar"] [data-kpi]').forEach((el) => {
      const m = (el.textContent ?? '').replace(/[,\s\u00a0\u202f]/g, '').match(/-?\d+(\.\d+)?/);
      out[el.dataset.kpi!] = m ? Number(m[0]) : null;
    });
    return out;
  });
}

describe.skipIf(!chromePath)('history replay as a time machine in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const now = Date.now();
  /** The first hydrant's pressure drops at t1; an order for it is opened at t1 + 5 min and closed at t1 + 90 min. */
  const t1 = now - 3 * 60 * MIN;
  let replayed: Record<string, number | null> = {};

  const ingest = async (readings: unknown[]) => {
    const res = await fetch(`${server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.key(Y) },
      body: JSON.stringify({ readings }),
    });
    expect(res.status).toBe(200);
  };
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`, { headers: (await server.login('officer-yaguang')).headers })).json();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const staticDir = await buildClientInto('e2e-replay-dist');
    server = await startTestServer({ staticDir });
    await ingest([
      { deviceId: HYDRANT, metric: 'pressure_mpa', ts: t1 - 31_000, value: 0.05 },
      { deviceId: HYDRANT, metric: 'pressure_mpa', ts: t1, value: 0.05 },
    ]);
    const alarm = ((await api(`/alarms?deviceId=${HYDRANT}`)) as { id: number; ruleId: string }[]).find((a) => a.ruleId === 'hydrant.low_pressure')!;
    const wo = server.app.workOrders;
    const w = await wo.create({ compoundId: Y, alarmId: alarm.id, description: '' }, 'officer-yaguang', t1 + 5 * MIN);
    await wo.update(w.id, { assignee: 'wang' }, 'officer-yaguang', t1 + 10 * MIN);
    await wo.update(w.id, { status: 'in_progress' }, 'wang', t1 + 20 * MIN);
    await wo.update(w.id, { status: 'resolved', comment: '阀门已更换' }, 'wang', t1 + 80 * MIN);
    await wo.update(w.id, { status: 'closed' }, 'officer-yaguang', t1 + 90 * MIN);
    browser = await launchBrowser(chromePath!);
    ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const auth = await server.login('officer-yaguang');
    await ctx.addCookies([{ name: 'ct_session', value: auth.token, url: server.url }]);
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/`);
    await waitForScene(page);
    await page.getByTestId('connection-status').and(page.locator('[data-state="live"]')).waitFor({ timeout: 20_000 });
  }, 240_000);

  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await server?.close();
  });

  it('when replay is entered at a past moment, then the KPI bar is marked replayed and shows the figures of that moment', async () => {
    const live = await api(`/compounds/${Y}/kpis`);
    await expect.poll(async () => (await kpiBar(page)).workOrdersOpen, { timeout: 10_000 }).toBe(live.workOrdersOpen);
    await page.getByTestId('replay-open').click();
    const track = page.getByTestId('replay-track');
    // the replay bar is a lazy chunk: allow for a busy machine
    await track.waitFor({ timeout: 30_000 }).catch(async (err) => {
      await shot(page, 'no-track');
      throw new Error(`${err.message}; page errors: ${JSON.stringify(pageErrors)}`);
    });
    const from = Number(await track.getAttribute('data-from'));
    const to = Number(await track.getAttribute('data-to'));
    // while the order was open (assigned, not yet in progress) and the alarm in alarm; from t1 + 20 min the repair
    // in progress takes the alarm out of service (ISA-18.2), so the critical count would be 0 there
    const target = t1 + 15 * MIN;
    const box = (await track.boundingBox())!;
    await page.mouse.click(box.x + ((target - from) / (to - from)) * box.width, box.y + box.height / 2);
    const bar = page.getByTestId('kpi-bar');
    await expect
      .poll(async () => Math.abs(Number((await bar.getAttribute('data-replay-t')) || 0) - target), { timeout: 15_000 })
      .toBeLessThan((to - from) / box.width + 2_000);
    const t = Number(await bar.getAttribute('data-replay-t'));
    expect(Number(await page.getByTestId('replay-banner').getAttribute('data-t'))).toBe(t);
    expect(await bar.getAttribute('class')).toContain('replayed');
    await page.getByTestId('kpi-replay-badge').waitFor();
    await page.getByTestId('replay-tint').waitFor({ state: 'attached' });

    const at = await api(`/compounds/${Y}/state-at?t=${t}`);
    expect(at.kpis.workOrdersOpen).toBe(1);
    expect(at.kpis.alarmsActive.critical).toBeGreaterThanOrEqual(1);
    replayed = await kpiBar(page);
    expect(replayed).toMatchObject({
      onlinePct: at.kpis.onlinePct,
      alarmsAttention: at.kpis.alarmsAttention,
      alarmsUnacknowledged: at.kpis.alarmsUnacknowledged,
      alarmsReturnedUnack: at.kpis.alarmsReturnedUnack,
      alarmsActive: at.kpis.alarmsActive.critical + at.kpis.alarmsActive.major + at.kpis.alarmsActive.minor + at.kpis.alarmsActive.warning,
      'alarmsActive.critical': at.kpis.alarmsActive.critical,
      alarmsShelved: at.kpis.alarmsShelved,
      alarmsSuppressed: at.kpis.alarmsSuppressed,
      workOrdersOpen: 1,
    });
    // the list and the pins show the same moment: the order open then (closed now)
    await page.getByRole('tab', { name: /工单/ }).click();
    await page.getByTestId('workorder-item').first().waitFor({ timeout: 10_000 });
    const orders = await page.getByTestId('workorder-item').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-workorder-id'))));
    expect(orders).toEqual(at.workOrders.filter((w: { status: string }) => w.status !== 'resolved').map((w: { id: number }) => w.id));
    await page.getByRole('tab', { name: /告警列表/ }).click();
    await page.waitForTimeout(800);
    await shot(page, 'kpis');
  }, 120_000);

  it('when the replay bar is docked, then it lies below the compound: no corner of the red line is under it', async () => {
    const barBox = (await page.getByTestId('replay-bar').boundingBox())!;
    expect(await page.getByTestId('replay-bar').getAttribute('data-inset')).toBe('bottom');
    const doc = await api(`/compounds/${Y}`);
    // the camera reframes once the bar is laid out; let it settle
    await expect
      .poll(
        async () => {
          const pts = await page.evaluate(
            (ring: [number, number][]) => ring.map(([x, y]) => window.__twin!.projectLocal(x, y, 0)),
            doc.redLine as [number, number][],
          );
          return Math.max(...pts.map((p) => (p ? p.y : Infinity)));
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBeLessThan(barBox.y);
  }, 60_000);

  it('when live alarms and orders arrive meanwhile, then the replayed KPIs do not change; leaving replay returns to the live figures', async () => {
    // a new critical alarm now, and a new work order now
    const n = Date.now();
    await ingest([
      { deviceId: HYDRANT2, metric: 'pressure_mpa', ts: n - 31_000, value: 0.05 },
      { deviceId: HYDRANT2, metric: 'pressure_mpa', ts: n, value: 0.05 },
      { deviceId: HYDRANT, metric: 'pressure_mpa', ts: n, value: 0.33 },
    ]);
    await server.app.workOrders.create(
      { compoundId: Y, title: '巡检 3 栋', category: 'inspection', priority: 'normal', description: '' },
      'officer-yaguang',
      n,
    );
    await page.waitForTimeout(2_500);
    expect(await kpiBar(page)).toEqual(replayed);
    const newAlarm = ((await api(`/alarms?deviceId=${HYDRANT2}`)) as { id: number; ruleId: string }[]).find((a) => a.ruleId === 'hydrant.low_pressure')!;
    expect(newAlarm).toBeTruthy();
    expect(await page.locator(`[data-testid="alarm-item"][data-alarm-id="${newAlarm.id}"]`).count()).toBe(0);

    await page.getByTestId('replay-live').click();
    await expect.poll(() => page.getByTestId('replay-banner').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('kpi-bar').getAttribute('class')).not.toContain('replayed');
    expect(await page.getByTestId('kpi-replay-badge').count()).toBe(0);
    // live again: the bar agrees with the live KPIs and the new alarm is listed
    await expect
      .poll(
        async () => {
          const [bar, k] = [await kpiBar(page), await api(`/compounds/${Y}/kpis`)];
          return bar.workOrdersOpen === k.workOrdersOpen && bar.alarmsAttention === k.alarmsAttention && bar.onlinePct === k.onlinePct;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    expect((await kpiBar(page)).workOrdersOpen).toBeGreaterThanOrEqual(1);
    await page.locator(`[data-testid="alarm-item"][data-alarm-id="${newAlarm.id}"]`).waitFor({ timeout: 10_000 });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

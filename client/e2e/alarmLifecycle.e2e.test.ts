// Browser test of issue 12, ISA-18.2 alarm management, in real headless Chromium against a real test server:
// a hydrant-pressure alarm that returns to normal stays listed (已恢复) until someone acknowledges it; the KPI
// bar, the list's 未确认 filter and GET /kpis agree at every step; shelving takes an alarm out of attention
// until its time is up; a latched smoke alarm stays active past its return until a person clears it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../models/alarm';
import type { AlarmListState } from '../../models/alarmState';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { findChromium, launchBrowser, waitForScene } from './browser';
import { ARTIFACTS, buildClientForTests } from './buildClient';

const chromePath = findChromium();
const Y = 'yaguang-xincun';
const HYDRANT_A = 'yg-b1-u1-f6-hydrant';
const HYDRANT_B = 'yg-b2-u1-f6-hydrant';
const SMOKE = 'yg-b1-u1-f1-smoke';
/** The whole console, and the alarm list and KPI bar on their own (to read their text at full size). */
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: join(ARTIFACTS, `e2e-alarms-${name}.png`), timeout: 90_000 });
  await page.locator('.left-col').screenshot({ path: join(ARTIFACTS, `e2e-alarms-${name}-list.png`), timeout: 90_000 });
  await page.getByTestId('kpi-bar').screenshot({ path: join(ARTIFACTS, `e2e-alarms-${name}-kpis.png`), timeout: 90_000 });
};

describe.skipIf(!chromePath)('ISA-18.2 alarm lifecycle in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let alarmA = 0;
  let alarmB = 0;
  let alarmC = 0;
  let shelvedUntil = 0;

  const ingest = async (deviceId: string, metric: string, readings: { ts: number; value: number }[]) => {
    const res = await fetch(`${server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.key(Y) },
      body: JSON.stringify({ readings: readings.map((r) => ({ deviceId, metric, ...r })) }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };
  const api = async (path: string) => (await fetch(`${server.url}/api/v1${path}`, { headers: (await server.login('officer-yaguang')).headers })).json();
  const alarm = (id: number): Promise<Alarm> => api(`/alarms/${id}`);
  /** The open alarm a rule raised on a device, once the engine has raised it. */
  const raised = async (deviceId: string, ruleId: string): Promise<Alarm> => {
    let found: Alarm | undefined;
    await expect
      .poll(async () => (found = ((await api(`/alarms?compoundId=${Y}&deviceId=${deviceId}&state=open`)) as Alarm[]).find((a) => a.ruleId === ruleId)), {
        timeout: 30_000,
      })
      .toBeTruthy();
    return found!;
  };
  // the list's items (a device panel lists the device's alarms with the same items)
  const listed = () => page.getByTestId('alarm-list').getByTestId('alarm-item');
  const item = (id: number) => page.getByTestId('alarm-list').locator(`[data-testid="alarm-item"][data-alarm-id="${id}"]`);
  const stateSelect = () => page.getByTestId('alarm-filter-state');
  const showList = async (state: AlarmListState) => {
    await stateSelect().selectOption(state);
    await expect.poll(() => page.getByTestId('alarm-list').getAttribute('data-state'), { timeout: 30_000 }).toBe(state);
  };
  /** The KPI bar, the count beside the list's 未确认 filter, the list under that filter and GET /kpis: one number. */
  const expectUnackedAgree = async (): Promise<number> => {
    await showList('unacked');
    const figures = async () => {
      const bar = Number(await page.locator('[data-kpi="alarmsUnacknowledged"]').textContent());
      const option = Number(await stateSelect().locator('option[value="unacked"]').getAttribute('data-count'));
      const inList = await listed().count();
      const kpis = (await api(`/compounds/${Y}/kpis`)).alarmsUnacknowledged as number;
      return { bar, option, inList, kpis };
    };
    let last = { bar: -1, option: -2, inList: -3, kpis: -4 };
    const agree = () => last.bar === last.option && last.option === last.inList && last.inList === last.kpis;
    await expect
      .poll(
        async () => {
          last = await figures();
          return agree() ? 'agree' : JSON.stringify(last);
        },
        { timeout: 30_000 },
      )
      .toBe('agree');
    console.info(`[e2e] unacknowledged: ${JSON.stringify(last)}`);
    await showList('attention');
    return last.bar;
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const staticDir = await buildClientForTests();
    server = await startTestServer({ staticDir, tickMs: 500 });
    browser = await launchBrowser(chromePath!);
    ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const auth = await server.login('officer-yaguang');
    await ctx.addCookies([{ name: 'ct_session', value: auth.token, url: server.url }]);
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('response', (r) => void (r.status() >= 400 && console.warn(`[e2e] HTTP ${r.status()} ${r.request().method()} ${r.url()}`)));
    await page.goto(`${server.url}/`);
    await waitForScene(page);
    await page.getByTestId('connection-status').and(page.locator('[data-state="live"]')).waitFor({ timeout: 20_000 });
  }, 240_000);

  afterAll(async () => {
    await page?.screenshot({ path: join(ARTIFACTS, 'e2e-alarms-last.png') }).catch(() => undefined);
    await ctx?.close();
    await browser?.close();
    await server?.close();
  });

  it('when a hydrant reads 0.05 MPa for over 30 s, then a critical unacknowledged alarm is in the default list', async () => {
    expect(await stateSelect().inputValue()).toBe('attention');
    const t0 = Date.now();
    await ingest(HYDRANT_A, 'pressure_mpa', [
      { ts: t0 - 40_000, value: 0.05 },
      { ts: t0 - 20_000, value: 0.05 },
      { ts: t0 - 8_000, value: 0.05 },
    ]);
    const a = await raised(HYDRANT_A, 'hydrant.low_pressure');
    expect(a).toMatchObject({ severity: 'critical', state: 'unack', active: true, acknowledged: false });
    alarmA = a.id;
    await item(alarmA).waitFor({ timeout: 30_000 });
    expect(await item(alarmA).getAttribute('data-state')).toBe('unack');
    expect(await item(alarmA).getByTestId('alarm-state').textContent()).toBe('未确认');
    expect(await expectUnackedAgree()).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('when the pressure recovers, then the alarm stays in the default list as returned, with 确认 and 派工单', async () => {
    await ingest(HYDRANT_A, 'pressure_mpa', [{ ts: Date.now(), value: 0.3 }]);
    await expect.poll(async () => (await alarm(alarmA)).state, { timeout: 30_000 }).toBe('rtn_unack');
    const a = item(alarmA);
    await expect.poll(() => a.getAttribute('data-state'), { timeout: 30_000 }).toBe('rtn_unack');
    expect(await a.getByTestId('alarm-state').textContent()).toContain('已恢复');
    expect(await a.getByTestId('alarm-returned-at').textContent()).toContain('恢复于');
    expect(await a.getByTestId('alarm-ack').textContent()).toBe('确认');
    expect(await a.getByTestId('alarm-create-wo').textContent()).toBe('派工单');
    expect(await a.getByTestId('alarm-clear').count(), 'a returned alarm is not active: nothing to clear').toBe(0);
    await expect.poll(() => page.locator('[data-kpi="alarmsReturnedUnack"]').textContent(), { timeout: 30_000 }).toContain('1');
    // a second hydrant drops: something unacknowledged beside the returned one
    const t0 = Date.now();
    await ingest(HYDRANT_B, 'pressure_mpa', [
      { ts: t0 - 40_000, value: 0.06 },
      { ts: t0 - 5_000, value: 0.06 },
    ]);
    alarmB = (await raised(HYDRANT_B, 'hydrant.low_pressure')).id;
    await item(alarmB).waitFor({ timeout: 30_000 });
    await expectUnackedAgree();
    await page.waitForTimeout(400);
    await shot(page, 'returned-zh');
  }, 180_000);

  it('when the returned alarm is acknowledged in the list, then it closes and leaves the default list', async () => {
    const before = await expectUnackedAgree();
    const a = item(alarmA);
    await a.getByTestId('alarm-ack').click();
    await a.locator('textarea').fill('压力已恢复，现场确认正常');
    await a.getByTestId('alarm-submit').click();
    await expect.poll(() => a.count(), { timeout: 30_000 }).toBe(0);
    expect(await alarm(alarmA)).toMatchObject({ state: 'normal', acknowledged: true, ackComment: '压力已恢复，现场确认正常' });
    expect(await expectUnackedAgree()).toBe(before - 1);
    // still findable among the closed ones, without actions
    await showList('cleared');
    await item(alarmA).waitFor({ timeout: 30_000 });
    expect(await item(alarmA).getByTestId('alarm-state').textContent()).toBe('已关闭');
    expect(await item(alarmA).locator('.alarm-actions').count()).toBe(0);
    await showList('attention');
  }, 180_000);

  it('when a latched smoke alarm returns, then it stays active until cleared; the open list shows it in zh and en', async () => {
    const t0 = Date.now();
    await ingest(SMOKE, 'smoke', [{ ts: t0 - 3_000, value: 1 }]);
    const c = await raised(SMOKE, 'smoke.detected');
    alarmC = c.id;
    expect(c.latched).toBe(true);
    await ingest(SMOKE, 'smoke', [{ ts: t0, value: 0 }]);
    await expect.poll(async () => (await alarm(alarmC)).returnedAt, { timeout: 30_000 }).not.toBeNull();
    expect(await alarm(alarmC)).toMatchObject({ active: true, state: 'unack' });
    await showList('open');
    const ci = item(alarmC);
    await ci.waitFor({ timeout: 30_000 });
    await expect.poll(() => ci.getByTestId('alarm-returned-at').count(), { timeout: 30_000 }).toBe(1);
    expect(await ci.getByTestId('alarm-latched').textContent()).toBe('锁定');
    expect(await ci.getByTestId('alarm-clear').count()).toBe(1);
    await item(alarmB).waitFor();
    await page.waitForTimeout(400);
    await shot(page, 'open-zh');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 30_000 }).toBe('en');
    expect(await ci.getByTestId('alarm-latched').textContent()).toBe('Latched');
    expect(await item(alarmB).getByTestId('alarm-state').textContent()).toBe('Unacknowledged');
    expect(await page.getByTestId('kpi-bar').textContent()).toContain('Unacked');
    await page.waitForTimeout(400);
    await shot(page, 'open-en');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 30_000 }).toBe('zh-CN');
    // clearing a latched alarm (by a person) closes it
    await ci.getByTestId('alarm-clear').click();
    await ci.locator('textarea').fill('现场无火情，复位烟感');
    await ci.getByTestId('alarm-submit').click();
    await expect.poll(() => ci.count(), { timeout: 30_000 }).toBe(0);
    expect(await alarm(alarmC)).toMatchObject({ active: false, state: 'normal' });
    await showList('attention');
    await expectUnackedAgree();
  }, 240_000);

  it('when another alarm is shelved for 15 minutes in the list, then it leaves attention and shows under 已搁置 until the time is up', async () => {
    const before = await expectUnackedAgree();
    const b = item(alarmB);
    await b.getByTestId('alarm-shelve').click();
    const form = b.getByTestId('alarm-form-shelve');
    await form.getByTestId('shelve-15').click();
    expect(await form.getByTestId('shelve-minutes').inputValue()).toBe('15');
    // a reason is required
    await form.getByTestId('alarm-submit').click();
    await expect.poll(() => form.locator('.form-error').count(), { timeout: 30_000 }).toBe(1);
    await form.locator('textarea').fill('消防泵检修，临时搁置');
    await page.waitForTimeout(200);
    await shot(page, 'shelve-form-zh');
    const t0 = Date.now();
    await form.getByTestId('alarm-submit').click();
    await expect.poll(() => b.count(), { timeout: 30_000 }).toBe(0);
    const shelved = await alarm(alarmB);
    expect(shelved).toMatchObject({ state: 'shelved', shelvedBy: expect.any(String), shelveComment: '消防泵检修，临时搁置' });
    expect(shelved.shelvedUntil!).toBeGreaterThanOrEqual(t0 + 15 * 60_000 - 1_000);
    expect(shelved.shelvedUntil!).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    shelvedUntil = shelved.shelvedUntil!;
    expect(await expectUnackedAgree()).toBe(before - 1);
    // the KPI figure opens the list it counts
    await expect.poll(() => page.locator('[data-kpi="alarmsShelved"]').textContent(), { timeout: 30_000 }).toBe('1');
    await page.locator('[data-kpi="alarmsShelved"]').click();
    expect(await stateSelect().inputValue()).toBe('shelved');
    expect(await stateSelect().locator('option[value="shelved"]').getAttribute('data-count')).toBe('1');
    await item(alarmB).waitFor({ timeout: 30_000 });
    expect(await item(alarmB).getByTestId('alarm-state').textContent()).toMatch(/^已搁置至 \d\d:\d\d$/);
    expect(await item(alarmB).getByTestId('alarm-unshelve').count()).toBe(1);
    expect(await listed().count()).toBe(1);
    await shot(page, 'shelved-zh');
  }, 180_000);

  it('when the shelving time is up, then the alarm comes back to attention by itself', async () => {
    // the server's expiry pass (run every tick), as it runs once the 15 minutes are up; the change reaches the page over the feed
    expect(await server.app.alarms.expireShelves(shelvedUntil)).toBe(1);
    await expect.poll(async () => (await alarm(alarmB)).state, { timeout: 30_000 }).toBe('unack');
    expect((await alarm(alarmB)).shelvedUntil).toBeNull();
    await showList('attention');
    await expect.poll(() => item(alarmB).getAttribute('data-state'), { timeout: 30_000 }).toBe('unack');
    await expect.poll(() => page.locator('[data-kpi="alarmsShelved"]').textContent(), { timeout: 30_000 }).toBe('0');
    await expectUnackedAgree();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});

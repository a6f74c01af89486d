// The operations page in real Chromium against a real test server: income, upkeep and balance shown are the
// API's (formatted), every chart draws, the CSV download carries the API's income figures, an officer of the
// other compound gets an error and no data, an evaluator sees the page, the district view sums the compounds.
// Data: revenue sent through the real ingest API (POST /ingest/revenue), the demo's upkeep history and fee bills.
// Screenshots (zh, en; 1920×1080 and 3840×2160) in test-artifacts/issue18/.
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictOperations, OperationsSummary } from '../../models/operations';
import { startOfZoneDay } from '../../models/zoneTime';
import { seedDemoUpkeep } from '../../server/operations/demoUpkeep';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import type { TestRole } from '../../server/testing/testAuth';
import { fmtMoney, fmtPct } from '../operations/opsText';
import { findChromium, launchBrowser } from './browser';
import { ARTIFACTS, buildClientForTests } from './buildClient';

const chromePath = findChromium();
const SHOTS = resolve(ARTIFACTS, 'issue18');
const Y = 'yaguang-xincun';
const S = 'sanhe-guanggu';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHARTS = ['balance', 'daily', 'hourly', 'models', 'maintainers', 'collection', 'ads'];

async function pageFor(browser: Browser, server: TestServer, who: TestRole, width = 1920, height = 1080): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  await ctx.addCookies([{ name: 'ct_session', value: (await server.login(who)).token, url: server.url }]);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.warn(`[page] ${e.message}`));
  return { ctx, page };
}

/** Opens a compound's operations page and waits until every chart has drawn. */
async function openOps(page: Page, url: string, compound: string, lang: 'zh' | 'en'): Promise<void> {
  await page.goto(`${url}/operations?compound=${compound}&lang=${lang}`);
  await page.getByTestId('ops-report').waitFor({ timeout: 60_000 });
  await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`[data-testid="ops-chart-${id}"] canvas`)), CHARTS, { timeout: 60_000 });
  await page.waitForTimeout(300);
}

/** Opaque pixels on a chart's canvas (0: nothing drawn). */
const inkOf = (page: Page, id: string) =>
  page.evaluate((id) => {
    const c = document.querySelector<HTMLCanvasElement>(`[data-testid="ops-chart-${id}"] canvas`)!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  }, id);

/** Nothing sticks out sideways, no chart box is cut off. */
async function expectNoOverflow(page: Page): Promise<void> {
  const o = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth - window.innerWidth,
    boxes: [...document.querySelectorAll('.ops-section, .ops-kpi, .ops-head')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className),
  }));
  expect(o.doc).toBeLessThanOrEqual(0);
  expect(o.boxes).toEqual([]);
}

describe.skipIf(!chromePath)('operations page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let api: OperationsSummary;

  const getJson = async <T>(path: string, who: TestRole = 'admin') => {
    const res = await fetch(`${server.url}/api/v1${path}`, { headers: (await server.login(who)).headers });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const staticDir = await buildClientForTests();
    server = await startTestServer({ staticDir });
    browser = await launchBrowser(chromePath!);
    const doc = server.app.twins.get(Y)!.entry.doc;
    // the demo's repair history with costs (what the simulator's backfill seeds)
    expect(await seedDemoUpkeep(server.db, doc, Date.now())).toBeGreaterThan(0);
    const chargers = doc.devices.filter((d) => d.type === 'ebike_charger').slice(0, 10);
    const gate = doc.devices.find((d) => d.type === 'parking_gate')!;
    const screen = doc.devices.find((d) => d.type === 'info_screen')!;
    const y0 = startOfZoneDay(startOfZoneDay(Date.now(), doc.timeZone) - 12 * HOUR, doc.timeZone);
    const items: unknown[] = [];
    for (let d = 0; d < 20; d++) {
      const day = y0 - d * DAY;
      // evening charging on three ports of ten chargers, 3 hours each
      for (const [i, c] of chargers.entries())
        for (const port of [1, 2, 3])
          items.push({
            kind: 'charge_session',
            id: `c-${d}-${i}-${port}`,
            deviceId: c.id,
            port,
            start: day + (17 + port) * HOUR,
            end: day + (20 + port) * HOUR,
            kwh: 1.5,
            fee: 1.8 + d * 0.01,
          });
      // a car in and out every two hours, the car park fuller in the evening
      for (let h = 7; h <= 21; h += 2) {
        items.push({
          kind: 'parking_pass',
          id: `pe-${d}-${h}`,
          deviceId: gate.id,
          at: day + h * HOUR,
          direction: 'entry',
          vehicle: 'temporary',
          occupied: 40 + 4 * h,
        });
        items.push({
          kind: 'parking_pass',
          id: `px-${d}-${h}`,
          deviceId: gate.id,
          at: day + (h + 1) * HOUR,
          direction: 'exit',
          vehicle: 'temporary',
          minutes: 60,
          fee: 5,
          occupied: 39 + 4 * h,
        });
      }
      items.push({
        kind: 'ad_play',
        id: `a-${d}`,
        deviceId: screen.id,
        at: day + 12 * HOUR,
        slot: ['lobby', 'gate-panel', 'screen-local'][d % 3],
        plays: 100 + d,
        price: 0.05,
      });
    }
    items.push({ kind: 'space_rent', id: 'rent-1', at: y0 - 3 * DAY + 9 * HOUR, deviceId: gate.id, spaces: 2, months: 1, fee: 300 });
    // through the real ingest API, in batches of ≤ 1000
    for (let i = 0; i < items.length; i += 1000) {
      const batch = items.slice(i, i + 1000);
      const res = await fetch(`${server.url}/api/v1/ingest/revenue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': server.key(Y) },
        body: JSON.stringify({ items: batch }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(((await res.json()) as { accepted: number }).accepted).toBe(batch.length);
    }
    const got = await getJson<OperationsSummary>(`/compounds/${Y}/operations`);
    expect(got.status).toBe(200);
    api = got.body;
    expect(api.totals.incomeTotal).toBeGreaterThan(0);
    expect(api.upkeep.bySystem.some((r) => r.failures > 0)).toBe(true);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("when the admin opens a compound's operations page, then the KPIs are the API's, every chart draws, the CSV has the API's income, at 1080p and 4K in zh and en", async () => {
    const { ctx, page } = await pageFor(browser, server, 'admin');
    try {
      await openOps(page, server.url, Y, 'zh');
      for (const [lang, w, h] of [
        ['zh', 1920, 1080],
        ['zh', 3840, 2160],
        ['en', 3840, 2160],
        ['en', 1920, 1080],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        if ((await page.evaluate(() => document.documentElement.lang)) !== (lang === 'en' ? 'en' : 'zh-CN')) await page.getByTestId('language-switch').click();
        // the charts redrawn at the page's width (and their text at its rem)
        await page.waitForFunction(
          (ids) =>
            ids.every((id) => {
              const box = document.querySelector(`[data-testid="ops-chart-${id}"]`);
              const c = box?.querySelector('canvas');
              return !!box && !!c && Math.abs(c.width / window.devicePixelRatio - box.clientWidth) <= 2;
            }),
          CHARTS,
          { timeout: 30_000 },
        );
        await page.waitForTimeout(400);
        expect(await page.getByTestId('ops-title').textContent()).toBe(lang === 'en' ? 'Yaguang Xincun — Operations' : '雅广新村 运营分析');
        expect(await page.getByTestId('kpi-income').textContent()).toBe(fmtMoney(api.totals.incomeTotal));
        expect(await page.getByTestId('kpi-upkeep').textContent()).toBe(fmtMoney(api.totals.upkeep));
        expect(await page.getByTestId('kpi-balance').textContent()).toBe(fmtMoney(api.totals.balance));
        expect(await page.getByTestId('kpi-collection').textContent()).toBe(fmtPct(api.fees.months.at(-1)?.rate));
        expect(await page.getByTestId('kpi-repairs').textContent()).toBe(String(api.repairs.requests));
        for (const id of CHARTS) expect(await inkOf(page, id), id).toBeGreaterThan(2_000);
        // the reliability table has a row per system with the API's failure rates
        expect(await page.locator('[data-testid="ops-systems"] tbody tr[data-system]').count()).toBe(api.upkeep.bySystem.length);
        const first = api.upkeep.bySystem[0];
        expect(await page.locator(`tr[data-system="${first.key}"] td`).nth(3).textContent()).toBe(fmtPct(first.failureRate));
        await expectNoOverflow(page);
        await page.screenshot({ path: resolve(SHOTS, `operations-${lang}-${w}x${h}.png`), fullPage: true });
      }
      // the CSV download: the same income figures as the JSON
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ops-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^operations-yaguang-xincun-.*\.csv$/);
      const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
      const income = new Map(
        csv
          .split(/\r\n/)
          .slice(1)
          .filter((l) => l.startsWith('income.'))
          .map((l) => {
            const [metric, period, value] = l.split(',');
            return [`${metric},${period}`, Number(value)] as const;
          }),
      );
      const expected = new Map<string, number>([['income.total,total', api.totals.incomeTotal]]);
      for (const k of ['charging', 'parking', 'advertising'] as const) {
        expected.set(`income.${k},total`, api.totals.income[k]);
        for (const m of api.months) expected.set(`income.${k},${m.month}`, m.income[k]);
        for (const d of api.daily) expected.set(`income.${k},${d.day}`, d.income[k]);
      }
      expect(income).toEqual(expected);
      // a window change asks the API for that window (this month: from the 1st), and the CSV link follows
      await page.getByTestId('ops-window-month').click();
      await expect.poll(() => page.getByTestId('ops-window').textContent(), { timeout: 30_000 }).toMatch(/^\d\d\/01\/\d{4} – /);
      expect(await page.getByTestId('ops-csv').getAttribute('href')).toMatch(/format=csv&from=\d+&to=\d+/);
    } finally {
      await ctx.close();
    }
  }, 300_000);

  it("when an officer of the other compound opens Yaguang's page, then an error shows and no figures; an evaluator sees the figures", async () => {
    expect((await getJson(`/compounds/${Y}/operations`, 'officer-sanhe')).status).toBe(403);
    const officer = await pageFor(browser, server, 'officer-sanhe');
    try {
      await officer.page.goto(`${server.url}/operations?compound=${Y}&lang=en`);
      await officer.page.getByTestId('ops-error').waitFor({ timeout: 60_000 });
      expect(await officer.page.getByTestId('ops-report').count()).toBe(0);
      expect(await officer.page.locator('[data-testid^="kpi-"]').count()).toBe(0);
    } finally {
      await officer.ctx.close();
    }
    const evaluator = await pageFor(browser, server, 'evaluator');
    try {
      await openOps(evaluator.page, server.url, Y, 'zh');
      expect(await evaluator.page.getByTestId('kpi-income').textContent()).toBe(fmtMoney(api.totals.incomeTotal));
    } finally {
      await evaluator.ctx.close();
    }
  }, 180_000);

  it("when the admin opens the district view, then its Operations block has the district's sums and links to each compound's page", async () => {
    const sums = (await getJson<DistrictOperations>('/district/operations')).body;
    expect(sums.compounds.map((c) => c.compoundId).sort()).toEqual([S, Y]);
    const { ctx, page } = await pageFor(browser, server, 'admin');
    try {
      await page.goto(`${server.url}/district?lang=zh`);
      await page.getByTestId('district-ops').waitFor({ timeout: 90_000 });
      expect(await page.locator('[data-ops-total="income"]').textContent()).toBe(fmtMoney(sums.totals.incomeTotal));
      expect(await page.locator('[data-ops-total="upkeep"]').textContent()).toBe(fmtMoney(sums.totals.upkeep));
      expect(await page.locator('[data-ops-total="balance"]').textContent()).toBe(fmtMoney(sums.totals.balance));
      await page.screenshot({ path: resolve(SHOTS, 'district-operations-zh-1920x1080.png') });
      await page.locator(`[data-testid="district-ops-link"][data-compound-id="${Y}"]`).click();
      await page.getByTestId('ops-report').waitFor({ timeout: 60_000 });
      expect(new URL(page.url()).searchParams.get('compound')).toBe(Y);
      // the district page of the operations view: a row per compound and the sums
      await page.goto(`${server.url}/operations?compound=all&lang=en`);
      await page.getByTestId('ops-district').waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-testid="ops-district-table"] tbody tr').count()).toBe(2);
      expect(await page.getByTestId('kpi-income').textContent()).toBe(fmtMoney(sums.totals.incomeTotal));
      await expectNoOverflow(page);
      await page.screenshot({ path: resolve(SHOTS, 'operations-district-en-1920x1080.png'), fullPage: true });
    } finally {
      await ctx.close();
    }
  }, 180_000);
});

// The production build in Chromium: the compiled server (`node dist/server/main.js`, NODE_ENV=production,
// demo accounts disabled, only production dependencies) serving the console built by `npm run build`.
// A person signs in as the first admin; there is no demo banner and no test probe on the page.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledApp, type CompiledApp } from '../../server/testing/compiledApp';
import { spawnServer, type SpawnedServer } from '../../server/testing/spawnServer';
import { canvasCoverage, findChromium, launchBrowser } from './browser';
import { ARTIFACTS } from './buildClient';

const chromePath = findChromium();
const ADMIN = { username: 'chief', password: 'a-real-admin-password-2026' };

describe.skipIf(!chromePath)('the production build in Chromium', () => {
  let app: CompiledApp;
  let srv: SpawnedServer;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await compiledApp();
    dataDir = mkdtempSync(join(tmpdir(), 'ct-prod-e2e-'));
    // The embedded database in production mode: no demo accounts are ever seeded there either.
    srv = await spawnServer(
      {
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        SESSION_SECRET: 'production-e2e-secret-0123456789abcdef',
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
        COOKIE_SECURE: '0',
      },
      120_000,
      { cwd: app.dir, args: ['dist/server/main.js'], cleanEnv: true },
    );
    browser = await launchBrowser(chromePath!);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.kill('SIGTERM');
    app?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the first admin signs in, then the console runs live with no demo banner and no window.__twin', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv.url}/`);
    await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    await page.getByTestId('login-username').fill(ADMIN.username);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('scene-canvas').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('live');
    // the scene draws (read off a screenshot, since there is no probe to ask)
    await expect.poll(async () => (await canvasCoverage(page)).drawn, { timeout: 60_000, interval: 1_000 }).toBeGreaterThan(0.2);
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    expect(await page.evaluate(() => ({ twin: '__twin' in window ? 1 : 0, wall: '__wall' in window ? 1 : 0 }))).toEqual({ twin: 0, wall: 0 });
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-production-console.png') });
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180_000);
});

// The sign-in page and the wall's token sign-in, in real headless Chromium against a real test server.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/testing/startTestServer';
import { findChromium, launchBrowser, waitForScene } from './browser';
import { ARTIFACTS, buildClientForTests } from './buildClient';

const chromePath = findChromium();

/** Collects CSP violations and page errors, which must stay empty. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

describe.skipIf(!chromePath)('sign-in in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer({ staticDir: await buildClientForTests() });
    browser = await launchBrowser(chromePath!);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when nobody is signed in, then the sign-in page shows in Chinese with the demo banner, switches to English, refuses a wrong password and opens the console on the right one', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(`${server.url}/`);
    await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('demo-banner').textContent()).toBe('演示模式 / DEMO');
    expect(await page.getByTestId('login-submit').textContent()).toBe('登录');
    await expect.poll(() => page.getByTestId('scene-canvas').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-login-zh.png') });

    await page.getByTestId('login-language').click();
    expect(await page.getByTestId('login-submit').textContent()).toBe('Sign in');
    await page.getByTestId('login-username').fill('officer-yaguang');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    expect(await page.getByTestId('login-error').textContent()).toBe('Wrong username or password');
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-login-en-error.png') });

    await page.getByTestId('login-password').fill('officer-demo-2026');
    await page.getByTestId('login-submit').click();
    await waitForScene(page);
    // The session cookie alone carries fetches and the socket: the link goes live with no token plumbing.
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
    expect(await page.getByTestId('demo-banner').isVisible()).toBe(true);
    const cookies = await ctx.cookies();
    expect(cookies.find((c) => c.name === 'ct_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('ct_session');
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-login-console.png') });
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('when the wall opens /wall?token=…, then it is signed in without any login prompt and goes live', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await ctx.newPage();
    const problems = watch(page);
    let sawLogin = false;
    await page.exposeFunction('__sawLogin', () => (sawLogin = true));
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="login-form"], [data-testid="login-panel"]')) (window as unknown as { __sawLogin(): void }).__sawLogin();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}/wall?token=demo-wall-token`);
    await waitForScene(page);
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
    expect(sawLogin).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-wall-token.png') });
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);
});

import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../testing/startTestServer';
import { freshPgDatabase, TEST_DATABASE_URL } from '../testing/databases';
import { spawnServer } from '../testing/spawnServer';
import { call } from '../testing/testAuth';

const tmp = mkdtempSync(join(tmpdir(), 'ct-prod-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const SECRET = 'production-test-secret-0123456789abcdef';

function runMain(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, SIMULATOR: 'off', PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(tmp, 'db-' + Math.random()), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('production start-up', () => {
  it('when NODE_ENV=production has no SESSION_SECRET, then the server refuses to start and says how to fix it', () => {
    for (const secret of [undefined, 'too-short']) {
      const r = runMain({ NODE_ENV: 'production', ...(secret ? { SESSION_SECRET: secret } : {}) });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/\[auth\] refusing to start: SESSION_SECRET is not set \(or shorter than 32 characters\).*openssl rand -base64 48/);
    }
  });

  it.skipIf(!TEST_DATABASE_URL)('when DATABASE_URL is set without SESSION_SECRET, then the server refuses to start', async () => {
    const pg = await freshPgDatabase();
    try {
      const r = runMain({ DATABASE_URL: pg.url });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/refusing to start: SESSION_SECRET/);
    } finally {
      await pg.drop();
    }
  });

  it('when a database that ran in demo mode is started in production, then it refuses until the demo credentials are disabled, and they stop working', async () => {
    const dataDir = join(tmp, 'was-demo');
    const demo = await spawnServer({ DATA_DIR: dataDir });
    expect(demo.output()).toMatch(/DEMO MODE/);
    expect((await call(demo.url, '/auth/login', { body: { username: 'admin', password: 'admin-demo-2026' } })).status).toBe(200);
    await demo.kill('SIGTERM');

    const refused = runMain({ DATA_DIR: dataDir, NODE_ENV: 'production', SESSION_SECRET: SECRET });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /refusing to start: this database still holds demo credentials \(5 demo accounts or wall tokens, 2 demo gateway keys.*DEMO_ACCOUNTS=disable/,
    );

    const prod = await spawnServer({
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      SESSION_SECRET: SECRET,
      DEMO_ACCOUNTS: 'disable',
      ADMIN_USERNAME: 'chief',
      ADMIN_PASSWORD: 'a-real-admin-password',
    });
    try {
      expect(prod.output()).toMatch(/demo credentials disabled/);
      expect(prod.output()).toMatch(/created the first admin account "chief"/);
      expect((await call(prod.url, '/auth/login', { body: { username: 'admin', password: 'admin-demo-2026' } })).status).toBe(401);
      expect((await call(prod.url, '/auth/wall', { body: { token: 'demo-wall-token' } })).status).toBe(401);
      const ingest = await call(prod.url, '/ingest', { body: { readings: [] }, headers: { 'x-api-key': 'demo-yaguang-xincun' } });
      expect(ingest.status).toBe(401);
      const chief = await call(prod.url, '/auth/login', { body: { username: 'chief', password: 'a-real-admin-password' } });
      expect(chief.status).toBe(200);
      expect(chief.body.demo).toBe(false);
      expect(chief.headers.get('set-cookie')).toMatch(/; Secure$/);
      expect(chief.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await prod.kill('SIGTERM');
    }
  });
});

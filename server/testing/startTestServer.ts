import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type AppDeps, type TwinApp } from '../app';
import type { Db } from '../db/db';
import { openDb } from '../db/openDb';
import { signIn, type TestAuth, type TestRole } from './testAuth';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface TestServer {
  url: string;
  port: number;
  app: TwinApp;
  db: Db;
  /** The demo ingest key of a compound. */
  key(compoundId: string): string;
  /** Signs in a demo account (default admin); sessions are cached per role for this server. */
  login(who?: TestRole): Promise<TestAuth>;
  close(): Promise<void>;
}

export interface TestServerOptions extends Partial<Omit<AppDeps, 'db'>> {
  /** Use this database instead of a fresh in-memory embedded one (not closed by close()). */
  db?: Db;
  databaseUrl?: string;
  dataDir?: string;
}

/** A real server on a free loopback port: embedded in-memory DB, demo compounds, simulator off unless asked. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const ownDb = !opts.db;
  const db = opts.db ?? (await openDb({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir }));
  const app = await createApp({
    db,
    compoundsDir: opts.compoundsDir ?? resolve(ROOT, 'data/compounds'),
    rulesFile: opts.rulesFile ?? resolve(ROOT, 'data/rules/default.json'),
    rubricsDir: opts.rubricsDir ?? resolve(ROOT, 'data/rubrics'),
    staticDir: opts.staticDir ?? resolve(ROOT, 'dist/client'),
    modelsDir: opts.modelsDir ?? resolve(ROOT, 'data/models'),
    demo: opts.demo ?? true,
    simulator: opts.simulator ?? { enabled: false },
    version: 'test',
    tickMs: opts.tickMs ?? 1_000,
    log: opts.log ?? (() => undefined),
    security: { secret: 'test-secret-that-is-at-least-32-characters-long', ...opts.security },
    mqttUrl: opts.mqttUrl,
    basemap: opts.basemap,
    video: opts.video,
  });
  const sessions = new Map<TestRole, Promise<TestAuth>>();
  const port = await app.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    app,
    db,
    key: (id) => `demo-${id}`,
    login(who = 'admin') {
      let s = sessions.get(who);
      if (!s) sessions.set(who, (s = signIn(`http://127.0.0.1:${port}`, who)));
      return s;
    },
    async close() {
      await app.close();
      if (ownDb) await db.close();
    },
  };
}

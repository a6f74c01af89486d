// The entry file: reads the environment, opens the database, builds the app and listens.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appRoot } from './appRoot';
import { openDb } from './db/openDb';
import { damagedDataDir } from './db/embeddedDataDir';
import { createApp } from './app';
import { basemapFromEnv, BasemapConfigError } from './http/basemap.routes';
import { CompoundFileError } from './compounds/compoundFiles';
import { checkSecret, prepareProduction, UnsafeConfigError } from './auth/productionChecks';

const root = appRoot();
const env = process.env;
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const databaseUrl = env.DATABASE_URL || undefined;
const dataDir = resolve(root, env.DATA_DIR || 'data/db/embedded');

function intEnv(name: string, def: number): number {
  const v = env[name];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`[config] ${name}="${v}" is not a non-negative number`);
    process.exit(2);
  }
  return n;
}

/** BASEMAP_URL (+ BASEMAP_ATTRIBUTION, BASEMAP_MAX_ZOOM): an optional raster basemap; a bad value stops start-up naming it. */
function basemapEnv() {
  try {
    return basemapFromEnv(env);
  } catch (e) {
    if (!(e instanceof BasemapConfigError)) throw e;
    console.error(`[config] ${e.message}`);
    process.exit(2);
  }
}

/** REDIS_URL turns on cluster mode (README "Scale"); it needs the shared database of DATABASE_URL. */
function clusterEnv() {
  const redisUrl = env.REDIS_URL || undefined;
  if (!redisUrl) return undefined;
  if (!databaseUrl) {
    console.error('[config] REDIS_URL is set but DATABASE_URL is not: cluster mode needs one PostgreSQL/TimescaleDB server shared by the processes');
    process.exit(2);
  }
  if (!/^rediss?:\/\//.test(redisUrl)) {
    console.error(`[config] REDIS_URL must start with redis:// or rediss:// (got "${redisUrl.slice(0, 40)}")`);
    process.exit(2);
  }
  return {
    redisUrl,
    databaseUrl,
    leasePollMs: intEnv('CLUSTER_LEASE_POLL_MS', 1_000) || 1_000,
    heartbeatTtlMs: intEnv('CLUSTER_HEARTBEAT_TTL_MS', 3_000) || 3_000,
  };
}

async function main(): Promise<void> {
  const port = intEnv('PORT', 8080);
  const basemap = basemapEnv();
  if (basemap) console.log(`[basemap] ${basemap.url} (max zoom ${basemap.maxZoom})`);
  // Demo mode (public demo accounts) only on the embedded database outside production.
  const demo = !databaseUrl && env.NODE_ENV !== 'production';
  const secret = env.SESSION_SECRET || undefined;
  if (!demo) checkSecret(secret);
  // Processes starting together on one database take turns until each has written what it writes at start-up.
  let started: (v?: unknown) => void = () => undefined;
  const holdUntil = new Promise((r) => (started = r));
  const db = await openDb({
    databaseUrl,
    dataDir: databaseUrl ? undefined : dataDir,
    retentionDays: intEnv('RETENTION_DAYS', 400),
    holdUntil,
    afterMigrate: async (db) => {
      console.log(`[db] ${db.driver}${db.driver === 'embedded' ? ` (${dataDir})` : ''}, timescaledb: ${db.timescaledb}`);
      if (demo) console.log('[auth] DEMO MODE: demo accounts with public passwords are seeded (README); never expose this server');
      else
        await prepareProduction(
          db,
          { secret, disableDemo: env.DEMO_ACCOUNTS === 'disable', adminUsername: env.ADMIN_USERNAME, adminPassword: env.ADMIN_PASSWORD },
          (m) => console.log(m),
        );
    },
  }).catch((e: unknown) => {
    started();
    throw e;
  });
  const app = await createApp({
    db,
    compoundsDir: resolve(root, env.COMPOUNDS_DIR || 'data/compounds'),
    rulesFile: resolve(root, env.RULES_FILE || 'data/rules/default.json'),
    rubricsDir: resolve(root, env.RUBRICS_DIR || 'data/rubrics'),
    staticDir: resolve(root, env.STATIC_DIR || 'dist/client'),
    modelsDir: resolve(root, env.MODELS_DIR || 'data/models'),
    demo,
    simulator: { enabled: env.SIMULATOR !== 'off', backfillDays: intEnv('SIMULATOR_BACKFILL_DAYS', 7), rate: intEnv('SIMULATOR_RATE', 1) || 1 },
    version,
    mqttUrl: env.MQTT_URL || undefined,
    cluster: clusterEnv(),
    basemap,
    // VIDEO_FFMPEG: the ffmpeg of the demo's camera source (default: ffmpeg on PATH); VIDEO_DEMO_MAX_SOURCES: how many run at once
    video: { ffmpeg: env.VIDEO_FFMPEG || undefined, maxSources: intEnv('VIDEO_DEMO_MAX_SOURCES', 6) || 6 },
    security: {
      secret,
      sessionTtlMs: intEnv('SESSION_TTL_HOURS', 12) * 3_600_000 || 12 * 3_600_000,
      // Secure cookies in production unless COOKIE_SECURE=0 (plain-HTTP deployments); HSTS comes with them.
      secureCookies: env.COOKIE_SECURE ? env.COOKIE_SECURE !== '0' : env.NODE_ENV === 'production',
      allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      trustProxy: env.TRUST_PROXY || undefined,
    },
  });
  started();
  const bound = await app.listen(port, env.HOST || undefined);
  console.log(`[http] Compound Twin ${version} on http://localhost:${bound}`);
  let closing = false;
  const shutdown = async (sig: string) => {
    if (closing) return;
    closing = true;
    console.log(`[http] ${sig}: closing`);
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  // Bad files in the embedded folder may first show when start-up reads a table, after openDb.
  const damaged = databaseUrl ? undefined : damagedDataDir(err, dataDir);
  if (damaged) console.error(`[db] cannot start: ${damaged.message}`);
  else if (err instanceof CompoundFileError) console.error(`[compounds] cannot start: ${err.message}`);
  else if (err instanceof UnsafeConfigError) console.error(`[auth] refusing to start: ${err.message}`);
  else console.error(`[startup] cannot start: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});

import express, { type Express } from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server as IoServer } from 'socket.io';
import type { Db } from './db/db';
import { upsertCompound, listCompoundDocs } from './db/compounds.repo';
import { createApiKey, touchApiKeys } from './db/apiKeys.repo';
import { latestReadings, refreshAggregates, runStorageJobs } from './db/readings.repo';
import { CompoundRegistry } from './compounds/registry';
import { loadCompoundFiles, parseCompound } from './compounds/compoundFiles';
import { compoundsRouter } from './compounds/compounds.routes';
import { Twins } from './live/twins';
import { RealtimeHub } from './realtime/hub';
import { buildSnapshot } from './realtime/snapshot';
import { AlarmsService } from './alarms/alarms.service';
import { AlarmEngine } from './alarms/engine';
import { loadRules } from './alarms/rules';
import { alarmsRouter } from './alarms/alarms.routes';
import { WorkOrdersService } from './workorders/workOrders.service';
import { workOrdersRouter } from './workorders/workOrders.routes';
import { energyRouter } from './energy/energy.routes';
import { replayRouter } from './replay/replay.routes';
import { IngestService } from './ingest/ingest.service';
import { ingestRouter } from './ingest/ingest.routes';
import { KpiService } from './kpi/kpi.service';
import { Simulator, type SimulatorOptions } from './simulator/simulator';
import { errorHandler, HttpError } from './http/errors';
import { healthRouter } from './http/health.routes';
import { Timers } from './timers';
import { loadRubrics } from './rating/rubrics';
import { ratingRouter } from './rating/rating.routes';
import { sampleUptime } from './rating/uptimeSampler';
import { createSecurity, type Security, type SecurityOptions } from './auth/createSecurity';
import { wallPageAuth } from './auth/auth.routes';
import { securityHeaders } from './security/headers';
import { originAllowed, strictCors } from './security/origins';
import { hubPolicy } from './security/hubPolicy';
import { CompoundImportService } from './import/compoundImport.service';
import { adminImportRouter } from './import/import.routes';
import { MqttIngest } from './mqtt/mqttIngest';
import { mqttRouter } from './mqtt/mqtt.routes';
import { openapiRouter } from './openapi/openapi.routes';
import { requireSignedIn } from './auth/requireSignedIn';
import { missingModels, modelFiles } from './http/modelFiles';
import './openapi/coreRoutes.docs';
import './openapi/platformRoutes.docs';

export interface AppDeps {
  db: Db;
  compoundsDir: string;
  rulesFile: string;
  /** Rating rubrics (data/rubrics). */
  rubricsDir: string;
  /** Built client to serve (dist/client); omitted in API-only tests. */
  staticDir?: string;
  /** Building models (glTF/GLB) served at /models/… to signed-in users (data/models); none: not served. */
  modelsDir?: string;
  /** Demo mode seeds a known ingest key per compound (`demo-<compoundId>`). */
  demo: boolean;
  simulator?: Partial<SimulatorOptions> & { enabled: boolean };
  version?: string;
  /** Milliseconds between maintenance passes (offline sweep, KPIs, aggregates). */
  tickMs?: number;
  log?: (msg: string) => void;
  /** Sessions, origins, rate limits; demo mode seeds the demo accounts (README). */
  security?: SecurityOptions;
  /** MQTT broker to take telemetry from (compound/<id>/device/<deviceId>/telemetry); none: MQTT off. */
  mqttUrl?: string;
}

export interface TwinApp {
  http: HttpServer;
  io: IoServer;
  db: Db;
  twins: Twins;
  hub: RealtimeHub;
  alarms: AlarmsService;
  workOrders: WorkOrdersService;
  engine: AlarmEngine;
  ingest: IngestService;
  kpis: KpiService;
  simulator: Simulator | null;
  security: Security;
  mqtt: MqttIngest;
  /** The Express app (the OpenAPI coverage test walks its router). */
  express: Express;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Builds the whole server around an open database; only the entry file reads env and listens. */
export async function createApp(deps: AppDeps): Promise<TwinApp> {
  const log = deps.log ?? ((m: string) => console.log(m));
  const { db } = deps;

  // Compound files first: a bad file stops start-up before anything is written.
  const files = loadCompoundFiles(deps.compoundsDir);
  const rules = loadRules(deps.rulesFile);
  const rubrics = loadRubrics(deps.rubricsDir);
  for (const f of files) if (await upsertCompound(db, f.doc, f.hash)) log(`[compounds] loaded ${f.doc.id} from ${f.source}`);
  const registry = new CompoundRegistry();
  for (const raw of await listCompoundDocs(db)) {
    const text = JSON.stringify(raw);
    registry.set(parseCompound(text, `database compound ${(raw as { id?: string }).id}`).doc);
  }
  const twins = new Twins(registry);
  const now = Date.now();
  for (const id of registry.ids()) {
    const twin = twins.attach(id);
    for (const r of await latestReadings(db, id)) twin.live.applyReading(r.device_id, r.metric, r.t, r.value, now);
  }
  if (deps.demo) for (const id of registry.ids()) await createApiKey(db, id, 'demo gateway', `demo-${id}`);

  const app = express();
  app.disable('x-powered-by');
  if (deps.security?.trustProxy) app.set('trust proxy', /^\d+$/.test(deps.security.trustProxy) ? Number(deps.security.trustProxy) : deps.security.trustProxy);
  const http = createServer(app);
  const allowedOrigins = new Set(deps.security?.allowedOrigins ?? []);
  const io = new IoServer(http, {
    maxHttpBufferSize: 100_000,
    serveClient: false,
    allowRequest: (req, cb) => cb(originAllowed(req, allowedOrigins) ? null : 'origin not allowed', originAllowed(req, allowedOrigins)),
  });
  const hub = new RealtimeHub(io, { snapshot: (id, seq) => buildSnapshot(twins, id, seq), ...hubPolicy(twins) });
  const alarms = new AlarmsService(db, twins, hub);
  await alarms.load();
  const workOrders = new WorkOrdersService(db, twins, hub, alarms);
  await workOrders.load();
  const engine = new AlarmEngine(rules, alarms, twins, db);
  const ingest = new IngestService(db, twins, hub, engine, { maxAgeDays: 366, maxFutureMs: 5 * 60_000, maxInFlight: 16 }, log);
  const kpis = new KpiService(db, twins, hub);
  for (const t of twins.all()) t.kpis = await kpis.compute(t.entry.doc.id);
  const usedKeys = new Set<number>();
  const flushKeyUse = async () => {
    const ids = [...usedKeys];
    usedKeys.clear();
    await touchApiKeys(db, ids);
  };
  const security = await createSecurity({ db, twins, nsp: hub.nsp as never, demo: deps.demo, opts: deps.security ?? {}, flushKeyUse, log });
  security.guard.resolve('alarms', async (id) => (/^\d+$/.test(id) ? (await alarms.get(Number(id)))?.compoundId : undefined));
  security.guard.resolve('work-orders', async (id) => (/^\d+$/.test(id) ? (await workOrders.get(Number(id)))?.compoundId : undefined));

  app.use(securityHeaders({ hsts: deps.security?.secureCookies ?? false }));
  app.use('/api', strictCors(allowedOrigins));
  app.use('/api/health', healthRouter(db, deps.version ?? '0.0.0'));
  app.use(['/api/openapi.json', '/api/docs'], requireSignedIn(security.auth));
  app.use('/api', openapiRouter(deps.version ?? '0.0.0'));
  app.use('/api/v1', express.json({ limit: '4mb' }));
  // Before every router: sign-in, role and compound checks, audit, /auth, /me, /admin.
  app.use('/api/v1', security.api);
  app.use('/api/v1', ingestRouter(db, ingest, usedKeys, { cache: security.keyCache, readingsPerS: deps.security?.ingestReadingsPerS }));
  app.use('/api/v1', compoundsRouter(db, twins, kpis));
  app.use('/api/v1', alarmsRouter(db, alarms));
  app.use('/api/v1', workOrdersRouter(workOrders));
  app.use('/api/v1', energyRouter(db, twins));
  app.use('/api/v1', replayRouter(db, twins));
  app.use('/api/v1', ratingRouter(db, twins, rubrics));
  const mqtt = new MqttIngest(deps.mqttUrl, ingest, { log });
  app.use('/api/v1/admin', adminImportRouter(new CompoundImportService(db, twins, kpis, { demo: deps.demo, log })));
  app.use('/api/v1/admin', mqttRouter(mqtt));
  app.use('/api', (req, _res, next) => next(new HttpError(404, `no such API route: ${req.method} ${req.originalUrl}`)));
  if (deps.modelsDir) {
    app.use('/models', modelFiles(security.auth, deps.modelsDir));
    for (const m of missingModels(registry.list().map((e) => e.doc), deps.modelsDir)) log(`[models] ${m}`);
  }
  if (deps.staticDir && existsSync(join(deps.staticDir, 'index.html'))) {
    const indexHtml = readFileSync(join(deps.staticDir, 'index.html'), 'utf8');
    app.use(express.static(deps.staticDir, { index: false, maxAge: '1h' }));
    app.get('/wall', wallPageAuth(security.auth, log));
    app.get(['/', '/wall', '/rating'], (_req, res) => void res.type('html').send(indexHtml));
  }
  app.use(errorHandler(log));

  const simulator = deps.simulator?.enabled ? new Simulator(twins, ingest, deps.simulator, log) : null;
  const timers = new Timers(log);
  const tick = deps.tickMs ?? 5_000;
  timers.every('status sweep', tick, async () => {
    const t = Date.now();
    for (const twin of twins.all()) {
      const changes = twin.live.sweep(t).map((c) => ({ ...c, at: t }));
      if (changes.length) hub.emit(twin.entry.doc.id, 'device:status', { changes });
    }
    await engine.sweep(t);
  });
  timers.every('kpis', tick, () => kpis.tick());
  timers.every('work-order SLA', tick, async () => void workOrders.sweepSla(Date.now()));
  timers.every('api key use', 30_000, flushKeyUse);
  timers.every('expired sessions', 3_600_000, async () => void (await security.sweepSessions()));
  timers.every('uptime samples', 5 * 60_000, () => sampleUptime(db, twins));
  timers.every('energy anomalies', 5 * 60_000, () => engine.checkAnomalies(Date.now()));
  // The embedded database has no background workers: run the TimescaleDB policies here.
  if (db.driver === 'embedded') {
    timers.every('aggregate refresh', 10 * 60_000, () => refreshAggregates(db));
    timers.every('compression/retention', 6 * 3_600_000, () => runStorageJobs(db));
  }
  if (simulator) await simulator.start();
  mqtt.start();
  await sampleUptime(db, twins);

  return {
    http, io, db, twins, hub, alarms, workOrders, engine, ingest, kpis, simulator, security, mqtt, express: app,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve((http.address() as { port: number }).port));
      });
    },
    async close() {
      simulator?.stop();
      await mqtt.close();
      timers.stop();
      hub.close();
      security.close();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await timers.idle();
      await security.audit.idle();
    },
  };
}

import express, { type Express } from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Server as IoServer } from 'socket.io';
import type { Db } from './db/db';
import { upsertCompound, listCompoundDocs } from './db/compounds.repo';
import { createApiKey, touchApiKeys } from './db/apiKeys.repo';
import { refreshAggregates, runStorageJobs } from './db/readings.repo';
import { restoreLiveState } from './ingest/restoreLiveState';
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
import { alarmMetricsRouter } from './alarms/alarmMetrics.routes';
import { WorkOrdersService } from './workorders/workOrders.service';
import { workOrdersRouter } from './workorders/workOrders.routes';
import { staffRouter } from './staff/staff.routes';
import { seedDemoStaff } from './db/staff.repo';
import { energyRouter } from './energy/energy.routes';
import { replayRouter } from './replay/replay.routes';
import { IngestService } from './ingest/ingest.service';
import { ingestRouter } from './ingest/ingest.routes';
import { KpiService } from './kpi/kpi.service';
import { Simulator, type SimulatorOptions } from './simulator/simulator';
import { errorHandler, HttpError } from './http/errors';
import { rejectBadBody, rejectBadUrl } from './http/inputGuard';
import { healthRouter } from './http/health.routes';
import { basemapOrigins, basemapRouter, type BasemapConfig } from './http/basemap.routes';
import { Timers } from './timers';
import { loadRubrics } from './rating/rubrics';
import { ratingRouter } from './rating/rating.routes';
import { districtRouter } from './district/district.routes';
import { sampleUptime } from './rating/uptimeSampler';
import { createSecurity, type Security, type SecurityOptions } from './auth/createSecurity';
import { wallPageAuth } from './auth/auth.routes';
import { securityHeaders } from './security/headers';
import { originAllowed, strictCors } from './security/origins';
import { hubPolicy } from './security/hubPolicy';
import { CompoundImportService } from './import/compoundImport.service';
import { adminImportRouter, IMPORT_PATH } from './import/import.routes';
import { MqttIngest } from './mqtt/mqttIngest';
import { mqttRouter } from './mqtt/mqtt.routes';
import { openapiRouter } from './openapi/openapi.routes';
import { refuseUndeclared } from './http/routePolicies';
import { notSignedIn, type PolicyDeps } from './http/policy';
import { MaskedViews } from './security/maskedViews';
import { isHouseholdDevice } from './security/householdMask';
import { missingModels, modelFiles } from './http/modelFiles';
import { attachAdapter, connectCluster, startCluster, type ClusterConfig, type ClusterHandle } from './cluster/clusterMode';
import './openapi/coreRoutes.docs';
import './openapi/platformRoutes.docs';
import './openapi/videoRoutes.docs';
import { VideoService, videoRouter, type VideoOptions } from './video/video.routes';
import './openapi/cameraEventRoutes.docs';
import { CameraEventService } from './cameraEvents/cameraEvents.service';
import { cameraEventRoutes, snapshotRouter } from './cameraEvents/cameraEvents.routes';
import { pruneCameraEvents } from './db/cameraEvents.repo';
import './openapi/revenueRoutes.docs';
import './openapi/feesRoutes.docs';
import './openapi/repairRoutes.docs';
import './openapi/operationsRoutes.docs';
import { RevenueService } from './revenue/revenue.service';
import { revenueIngestRoutes } from './revenue/revenue.routes';
import { feesRouter } from './fees/fees.routes';
import { seedDemoFees } from './fees/demoFees';
import { repairRouter } from './repair/repair.routes';
import { operationsRouter } from './operations/operations.routes';
import { seedDemoUpkeep } from './operations/demoUpkeep';
import './openapi/commandRoutes.docs';
import { CommandsService } from './commands/commands.service';
import { commandsRouter, gatewayCommandRoutes } from './commands/commands.routes';

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
  /** MQTT broker to take telemetry from (gateway/<keyId>/compound/<id>/device/<deviceId>/telemetry); none: MQTT off. */
  mqttUrl?: string;
  /** Raster basemap drawn under the site (BASEMAP_URL); none: no basemap, and the CSP allows no outside images. */
  basemap?: BasemapConfig | null;
  /** Cluster mode (REDIS_URL): several processes on one PostgreSQL/TimescaleDB server and one Redis (server/cluster). */
  cluster?: ClusterConfig;
  /** Live video of cameras (ffmpeg for the demo source, its cap): server/video. */
  video?: VideoOptions;
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
  /** Cluster mode's handle (leases, bus); null when the process runs alone. */
  cluster: ClusterHandle | null;
  /** Camera streams: the demo's ffmpeg sources and the gateway proxy. */
  video: VideoService;
  /** Camera AI events (ingest, evaluation, the sweep of those not yet evaluated). */
  cameraEvents: CameraEventService;
  /** Revenue events: charger sessions, parking passes, space rents, ad plays. */
  revenue: RevenueService;
  /** Device commands and broadcasts (acting from the twin): creation, dispatch, acks, expiry. */
  commands: CommandsService;
  /** The Express app (the OpenAPI coverage test walks its router). */
  express: Express;
  /** The names of the repeating jobs this process runs (the TimescaleDB policies only on the embedded database). */
  timerNames(): string[];
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Builds the whole server around an open database; only the entry file reads env and listens. */
export async function createApp(deps: AppDeps): Promise<TwinApp> {
  const log = deps.log ?? ((m: string) => console.log(m));
  const { db } = deps;
  // Cluster mode shares the database between processes: the embedded one is a file of one process.
  if (deps.cluster && db.driver !== 'pg') throw new Error('REDIS_URL (cluster mode) needs DATABASE_URL: the processes share one PostgreSQL/TimescaleDB server');

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
  // cluster mode: connected before the state below is read from the database (where each event stream stands then)
  const clustered = deps.cluster ? await connectCluster(deps.cluster, registry.ids(), log) : null;
  const now = Date.now();
  for (const id of registry.ids()) twins.attach(id);
  await restoreLiveState(db, twins, log, now);
  if (deps.demo) for (const id of registry.ids()) await createApiKey(db, id, 'demo gateway', `demo-${id}`);
  // Demo staff and teams to assign work orders to (only where a compound has none yet).
  if (deps.demo) for (const id of registry.ids()) await seedDemoStaff(db, id);
  // Demo property bills: 12 months per household (only where a compound has none).
  if (deps.demo) for (const id of registry.ids()) await seedDemoFees(db, registry.get(id)!.doc);

  const app = express();
  // One spelling per path: /ADMIN/users or /admin/users/ are not /admin/users. Set before anything touches
  // app.router: Express builds it, with these settings, on first use.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  app.disable('x-powered-by');
  app.use(rejectBadUrl());
  if (deps.security?.trustProxy) app.set('trust proxy', /^\d+$/.test(deps.security.trustProxy) ? Number(deps.security.trustProxy) : deps.security.trustProxy);
  const http = createServer(app);
  const allowedOrigins = new Set(deps.security?.allowedOrigins ?? []);
  const io = new IoServer(http, {
    maxHttpBufferSize: 100_000,
    serveClient: false,
    allowRequest: (req, cb) => cb(originAllowed(req, allowedOrigins) ? null : 'origin not allowed', originAllowed(req, allowedOrigins)),
  });
  if (clustered) attachAdapter(io, clustered.bus);
  const hub = new RealtimeHub(io, { snapshot: (id, seq) => buildSnapshot(twins, id, seq), ...hubPolicy(twins) });
  const alarms = new AlarmsService(db, twins, hub, rules);
  await alarms.load();
  const workOrders = new WorkOrdersService(db, twins, hub, alarms);
  await workOrders.load();
  const engine = new AlarmEngine(rules, alarms, twins, db, log);
  const ingest = new IngestService(db, twins, hub, engine, { maxAgeDays: 366, maxFutureMs: 5 * 60_000, maxInFlight: 16 }, log);
  const cameraEvents = new CameraEventService(db, twins, ingest, engine, log);
  const revenue = new RevenueService(db, twins, log, ingest);
  const kpis = new KpiService(db, twins, hub, log);
  await kpis.computeAll(false);
  const usedKeys = new Set<number>();
  const flushKeyUse = async () => {
    const ids = [...usedKeys];
    usedKeys.clear();
    await touchApiKeys(db, ids);
  };
  const policy: PolicyDeps = {
    compoundOfDevice: (id) => registry.compoundOfDevice(id),
    isHouseholdDevice: (id) => {
      const d = registry.device(id);
      return d !== undefined && isHouseholdDevice(d);
    },
    demo: deps.demo,
  };
  const views = new MaskedViews(twins);
  const security = await createSecurity({ db, twins, nsp: hub.nsp as never, demo: deps.demo, opts: deps.security ?? {}, flushKeyUse, log, policy });
  const commands = new CommandsService({ db, twins, hub, audit: security.audit, log });

  app.use(securityHeaders({ hsts: deps.security?.secureCookies ?? false, imgOrigins: basemapOrigins(deps.basemap) }));
  app.use('/api', strictCors(allowedOrigins));
  // Who is calling; every route below states who may do what (server/http/policy.ts), deny by default.
  app.use('/api', security.identify);
  // Express answers OPTIONS itself with the methods a path has: that map of the API is for signed-in
  // callers only (CORS preflights of ALLOWED_ORIGINS were answered above, by strictCors).
  app.use('/api', (req, _res, next) => next(req.method === 'OPTIONS' && !req.auth ? notSignedIn(deps.demo) : undefined));
  app.use(
    '/api',
    healthRouter(db, deps.version ?? '0.0.0', policy, () => (deps.cluster ? { owns: twins.owned().length } : null)),
  );
  app.use('/api', openapiRouter(deps.version ?? '0.0.0', policy));
  const json = express.json({ limit: '4mb' });
  // JSON bodies, checked for bad text; a GeoJSON import is read by its own route and parsed off the loop.
  app.use('/api/v1', (req, res, next) => (req.path === IMPORT_PATH ? next() : json(req, res, next)), rejectBadBody());
  app.use('/api/v1', security.api);
  app.use('/api/v1', basemapRouter(deps.basemap ?? null, policy));
  app.use(
    '/api/v1',
    ingestRouter(
      db,
      ingest,
      usedKeys,
      policy,
      { cache: security.keyCache, readingsPerS: deps.security?.ingestReadingsPerS },
      cameraEventRoutes(cameraEvents),
      revenueIngestRoutes(revenue),
      gatewayCommandRoutes(commands),
    ),
  );
  app.use('/api/v1', compoundsRouter(db, twins, kpis, views, policy, rules));
  app.use(
    '/api/v1',
    alarmsRouter(db, alarms, views, policy, (e) => security.audit.record(e)),
  );
  app.use('/api/v1', alarmMetricsRouter(db, twins, policy));
  app.use('/api/v1', snapshotRouter(db, alarms, policy));
  app.use('/api/v1', workOrdersRouter(workOrders, alarms, views, policy));
  app.use(
    '/api/v1',
    staffRouter(db, security.audit, (id) => registry.get(id) !== undefined, policy),
  );
  app.use('/api/v1', energyRouter(db, twins, policy));
  app.use('/api/v1', replayRouter(db, twins, policy));
  const video = new VideoService(registry, twins, deps.demo, deps.video ?? {}, log);
  app.use('/api/v1', videoRouter(video, policy));
  app.use('/api/v1', ratingRouter(db, twins, rubrics, policy));
  app.use('/api/v1', districtRouter(db, twins, kpis, rubrics, policy));
  app.use('/api/v1', operationsRouter(db, twins, policy));
  app.use('/api/v1', feesRouter(db, twins, policy));
  app.use('/api/v1', repairRouter(db, twins, workOrders, policy));
  app.use('/api/v1', commandsRouter(commands, policy));
  const mqtt = new MqttIngest(deps.mqttUrl, ingest, { log, db, keyCache: security.keyCache, shareGroup: deps.cluster ? 'twin' : undefined, revenue, commands });
  commands.addTransport(mqtt.commandTransport());
  const importer = new CompoundImportService(db, twins, kpis, { demo: deps.demo, log });
  app.use('/api/v1', adminImportRouter(importer, policy));
  app.use('/api/v1', mqttRouter(mqtt, policy));
  // Past every route: unknown. Without sign-in the answer is the same as for any route (the map of the API is for signed-in users).
  app.use('/api', (req, _res, next) =>
    next(req.auth ? new HttpError(404, `no such API route: ${req.method} ${req.originalUrl.slice(0, 200)}`) : notSignedIn(deps.demo)),
  );
  if (deps.modelsDir) {
    app.use('/models', modelFiles(security.auth, deps.modelsDir));
    for (const m of missingModels(
      registry.list().map((e) => e.doc),
      deps.modelsDir,
    ))
      log(`[models] ${m}`);
  }
  if (deps.staticDir && existsSync(join(deps.staticDir, 'index.html'))) {
    const indexHtml = readFileSync(join(deps.staticDir, 'index.html'), 'utf8');
    app.use(express.static(deps.staticDir, { index: false, maxAge: '1h' }));
    app.get('/wall', wallPageAuth(security.auth, log));
    // The console's pages (client/modes/route.ts): the page itself is public, its data is behind sign-in.
    app.get(['/', '/wall', '/rating', '/import', '/district', '/operations'], (_req, res) => void res.type('html').send(indexHtml));
    // The residents' repair page is its own small entry (client/repair.html): a phone never loads the console.
    const repairHtml = existsSync(join(deps.staticDir, 'repair.html')) ? readFileSync(join(deps.staticDir, 'repair.html'), 'utf8') : indexHtml;
    app.get('/repair', (_req, res) => void res.type('html').send(repairHtml));
  }
  app.use(errorHandler(log));
  // Deny by default: a route that reached the router without a declared policy answers 403 (and the route-table test names it).
  for (const r of refuseUndeclared(app, '/api')) log(`[security] ${r.method.toUpperCase()} ${r.path} has no declared policy: refused`);

  const simulator = deps.simulator?.enabled ? new Simulator(twins, ingest, deps.simulator, log) : null;
  if (simulator) simulator.cameraEvents = cameraEvents;
  if (simulator) simulator.revenue = revenue;
  // the simulated devices answer commands (a transport like MQTT: the first to take a command marks it sent)
  const responder = simulator ? simulator.commandResponder(commands) : null;
  if (responder) commands.addTransport(responder);
  const timers = new Timers(log);
  const tick = deps.tickMs ?? 5_000;
  timers.every('status sweep', tick, async () => {
    const t = Date.now();
    for (const twin of twins.owned()) {
      const changes = twin.live.sweep(t).map((c) => ({ ...c, at: t }));
      if (changes.length) hub.emit(twin.entry.doc.id, 'device:status', { changes });
    }
    await engine.sweep(t);
    await alarms.expireShelves(t);
  });
  timers.every('kpis', tick, () => kpis.tick());
  timers.every('work-order SLA', tick, () => workOrders.sweepSla(Date.now()));
  // device commands: scheduled ones now due, queued ones a transport can take now, those past their deadline (cheap when none is open)
  timers.every('device commands', 1_000, () => commands.sweep(Date.now()));
  timers.every('api key use', 30_000, flushKeyUse);
  timers.every('expired sessions', 3_600_000, async () => void (await security.sweepSessions()));
  timers.every('uptime samples', 5 * 60_000, () => sampleUptime(db, twins, Date.now(), log));
  timers.every('energy anomalies', 5 * 60_000, () => engine.checkAnomalies(Date.now()));
  // camera AI events stored but not evaluated (a failed evaluation nobody retried); images past their retention
  timers.every('camera events', 60_000, () => cameraEvents.sweep(Date.now()));
  timers.every('camera event retention', 6 * 3_600_000, () => pruneCameraEvents(db, Date.now()));
  // The embedded database has no background workers: run the TimescaleDB policies here.
  if (db.driver === 'embedded') {
    timers.every('aggregate refresh', 10 * 60_000, () => refreshAggregates(db));
    timers.every('compression/retention', 6 * 3_600_000, () => runStorageJobs(db));
  }
  const cluster =
    deps.cluster && clustered
      ? await startCluster(deps.cluster, clustered.bus, clustered.positions, {
          db,
          io,
          twins,
          hub,
          alarms,
          workOrders,
          ingest,
          engine,
          kpis,
          importer,
          auth: security.auth,
          keyCache: security.keyCache,
          log,
        })
      : null;
  // The demo's upkeep history (repair orders with costs, rated residents' requests) comes with its backfilled history.
  if (simulator && deps.demo && simulator.opts.backfillDays > 0)
    for (const twin of twins.owned()) {
      const n = await seedDemoUpkeep(db, twin.entry.doc, Date.now());
      if (n) log(`[operations] ${twin.entry.doc.id}: ${n} past repair work orders with costs (demo upkeep history)`);
    }
  if (simulator) await simulator.start();
  mqtt.start();
  await sampleUptime(db, twins, Date.now(), log);
  await cameraEvents.sweep(Date.now()).catch((err: Error) => log(`[camera events] start-up sweep failed: ${err.message}`));

  return {
    http,
    io,
    db,
    twins,
    hub,
    alarms,
    workOrders,
    engine,
    ingest,
    kpis,
    simulator,
    security,
    mqtt,
    cluster,
    video,
    cameraEvents,
    revenue,
    commands,
    express: app,
    timerNames: () => timers.names(),
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve((http.address() as { port: number }).port));
      });
    },
    async close() {
      simulator?.stop();
      responder?.stop();
      // streamed answers (MJPEG, proxied HLS) end first: an open one would keep http.close() waiting
      video.close();
      await mqtt.close();
      timers.stop();
      // the leases go first: another process takes the compounds over while this one closes
      await cluster?.release();
      hub.close();
      security.close();
      // a server-initiated disconnect on every namespace: clients know at once that the server went away on purpose
      // (local: in cluster mode the adapter would disconnect every process's clients)
      hub.nsp.local.disconnectSockets(true);
      io.local.disconnectSockets(true);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await cluster?.close();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await timers.idle();
      await commands.idle();
      await security.audit.idle();
    },
  };
}

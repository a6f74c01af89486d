// Wires cluster mode into a built app (server/cluster/cluster.ts explains the design): the Socket.IO Redis
// Streams adapter, the compound leases, the event and reading streams, the replicas, and revocations.
import type { Server as IoServer } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Alarm, DeviceStatus, Kpis, ReadingTuple, WorkOrder } from '../../models';
import type { Db } from '../db/db';
import { latestReadings } from '../db/readings.repo';
import type { Twins } from '../live/twins';
import type { RealtimeHub } from '../realtime/hub';
import type { AlarmsService } from '../alarms/alarms.service';
import type { WorkOrdersService } from '../workorders/workOrders.service';
import type { IngestService } from '../ingest/ingest.service';
import type { AlarmEngine } from '../alarms/engine';
import type { AuthService, RevokeEvent } from '../auth/auth.service';
import type { ApiKeyCache } from '../security/apiKeyCache';
import type { KpiService } from '../kpi/kpi.service';
import type { CompoundImportService } from '../import/compoundImport.service';
import { listCompoundDocs } from '../db/compounds.repo';
import { parseCompound } from '../compounds/compoundFiles';
import { ClusterBus, type BusEvent } from './cluster';
import { CompoundLeases } from './leases';

export interface ClusterConfig {
  redisUrl: string;
  /** The PostgreSQL/TimescaleDB server the processes share (the leases are its advisory locks). */
  databaseUrl: string;
  /** How often leases are checked (default 1 s): the failover time is about two of these. */
  leasePollMs?: number;
  /** A process counts as alive this long after its last heartbeat (default 3 s). */
  heartbeatTtlMs?: number;
}

/** Events a process keeps per compound for `sinceSeq` when it starts (the stream holds more). */
const REPLAY_ON_START = 2_000;
/** Revocations and imported compounds: what every process must know at once (Redis pub/sub). */
const CONTROL_CHANNEL = 'ct:control';

export interface ClusterParts {
  db: Db;
  io: IoServer;
  twins: Twins;
  hub: RealtimeHub;
  alarms: AlarmsService;
  workOrders: WorkOrdersService;
  ingest: IngestService;
  engine: AlarmEngine;
  kpis: KpiService;
  importer: CompoundImportService;
  auth: AuthService;
  keyCache: ApiKeyCache;
  log: (m: string) => void;
}

export interface ClusterHandle {
  bus: ClusterBus;
  leases: CompoundLeases;
  /** The compounds this process owns now. */
  owned(): string[];
  /** Gives every lease back (first thing on close: the others take over while this process winds down). */
  release(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects before the process loads its state from the database, and notes where each compound's event stream
 * stands then: the events after that are applied to this process's copy when it starts reading.
 */
export async function connectCluster(
  cfg: ClusterConfig,
  compoundIds: string[],
  log: (m: string) => void,
): Promise<{ bus: ClusterBus; positions: Map<string, string> }> {
  const bus = await ClusterBus.connect({ redisUrl: cfg.redisUrl, heartbeatTtlMs: cfg.heartbeatTtlMs, log });
  log(`[cluster] process ${bus.id} on ${redact(cfg.redisUrl)}`);
  return { bus, positions: await bus.positions(compoundIds) };
}

/** The Socket.IO adapter goes in before any socket connects: any process then reaches any socket (disconnects, rooms). */
export function attachAdapter(io: IoServer, bus: ClusterBus): void {
  io.adapter(createAdapter(bus.cmd));
}

/** Stream ids `ms-n`, compared as numbers. */
function after(a: string, b: string): boolean {
  const [am, an] = a.split('-').map(Number);
  const [bm, bn] = b.split('-').map(Number);
  return am > bm || (am === bm && an > bn);
}

export async function startCluster(cfg: ClusterConfig, bus: ClusterBus, positions: Map<string, string>, p: ClusterParts): Promise<ClusterHandle> {
  const { twins, hub, ingest, log } = p;
  const ids = () => twins.registry.ids();

  // 1. events: published in order through the stream; read back by every process, applied, sent to its sockets
  hub.useBus({
    publish: (c, event, body) =>
      void bus.publish(c, event, body, twins.isOwned(c)).then(
        (seq) => seq === null && log(`[cluster] ${event} for ${c} refused: this process no longer holds the lease`),
        (e: Error) => log(`[cluster] ${event} for ${c} not published: ${e.message}`),
      ),
  });
  const from = new Map<string, string>();
  for (const id of ids()) {
    const recent = await bus.recentEvents(id, REPLAY_ON_START);
    const loadedAt = positions.get(id) ?? '0-0';
    for (const r of recent) {
      // published after this process read the database: its copy does not hold it yet
      if (r.ev.origin !== bus.id && after(r.id, loadedAt)) applyReplica(r.ev, p);
      hub.deliver(id, r.ev.seq, r.ev.event, r.ev.body);
    }
    from.set(id, recent.length ? recent[recent.length - 1].id : '0-0');
  }
  bus.consumeEvents(ids, from, (ev) => {
    if (ev.origin !== bus.id) applyReplica(ev, p);
    hub.deliver(ev.compoundId, ev.seq, ev.event, ev.body);
  });

  // 2. readings: stored anywhere, evaluated by the owner
  ingest.forward = (c, readings, at) => bus.forward(c, { readings, at });
  const leases = new CompoundLeases({ databaseUrl: cfg.databaseUrl, pollMs: cfg.leasePollMs, log }, ids, async () => (await bus.liveProcesses()).length, {
    acquired: async (id) => {
      await bus.owned(id);
      await rebuild(id, p);
    },
    released: (id) => {
      bus.released(id);
      p.engine.forget(id);
    },
  });
  twins.isOwned = (id) => leases.owns(id);
  bus.consumeReadings(
    () => leases.owned(),
    async (c, batch) => {
      if (!leases.owns(c)) return false;
      await ingest.applyStored(c, batch.readings, batch.at);
      return true;
    },
  );

  // 3. revocations and imports: a session ended or a key revoked on one process ends it on all (their caches,
  // their sockets); a compound imported on one is loaded by all (then the leases give it an owner)
  const sub = bus.cmd.duplicate();
  sub.on('error', () => undefined);
  await sub.connect();
  let fromPeer = false;
  const tell = (m: Record<string, unknown>) => void bus.cmd.publish(CONTROL_CHANNEL, JSON.stringify({ origin: bus.id, ...m })).catch(() => undefined);
  await sub.subscribe(CONTROL_CHANNEL, (text) => {
    const m = JSON.parse(text) as { origin: string; session?: RevokeEvent; keyId?: number; compound?: string };
    if (m.origin === bus.id) return;
    fromPeer = true;
    try {
      if (m.session) p.auth.forget(m.session);
      if (m.keyId !== undefined) p.keyCache.revoke(m.keyId, false);
    } finally {
      fromPeer = false;
    }
    if (m.compound) void loadImported(m.compound, p).catch((e: Error) => log(`[cluster] compound ${m.compound} imported elsewhere, not loaded: ${e.message}`));
  });
  p.auth.onRevoke((e) => {
    if (!fromPeer) tell({ session: e });
  });
  p.keyCache.onRevoke = (keyId) => tell({ keyId });
  p.importer.onImported = (compound) => tell({ compound });

  // counted among the live processes (others give it its share) only now that it can take compounds
  await bus.startHeartbeat();
  await leases.start();
  log(`[cluster] owner of ${leases.owned().length} of ${ids().length} compounds`);
  return {
    bus,
    leases,
    owned: () => leases.owned(),
    release: () => leases.close(),
    async close() {
      await leases.close();
      sub.destroy();
      await bus.close();
    },
  };
}

/** Another process's event, into this process's copy of the twin (nothing written, nothing sent from here). */
function applyReplica(ev: BusEvent, p: ClusterParts): void {
  const twin = p.twins.get(ev.compoundId);
  if (!twin) return;
  const b = ev.body;
  switch (ev.event) {
    case 'reading:batch': {
      const now = Date.now();
      for (const r of b.readings as ReadingTuple[]) twin.live.applyReading(r[0], r[1], r[2], r[3], now);
      break;
    }
    case 'device:status':
      for (const c of b.changes as { deviceId: string; status: DeviceStatus }[]) twin.live.setStatus(c.deviceId, c.status);
      break;
    case 'alarm:raised':
    case 'alarm:updated':
      p.alarms.applyRemote(b.alarm as Alarm);
      break;
    case 'workorder:updated':
      p.workOrders.applyRemote(b.workOrder as WorkOrder);
      break;
    case 'kpi:update':
      twin.kpis = b.kpis as Kpis;
      break;
  }
}

/** A compound another process imported (or replaced): its document from the database, a twin, its KPIs. */
async function loadImported(id: string, p: ClusterParts): Promise<void> {
  const [raw] = await listCompoundDocs(p.db, id);
  if (!raw) return;
  p.twins.registry.set(parseCompound(JSON.stringify(raw), `database compound ${id}`).doc);
  const twin = p.twins.attach(id);
  twin.kpis = await p.kpis.compute(id);
  p.log(`[cluster] loaded ${id}, imported on another process`);
}

/** A compound just taken over: its live state, open alarms and work orders from the database, not from a replica. */
async function rebuild(id: string, p: ClusterParts): Promise<void> {
  const twin = p.twins.get(id);
  if (!twin) return;
  const now = Date.now();
  for (const r of await latestReadings(p.db, id)) twin.live.applyReading(r.device_id, r.metric, r.t, r.value, now);
  await p.alarms.reload(id);
  await p.workOrders.reload(id, now);
  // the engine's memory of durations and activity for it: from the database, not from whatever this process last knew
  await p.engine.adopt(id, now);
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

// Cluster mode (REDIS_URL with a PostgreSQL/TimescaleDB DATABASE_URL): several server processes share the work.
//
// - Every compound has one owner process at a time (server/cluster/leases.ts: a PostgreSQL advisory lock per
//   compound). Only the owner runs its alarm engine, sweeps, KPIs, SLA timers and simulator.
// - Ingest on any process stores the readings (the ack waits for the commit) and appends them to the compound's
//   Redis stream `ct:in:<id>`; the owner reads it in the consumer group `owner` and acknowledges an entry only
//   after evaluating it, so a new owner claims what a dead one left unevaluated (XAUTOCLAIM).
// - Every event for screens (readings, status, alarms, work orders, KPIs) goes through the compound's stream
//   `ct:ev:<id>` with a seq from one Redis counter per compound (one Lua script: INCR and XADD together), so
//   seq is global and `sinceSeq` works on any process. Each process reads every event stream, applies the
//   events of other processes to its own copy of the live twins and sends them to its own sockets.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/** One event on a compound's stream. */
export interface BusEvent {
  compoundId: string;
  seq: number;
  event: string;
  body: Record<string, unknown>;
  /** The process that published it. */
  origin: string;
}

/** A batch of stored readings forwarded to the compound's owner. */
export interface ForwardedReadings {
  /** [deviceId, metric, ts, value] */
  readings: [string, string, number, number][];
  /** Ingest time on the process that stored them (status and "recent enough" checks use it). */
  at: number;
}

const EV = (id: string) => `ct:ev:${id}`;
const IN = (id: string) => `ct:in:${id}`;
const SEQ = (id: string) => `ct:seq:${id}`;
const EPOCH = (id: string) => `ct:epoch:${id}`;
const PROC = (id: string) => `ct:proc:${id}`;
const GROUP = 'owner';
/** Events kept per compound for `sinceSeq` (the replay buffer), approximately. */
const EVENTS_KEPT = 5_000;

// KEYS: seq, events, epoch. ARGV: first seq (ms now: above any seq of a single process before), kept, event, body,
// origin, epoch ('' = not fenced). Seqs then count up by one, whichever process publishes.
// A fenced publish from an owner whose lease epoch is no longer current is refused (returns -1).
const PUBLISH_LUA = `
if ARGV[6] ~= '' then
  local cur = redis.call('GET', KEYS[3])
  if cur and cur ~= ARGV[6] then return -1 end
  -- a Redis that lost its data (restarted without it): the owner's epoch stands again
  if not cur then redis.call('SET', KEYS[3], ARGV[6]) end
end
local seq = redis.call('INCR', KEYS[1])
if seq == 1 then seq = tonumber(ARGV[1]); redis.call('SET', KEYS[1], seq) end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 's', seq, 'e', ARGV[3], 'b', ARGV[4], 'o', ARGV[5])
return seq`;

export interface ClusterOptions {
  redisUrl: string;
  /** How long a process counts as alive after its last heartbeat. */
  heartbeatTtlMs?: number;
  log?: (msg: string) => void;
}

/** The Redis side of cluster mode: process heartbeats, the event streams and the owners' input streams. */
export class ClusterBus {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  /** Commands (publish, forward, ack): one connection keeps this process's publishes in order. */
  readonly cmd: RedisClient;
  private evReader: RedisClient | null = null;
  private inReader: RedisClient | null = null;
  private closed = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly ttl: number;
  private readonly log: (m: string) => void;
  private publishSha = '';
  /** Compound → its lease epoch while this process owns it (fences its publishes). */
  private readonly epochs = new Map<string, string>();
  private loops: Promise<void>[] = [];
  private acked = 0;

  private constructor(opts: ClusterOptions, client: RedisClient) {
    this.cmd = client;
    this.ttl = opts.heartbeatTtlMs ?? 3_000;
    this.log = opts.log ?? ((m) => console.log(m));
  }

  static async connect(opts: ClusterOptions): Promise<ClusterBus> {
    const client = createClient({ url: opts.redisUrl, socket: { reconnectStrategy: (n) => Math.min(100 * 2 ** n, 2_000) } });
    const bus = new ClusterBus(opts, client);
    client.on('error', (e: Error) => bus.log(`[cluster] redis: ${e.message}`));
    await client.connect();
    bus.publishSha = await client.scriptLoad(PUBLISH_LUA);
    return bus;
  }

  /** Counted among the live processes from now on (only once this process is ready to take compounds). */
  async startHeartbeat(): Promise<void> {
    await this.beat();
    this.heartbeat = setInterval(() => void this.beat().catch(() => undefined), Math.max(200, Math.floor(this.ttl / 3)));
    this.heartbeat.unref();
  }

  /** The newest id of each compound's event stream now ('0-0' when empty): where a replica's state from the database stands. */
  async positions(compoundIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of compoundIds) out.set(id, (await this.cmd.xRevRange(EV(id), '+', '-', { COUNT: 1 }))[0]?.id ?? '0-0');
    return out;
  }

  private async beat(): Promise<void> {
    await this.cmd.set(PROC(this.id), String(Date.now()), { PX: this.ttl });
  }

  /** The processes alive now (their heartbeat has not expired), this one included. */
  async liveProcesses(): Promise<string[]> {
    const out: string[] = [];
    for await (const keys of this.cmd.scanIterator({ MATCH: PROC('*'), COUNT: 100 })) for (const k of keys) out.push(k.slice(PROC('').length));
    return out.sort();
  }

  /** Called by the lease manager when this process takes a compound: a new fencing epoch for its publishes. */
  async owned(compoundId: string): Promise<void> {
    const epoch = String(await this.cmd.incr(EPOCH(compoundId)));
    this.epochs.set(compoundId, epoch);
    // the owners' group exists before anything is forwarded to it ($: nothing older is owed to anyone)
    await this.ensureGroup(compoundId);
  }

  released(compoundId: string): void {
    this.epochs.delete(compoundId);
  }

  async ensureGroup(compoundId: string): Promise<void> {
    try {
      await this.cmd.xGroupCreate(IN(compoundId), GROUP, '0', { MKSTREAM: true });
    } catch (e) {
      if (!/BUSYGROUP/.test((e as Error).message)) throw e;
    }
  }

  /**
   * Appends an event to the compound's stream with the next global seq. `fenced`: only while this process
   * holds the compound's lease (engine output); a person's action on any process is not fenced.
   * Returns the seq, or null when the fence refused it (the lease moved on).
   */
  async publish(compoundId: string, event: string, body: Record<string, unknown>, fenced: boolean): Promise<number | null> {
    const epoch = fenced ? (this.epochs.get(compoundId) ?? '0') : '';
    const args = {
      keys: [SEQ(compoundId), EV(compoundId), EPOCH(compoundId)],
      arguments: [String(Date.now()), String(EVENTS_KEPT), event, JSON.stringify(body), this.id, epoch],
    };
    let seq;
    try {
      seq = await this.cmd.evalSha(this.publishSha, args);
    } catch (e) {
      // a restarted Redis has no scripts: load it again
      if (!/NOSCRIPT/.test((e as Error).message)) throw e;
      this.publishSha = await this.cmd.scriptLoad(PUBLISH_LUA);
      seq = await this.cmd.evalSha(this.publishSha, args);
    }
    return Number(seq) < 0 ? null : Number(seq);
  }

  /** Stored readings to the compound's owner; resolves once Redis has them (the ingest ack waits for it). */
  async forward(compoundId: string, batch: ForwardedReadings): Promise<void> {
    await this.cmd.xAdd(IN(compoundId), '*', { r: JSON.stringify(batch.readings), at: String(batch.at) });
  }

  /** The newest events of a compound (oldest first): a process starting up fills its replay buffer with them. */
  async recentEvents(compoundId: string, count: number): Promise<{ id: string; ev: BusEvent }[]> {
    const rows = await this.cmd.xRevRange(EV(compoundId), '+', '-', { COUNT: count });
    return rows.reverse().map((m) => ({ id: m.id, ev: toEvent(compoundId, m.message) }));
  }

  /** Reads every compound's event stream from `from` (stream ids; '$' for new only) and hands each event over in order. */
  consumeEvents(compoundIds: () => string[], from: Map<string, string>, onEvent: (ev: BusEvent) => void): void {
    const run = async () => {
      this.evReader = this.cmd.duplicate();
      this.evReader.on('error', () => undefined);
      await this.evReader.connect();
      while (!this.closed) {
        const ids = compoundIds();
        // a compound new to this process (imported meanwhile): its stream from the start, it is new too
        for (const id of ids) if (!from.has(id)) from.set(id, '0-0');
        try {
          const res = await this.evReader.xRead(
            ids.map((id) => ({ key: EV(id), id: from.get(id)! })),
            { BLOCK: 1_000, COUNT: 500 },
          );
          for (const stream of streamsOf(res)) {
            const id = stream.name.slice(EV('').length);
            for (const m of stream.messages) {
              from.set(id, m.id);
              try {
                onEvent(toEvent(id, m.message));
              } catch (e) {
                this.log(`[cluster] event ${m.id} of ${id} not applied: ${(e as Error).message}`);
              }
            }
          }
        } catch (e) {
          if (this.closed) break;
          this.log(`[cluster] reading events: ${(e as Error).message}`);
          await sleep(500);
        }
      }
    };
    this.loops.push(run());
  }

  /**
   * The owner's side of forwarded readings: for each compound it owns, first what a previous owner left
   * unacknowledged (claimed), then new entries; `handle` evaluates a batch and the entry is acknowledged after.
   */
  consumeReadings(owned: () => string[], handle: (compoundId: string, batch: ForwardedReadings) => Promise<boolean>): void {
    const claimed = new Set<string>();
    let lastSweep = Date.now();
    const run = async () => {
      this.inReader = this.cmd.duplicate();
      this.inReader.on('error', () => undefined);
      await this.inReader.connect();
      while (!this.closed) {
        const ids = owned();
        for (const c of claimed) if (!ids.includes(c)) claimed.delete(c);
        if (!ids.length) {
          await sleep(200);
          continue;
        }
        try {
          // Entries delivered but never acknowledged: at takeover a previous owner's (its consumer name is gone with
          // it, the entries are not), and every few seconds any left over 10 s (a lost reply, a failed evaluation,
          // or read just as a lease moved) — evaluated at least once; the database keeps one active alarm per point.
          const sweep = Date.now() - lastSweep > 5_000;
          if (sweep) lastSweep = Date.now();
          for (const id of ids) {
            if (claimed.has(id) && !sweep) continue;
            let cursor = '0-0';
            do {
              const r = await this.cmd.xAutoClaim(IN(id), GROUP, this.id, claimed.has(id) ? 10_000 : 0, cursor, { COUNT: 200 });
              for (const m of r.messages) if (m) await this.handleEntry(id, m.id, m.message, handle);
              cursor = r.nextId;
            } while (cursor !== '0-0');
            claimed.add(id);
          }
          const res = await this.inReader.xReadGroup(
            GROUP,
            this.id,
            ids.map((id) => ({ key: IN(id), id: '>' })),
            { BLOCK: 250, COUNT: 50 },
          );
          for (const stream of streamsOf(res)) {
            const id = stream.name.slice(IN('').length);
            for (const m of stream.messages) await this.handleEntry(id, m.id, m.message, handle);
          }
        } catch (e) {
          if (this.closed) break;
          // NOGROUP: the group is made when the compound is taken; a stream deleted by hand gets it back
          if (/NOGROUP/.test((e as Error).message)) for (const id of ids) await this.ensureGroup(id).catch(() => undefined);
          else this.log(`[cluster] reading forwarded readings: ${(e as Error).message}`);
          await sleep(200);
        }
      }
    };
    this.loops.push(run());
  }

  private async handleEntry(
    compoundId: string,
    entryId: string,
    msg: Record<string, string>,
    handle: (compoundId: string, batch: ForwardedReadings) => Promise<boolean>,
  ): Promise<void> {
    let batch: ForwardedReadings | null = null;
    try {
      batch = { readings: JSON.parse(msg.r) as ForwardedReadings['readings'], at: Number(msg.at) };
    } catch {
      this.log(`[cluster] forwarded entry ${entryId} of ${compoundId} is not readable: dropped`);
    }
    // not evaluated here (the lease moved meanwhile): left pending for the compound's owner to claim
    if (batch && !(await handle(compoundId, batch))) return;
    await this.cmd.xAck(IN(compoundId), GROUP, entryId);
    // evaluated entries are not needed again: entries are read in id order, so everything before this one is done
    if (++this.acked % 100 === 0) await this.cmd.xTrim(IN(compoundId), 'MINID', entryId, { strategyModifier: '~' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.cmd.del(PROC(this.id)).catch(() => undefined);
    for (const c of [this.evReader, this.inReader]) if (c) c.destroy();
    await Promise.allSettled(this.loops);
    this.cmd.destroy();
  }
}

/** XREAD / XREADGROUP's answer (RESP2: one entry per stream that had messages; null when the block timed out). */
type StreamReply = { name: string; messages: { id: string; message: Record<string, string> }[] }[];
const streamsOf = (res: unknown): StreamReply => (res as StreamReply | null) ?? [];

function toEvent(compoundId: string, m: Record<string, string>): BusEvent {
  return { compoundId, seq: Number(m.s), event: m.e, body: JSON.parse(m.b) as Record<string, unknown>, origin: m.o };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Who owns which compound: one PostgreSQL session advisory lock per compound, held on a connection of its own.
//
// Why PostgreSQL and not a Redis lock: the lease lives in the database the owner writes to and ends exactly
// when the owner's session ends. A process killed with SIGKILL closes its socket, the server ends the session
// and the lock is free at once: no time-to-live to guess, no clock to trust, no renewal that a long pause could
// miss while the process still believes it owns the compound. A process that loses its lock connection drops
// every compound at once (the `end`/`error` events) before another can take them. Each lease taken also bumps a
// fencing epoch in Redis (ClusterBus.owned): an owner that lost its lease cannot publish engine output, and the
// database keeps at most one active alarm per device and rule (unique index alarms_one_active) whatever happens.
//
// Balance: each process aims at ceil(compounds / live processes) and gives back the surplus when a process
// joins; a compound free at two polls in a row is taken over the target (a dead owner's, before the count of
// live processes has caught up).
import pg from 'pg';

const LOCK_CLASS = 0x7457696e; // 'tWin': the first key of every compound lock
/** The lease connection's application_name: it names the server process (pid) that holds the locks on it. */
const LEASE_APP = (pid: number) => `compound-twin lease ${pid}`;

/** The pid of the server process holding the compound's lease in the database `q` is connected to, or null (tests, bench). */
export async function leaseHolderPid(q: pg.ClientBase, compoundId: string): Promise<number | null> {
  const r = await q.query<{ app: string }>(
    `select a.application_name as app from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted and l.classid = $1::oid and l.objid = hashtext($2)::oid and l.objsubid = 2
        and l.database = (select oid from pg_database where datname = current_database())`,
    [LOCK_CLASS, compoundId],
  );
  const m = /lease (\d+)$/.exec(r.rows[0]?.app ?? '');
  return m ? Number(m[1]) : null;
}

export interface LeaseOptions {
  databaseUrl: string;
  /** How often free compounds are looked for and the balance is checked. */
  pollMs?: number;
  log?: (m: string) => void;
}

export interface LeaseEvents {
  /** The process now owns the compound: rebuild its state from the database before acting for it. */
  acquired(compoundId: string): Promise<void>;
  /** The process no longer owns the compound (given back, or the lock connection is gone). */
  released(compoundId: string): void;
}

export class CompoundLeases {
  private client: pg.Client | null = null;
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private running: Promise<void> = Promise.resolve();
  private readonly log: (m: string) => void;
  /** Compounds found free at the last poll while this process was at its target. */
  private readonly seenFree = new Set<string>();
  /** Compounds this process gave back, and when: not taken again at once. */
  private readonly givenBack = new Map<string, number>();
  private readonly pollMs: number;

  constructor(
    private readonly opts: LeaseOptions,
    private readonly compounds: () => string[],
    private readonly liveProcesses: () => Promise<number>,
    private readonly events: LeaseEvents,
  ) {
    this.log = opts.log ?? ((m) => console.log(m));
    this.pollMs = opts.pollMs ?? 1_000;
  }

  owns(compoundId: string): boolean {
    return this.held.has(compoundId);
  }

  owned(): string[] {
    return [...this.held];
  }

  async start(): Promise<void> {
    await this.connect();
    await this.tick();
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.tick()).catch((e: Error) => this.log(`[cluster] leases: ${e.message}`));
    }, this.pollMs);
    this.timer.unref();
  }

  private async connect(): Promise<void> {
    const c = new pg.Client({
      connectionString: this.opts.databaseUrl,
      keepAlive: true,
      keepAliveInitialDelayMillis: 2_000,
      application_name: LEASE_APP(process.pid),
      // a lease query that hangs (a half-open connection) ends the connection, and with it every lease
      query_timeout: 5_000,
    });
    const lost = (why: string) => {
      if (this.client !== c) return;
      this.client = null;
      if (this.held.size) this.log(`[cluster] lease connection lost (${why}): giving up ${this.held.size} compound(s)`);
      for (const id of [...this.held]) this.drop(id);
    };
    c.on('error', (e) => lost(e.message));
    c.on('end', () => lost('closed'));
    await c.connect();
    // the server notices a vanished host within ~10 s and frees its locks (the default is hours)
    await c.query(`set tcp_keepalives_idle = 4; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 3`);
    this.client = c;
  }

  private drop(id: string): void {
    this.held.delete(id);
    this.events.released(id);
  }

  private async tick(): Promise<void> {
    if (this.closed) return;
    if (!this.client) await this.connect();
    const c = this.client!;
    try {
      await this.balance(c);
    } catch (e) {
      // a timed-out or failed lease query: the connection (and every lease on it) is given up, not trusted
      if (this.client === c) {
        this.log(`[cluster] lease query failed (${(e as Error).message}): giving up the lease connection`);
        await c.end().catch(() => undefined);
      }
      throw e;
    }
  }

  private async balance(c: pg.Client): Promise<void> {
    const all = this.compounds();
    const procs = Math.max(1, await this.liveProcesses());
    const target = Math.ceil(all.length / procs);
    // give back the surplus (the last taken first) so a process that joined gets its share
    for (const id of [...this.held].reverse()) {
      if (this.held.size <= target || this.closed) break;
      if (!all.includes(id) || this.held.size > target) {
        await c.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, id]);
        this.drop(id);
        this.givenBack.set(id, Date.now());
        this.log(`[cluster] gave back ${id} (${this.held.size} of ${all.length} held, ${procs} processes)`);
      }
    }
    const now = Date.now();
    for (const id of all) {
      if (this.held.has(id) || this.closed) continue;
      const r = await c.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [LOCK_CLASS, id]);
      if (!r.rows[0].ok) {
        this.seenFree.delete(id);
        continue;
      }
      const justGiven = (this.givenBack.get(id) ?? 0) > now - 3 * this.pollMs;
      // under target: take it; at target: take it when it was free at the last poll too (nobody under target
      // wanted it: a dead owner's compounds before the process count has caught up)
      if (!justGiven && (this.held.size < target || this.seenFree.has(id))) {
        this.seenFree.delete(id);
        await this.take(id);
      } else {
        await c.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, id]);
        this.seenFree.add(id);
      }
    }
  }

  private async take(id: string): Promise<void> {
    const locked = this.client;
    try {
      // owned only once its state is rebuilt: nothing acts for it before
      await this.events.acquired(id);
      // the lock went with its connection meanwhile: another process may hold it now
      if (this.client !== locked || !locked) {
        this.events.released(id);
        return;
      }
      this.held.add(id);
      this.log(`[cluster] owner of ${id}`);
    } catch (e) {
      this.log(`[cluster] could not take ${id}: ${(e as Error).message}; giving it back`);
      await this.client?.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, id]).catch(() => undefined);
      this.events.released(id);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => undefined);
    const c = this.client;
    this.client = null;
    for (const id of [...this.held]) this.drop(id);
    // ending the session frees every lock at once
    await c?.end().catch(() => undefined);
  }
}

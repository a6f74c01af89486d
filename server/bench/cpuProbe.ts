// What bounds a pg-driver figure: CPU seconds of this node process (bench client and server share it) and of the
// PostgreSQL server's processes (read from /proc when the server runs on this machine), against the wall time and
// the machine's own busy share (the machine is shared), plus the cluster's durability settings.
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Db } from '../db/db';

const TICK_S = 1 / 100; // USER_HZ: 100 on every Linux we run on (getconf CLK_TCK)

/** utime, stime, cutime, cstime (seconds) and ppid of a process, or null when it is gone or not readable. */
function procStat(pid: number): { ppid: number; self: number; children: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' '); // f[0] = state (field 3)
    return {
      ppid: Number(f[1]),
      self: (Number(f[11]) + Number(f[12])) * TICK_S,
      children: (Number(f[13]) + Number(f[14])) * TICK_S,
    };
  } catch {
    return null;
  }
}

/** CPU seconds of a postmaster and every process it started (exited ones are in its children's time). */
function clusterCpu(postmaster: number): number | null {
  const pm = procStat(postmaster);
  if (!pm) return null;
  let total = pm.self + pm.children;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = procStat(Number(name));
    if (p && p.ppid === postmaster) total += p.self + p.children;
  }
  return total;
}

/** Busy and total ticks of the whole machine (/proc/stat), for the share other work took. */
function machineTicks(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - (f[4] ?? 0), total };
}

export interface Span {
  /**
   * Ends the span: its CPU figures and a `limit` sentence; `ops` (requests or batches in the span) adds the CPU per
   * operation, `hint` what else bounds the figure (batch size, requests in flight).
   */
  end(hint?: string, ops?: { n: number; unit: string }): Record<string, unknown>;
}

export interface CpuProbe {
  begin(): Span;
  /** fsync, synchronous_commit, versions: facts every pg figure depends on. */
  readonly server: Record<string, string>;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** A probe for a pg-driver database; the PostgreSQL CPU share is null (and said so) when its processes are not on this machine. */
export async function cpuProbe(db: Db): Promise<CpuProbe> {
  const setting = async (name: string) => (await db.query<{ v: string }>(`select current_setting($1, true) as v`, [name])).rows[0]?.v ?? '?';
  const me = (await db.query<{ pid: number; db: string }>('select pg_backend_pid() as pid, current_database() as db')).rows[0];
  // our backend is on this machine when its process title names our database; its parent is the postmaster
  let postmaster: number | null = null;
  try {
    if (readFileSync(`/proc/${me.pid}/cmdline`, 'utf8').includes(` ${me.db} `)) postmaster = procStat(me.pid)?.ppid ?? null;
  } catch {
    postmaster = null;
  }
  const tsdb = await db.query<{ v: string }>(`select extversion as v from pg_extension where extname = 'timescaledb'`);
  const server = {
    postgres: await setting('server_version'),
    timescaledb: tsdb.rows[0]?.v ?? 'absent',
    fsync: await setting('fsync'),
    synchronous_commit: await setting('synchronous_commit'),
    shared_buffers: await setting('shared_buffers'),
  };
  const cores = cpus().length;
  return {
    server,
    begin() {
      const t0 = performance.now();
      const node0 = process.cpuUsage();
      const pg0 = postmaster ? clusterCpu(postmaster) : null;
      const m0 = machineTicks();
      return {
        end(hint, ops) {
          const wall = (performance.now() - t0) / 1000;
          const nodeU = process.cpuUsage(node0);
          const node = (nodeU.user + nodeU.system) / 1e6;
          const pg1 = postmaster ? clusterCpu(postmaster) : null;
          const pg = pg0 !== null && pg1 !== null ? pg1 - pg0 : null;
          const m1 = machineTicks();
          const machineBusy = (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total); // share of all cores
          const nodeCores = node / wall;
          const pgCores = pg === null ? null : pg / wall;
          const others = Math.max(0, machineBusy * cores - nodeCores - (pgCores ?? 0)); // cores other processes used
          const pgS = pgCores === null ? '?' : String(r2(pgCores));
          const split = `node ${r2(nodeCores)}, postgres ${pgS}, other processes ${r2(others)} of ${cores} cores`;
          let limit: string;
          if (machineBusy >= 0.85) {
            const mine = pg === null || node >= pg ? 'node (bench client and server share one process)' : 'postgres';
            limit = `CPU: the machine was ${Math.round(machineBusy * 100)}% busy (${split}); of ours, ${mine} used the most`;
          } else if (nodeCores >= 0.85) {
            limit = `node's one event loop (bench client and server share it) is saturated (${split})`;
          } else {
            limit = `no CPU saturated (${split}): the rest is waiting (round trips, I/O; fsync=${server.fsync}, synchronous_commit=${server.synchronous_commit})`;
          }
          if (ops && ops.n > 0) {
            const ms = (x: number) => r2((x * 1000) / ops.n);
            const parts: [string, number][] = [['node CPU', node], ...(pg === null ? [] : ([['postgres CPU', pg]] as [string, number][]))];
            const wait = wall - node - (pg ?? 0);
            if (wait > 0) parts.push(['waiting', wait]);
            parts.sort((x, y) => y[1] - x[1]);
            limit += `; per ${ops.unit}: ${parts.map(([k, v]) => `${k} ${ms(v)} ms`).join(', ')} (of ${ms(wall)} ms wall)`;
          }
          return {
            limit: hint ? `${limit}; ${hint}` : limit,
            cpu: {
              wall_s: r2(wall),
              node_cpu_s: r2(node),
              pg_cpu_s: pg === null ? 'unknown: the server is not on this machine' : r2(pg),
              machine_busy: r2(machineBusy),
              cores,
              load1: r2(loadavg()[0]),
            },
          };
        },
      };
    },
  };
}

/** CPU seconds a process has used (its own threads), or null when it is gone. */
export function processCpuS(pid: number): number | null {
  return procStat(pid)?.self ?? null;
}

export interface ProcessSpanCpu {
  wall_s: number;
  self_cpu_s: number;
  self_cores: number;
  /** Only with child processes. */
  children_cpu_s?: number;
  children_cores?: number;
  other_cores: number;
  machine_busy: number;
  cores: number;
  load1: number;
}

export interface ProcessSpan {
  /** Ends the span (call it while the child processes still run): CPU per side and a `limit` sentence. */
  end(): { limit: string; cpu: ProcessSpanCpu };
}

/**
 * What bounds a figure measured with this process as the server (and the bench's driver) and `children` as its
 * clients: CPU cores each side used over the span, beside the machine's busy share (other work shares it).
 */
export function processSpan(children: number[], names: { self: string; children: string }): ProcessSpan {
  const t0 = performance.now();
  const self0 = process.cpuUsage();
  const kids = () => children.reduce((s, pid) => s + (processCpuS(pid) ?? 0), 0);
  const kids0 = kids();
  const m0 = machineTicks();
  return {
    end() {
      const wall = (performance.now() - t0) / 1000;
      const u = process.cpuUsage(self0);
      const self = (u.user + u.system) / 1e6 / wall;
      const clients = (kids() - kids0) / wall;
      const m1 = machineTicks();
      const busy = (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total);
      const cores = cpus().length;
      const others = Math.max(0, busy * cores - self - clients);
      const theirs = children.length ? `, ${names.children} ${r2(clients)} (${children.length} processes)` : '';
      const split = `${names.self} ${r2(self)}${theirs}, other processes ${r2(others)} of ${cores} cores`;
      let limit: string;
      if (busy >= 0.85)
        limit =
          `CPU: the machine was ${Math.round(busy * 100)}% busy (${split})` +
          (children.length ? `; of ours, the ${self >= clients ? names.self : names.children} used the most` : '');
      else if (self >= 0.85) limit = `the ${names.self}'s one event loop is saturated (${split})`;
      else if (children.length && clients >= 0.85 * Math.min(children.length, cores)) limit = `the ${names.children} are saturated (${split})`;
      else limit = `no CPU saturated (${split})`;
      return {
        limit,
        cpu: {
          wall_s: r2(wall),
          self_cpu_s: r2(self * wall),
          self_cores: r2(self),
          ...(children.length ? { children_cpu_s: r2(clients * wall), children_cores: r2(clients) } : {}),
          other_cores: r2(others),
          machine_busy: r2(busy),
          cores,
          load1: r2(loadavg()[0]),
        },
      };
    },
  };
}

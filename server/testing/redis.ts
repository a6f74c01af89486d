// A real Redis for tests: Debian's redis-server on a free loopback port, in a temp dir, with no persistence
// (no RDB snapshots, no AOF), as an unprivileged child process. Absent binary → tests skip loudly; under CI
// they fail instead (CI installs it: .ci/run).
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';

export interface TestRedis {
  /** `redis://127.0.0.1:<port>`: pass it as REDIS_URL. */
  url: string;
  port: number;
  /** Kills redis-server and removes its dir. */
  stop(): Promise<void>;
}

/** The redis-server binary: REDIS_SERVER_BIN, else Debian's /usr/bin/redis-server; null when missing. */
export const REDIS_SERVER: string | null =
  [process.env.REDIS_SERVER_BIN, '/usr/bin/redis-server'].find((p): p is string => Boolean(p && existsSync(p))) ?? null;

/** Whether the real-Redis tests can run here (`describe.skipIf(!redisAvailable())`). */
export function redisAvailable(): boolean {
  return REDIS_SERVER !== null;
}

if (!REDIS_SERVER) {
  const msg = `redis-server not found (${process.env.REDIS_SERVER_BIN || '/usr/bin/redis-server'}): the real-Redis (cluster) tests are SKIPPED (apt-get install -y redis-server, or set REDIS_SERVER_BIN).`;
  if (process.env.CI) throw new Error(msg + ' CI must run them.');
  console.warn(`\n!!! ${msg}\n`);
}

/** Root hands redis-server to this user (nobody): it needs nothing of root's. */
const NOBODY = 65534;

/**
 * util-linux's setpriv execs redis-server (same pid) with a parent-death signal, so a test process that dies
 * without running its exit handlers (vitest ends its workers with a signal) leaves no redis-server behind; as
 * root it also drops to nobody. Without setpriv: spawn's uid/gid and the exit handler below.
 */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p)) ?? null;

/** Every redis-server this process started and has not stopped: killed when the process exits. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** One PING over a fresh connection that never retries; true on PONG. */
async function pong(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

async function kill(child: ChildProcess): Promise<void> {
  if (!exited(child)) {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 3_000))]);
  }
  running.delete(child);
}

async function startOnce(bin: string): Promise<TestRedis | 'port-taken'> {
  const dir = mkdtempSync(join(tmpdir(), 'ct-redis-'));
  const root = process.getuid?.() === 0;
  if (root) chownSync(dir, NOBODY, NOBODY);
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', ''];
  const stdio: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];
  const drop = root ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'] : [];
  const child = SETPRIV
    ? spawn(SETPRIV, [...drop, '--pdeathsig', 'KILL', '--', bin, ...args], { cwd: dir, stdio })
    : spawn(bin, args, { cwd: dir, stdio, ...(root ? { uid: NOBODY, gid: NOBODY } : {}) });
  running.add(child);
  let log = '';
  const keep = (b: Buffer) => (log = (log + b.toString()).slice(-4_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.once('error', (e) => (log += `\n${e.message}`));
  const url = `redis://127.0.0.1:${port}`;
  const cleanup = async () => {
    await kill(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const started = Date.now();
  while (!(await pong(url))) {
    if (exited(child) || Date.now() - started > 15_000) {
      await cleanup();
      // Another process took the port between freePort() and the bind: try another one.
      if (/Address already in use/i.test(log)) return 'port-taken';
      throw new Error(`redis-server did not answer PING on port ${port}: ${log.trim() || `exit ${child.exitCode ?? child.signalCode}`}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, port, stop: cleanup };
}

/** Starts redis-server on a free loopback port and waits for PONG; the test must call stop(). */
export async function startRedis(): Promise<TestRedis> {
  if (!REDIS_SERVER) throw new Error('redis-server is not installed (apt-get install -y redis-server, or set REDIS_SERVER_BIN)');
  for (let attempt = 0; ; attempt++) {
    const r = await startOnce(REDIS_SERVER);
    if (r !== 'port-taken') return r;
    if (attempt >= 2) throw new Error('redis-server: no free port after 3 tries');
  }
}

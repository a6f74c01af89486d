// A real Redis for tests: Debian's redis-server on a free loopback port, in a temp dir, with no persistence
// (no RDB snapshots, no AOF), as an unprivileged child process. Absent binary → tests skip loudly; under CI
// they fail instead (CI installs it: .ci/run).
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { freePort, killOnExit, SETPRIV } from './children';

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
  killOnExit(child);
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

// Real server processes for cluster tests: `node --import tsx server/main.ts` (node itself, no npx/sh wrapper,
// so `pid` is the server and SIGKILL really kills it) on a free loopback port with a clean environment, ready
// once GET /api/health answers 200. Plus what a test needs against a production (non-demo) server: an admin
// session and a gateway's ingest key made through the admin API.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killOnExit, SETPRIV } from './children';
import { ROOT } from './startTestServer';
import type { TestAuth } from './testAuth';

export interface ServerProcess {
  url: string;
  port: number;
  /** The server's own process id (node running main.ts). */
  pid: number;
  /** Everything it printed so far (stdout and stderr interleaved, the last 200 kB). */
  logs(): string;
  /** Sends `signal` (default SIGTERM) and resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM (graceful shutdown), SIGKILL after 10 s; then removes its temp dir. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Merged over the defaults (SIMULATOR=off, STATIC_DIR=/nonexistent, HOST=127.0.0.1, a temp DATA_DIR); PORT is chosen here. */
  env: Record<string, string>;
  /** Prefixed to errors, e.g. 'A' / 'B'. */
  name?: string;
  /** How long to wait for /api/health (default 60 s). */
  timeoutMs?: number;
}

/** Only what node needs from the runner's environment: no DATABASE_URL, NODE_ENV=test or VITEST_* leaks in. */
const PASS = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];

const tail = (text: string, lines = 40) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** Spawns the real server and waits until GET /api/health answers 200 (or fails with its last log lines). */
export async function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const name = opts.name ? `server ${opts.name}` : 'server';
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ct-server-'));
  const base = Object.fromEntries(PASS.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]!]));
  const env = { ...base, SIMULATOR: 'off', STATIC_DIR: '/nonexistent', HOST: '127.0.0.1', DATA_DIR: dataDir, ...opts.env, PORT: String(port) };
  const node = [process.execPath, '--import', 'tsx', 'server/main.ts'];
  // setpriv execs node (pid stays the server's) with a parent-death signal: a test runner killed by a signal leaves no server behind.
  const [cmd, ...args] = SETPRIV ? [SETPRIV, '--pdeathsig', 'KILL', '--', ...node] : node;
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  killOnExit(child);
  let out = '';
  const keep = (b: Buffer) => {
    out += b.toString();
    if (out.length > 400_000) out = out.slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.once('error', (e) => (out += `\n[spawn] ${e.message}`));
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (code, sig) => {
      out += `\n[${name} exited: ${sig ?? code}]`;
      resolve();
    }),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;

  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (alive()) child.kill(signal);
    await gone;
  };
  const stop = async () => {
    if (alive()) {
      child.kill('SIGTERM');
      const t = setTimeout(() => alive() && child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(t);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const started = Date.now();
  for (;;) {
    if (!alive() || Date.now() - started > timeoutMs) {
      const why = alive() ? `did not answer GET /api/health with 200 within ${timeoutMs} ms` : 'exited before it was healthy';
      await stop().catch(() => undefined);
      throw new Error(`${name} on port ${port} ${why}; its last log lines:\n${tail(out)}`);
    }
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, pid: child.pid!, logs: () => out, kill, stop };
}

/**
 * Signs in with a password on any server (demo or production) through POST /api/v1/auth/token: a session
 * token usable as `Authorization: Bearer` (fetch, `call(…, { as })`), as a Cookie, and as socket.io's `auth.token`.
 */
export async function adminLogin(url: string, username: string, password: string): Promise<TestAuth> {
  const res = await fetch(`${url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} on ${url} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; user: TestAuth['user'] };
  return { user: body.user, token: body.token, cookie: `ct_session=${body.token}`, headers: { authorization: `Bearer ${body.token}` } };
}

export interface IngestKey {
  id: number;
  /** The key itself (shown once): send it as `X-Api-Key` or `Authorization: Bearer` to POST /api/v1/ingest. */
  key: string;
  compoundId: string;
  name: string;
}

/** Creates a gateway's ingest key for a compound through the admin API (POST /api/v1/admin/keys). */
export async function createIngestKey(url: string, admin: TestAuth, compoundId: string, name = 'test gateway'): Promise<IngestKey> {
  const res = await fetch(`${url}/api/v1/admin/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin.headers },
    body: JSON.stringify({ compoundId, name }),
  });
  if (res.status !== 201) throw new Error(`creating an ingest key for ${compoundId} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as IngestKey;
}

// A real MQTT broker for tests: Debian's mosquitto on a free loopback port, with a generated config,
// as a non-root child process; anonymous, or with a password file and ACL (authentication on).
// Absent binary → `null` and a loud warning (CI installs it: .ci/run).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './children';

export interface Broker {
  url: string;
  port: number;
  /** Runs mosquitto_pub with these extra arguments (-h/-p are added). */
  pub(args: string[]): { status: number | null; stderr: string };
  stop(): Promise<void>;
}

const CANDIDATES = [process.env.MOSQUITTO_PATH, '/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'];
export const MOSQUITTO = CANDIDATES.find((p): p is string => Boolean(p && existsSync(p))) ?? null;
const PUB = ['/usr/bin/mosquitto_pub', '/usr/local/bin/mosquitto_pub'].find((p) => existsSync(p)) ?? null;

if (!MOSQUITTO || !PUB) {
  const msg = 'mosquitto / mosquitto_pub not found: the MQTT broker tests are SKIPPED (apt-get install -y mosquitto mosquitto-clients).';
  if (process.env.CI) throw new Error(msg + ' CI must run them.');
  console.warn(`\n!!! ${msg}\n`);
}

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const c = createConnection({ port, host: '127.0.0.1' }, () => (c.end(), resolve(true)));
    c.once('error', () => resolve(false));
  });

export interface BrokerOptions {
  /** Contents of mosquitto's password_file; given, anonymous clients are refused. */
  passwordFile?: string;
  /** Contents of mosquitto's acl_file. */
  aclFile?: string;
}

/** Starts a broker; the test must call stop(). */
export async function startMosquitto(opts: BrokerOptions = {}): Promise<Broker> {
  if (!MOSQUITTO || !PUB) throw new Error('mosquitto is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'ct-mosquitto-'));
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  const files: string[] = [conf];
  const lines = [
    `listener ${port} 127.0.0.1`,
    `allow_anonymous ${opts.passwordFile === undefined}`,
    'persistence false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
  ];
  for (const [key, text] of [
    ['password_file', opts.passwordFile],
    ['acl_file', opts.aclFile],
  ] as const) {
    if (text === undefined) continue;
    const path = join(dir, key);
    writeFileSync(path, text);
    files.push(path);
    lines.push(`${key} ${path}`);
  }
  writeFileSync(conf, lines.join('\n') + '\n');
  // Root drops to an unprivileged user before the broker starts: it needs nothing of root's.
  const root = process.getuid?.() === 0;
  if (root) (chmodSync(dir, 0o755), files.forEach((f) => chmodSync(f, 0o644)));
  const child: ChildProcess = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'], ...(root ? { uid: 65534, gid: 65534 } : {}) });
  let stderr = '';
  child.stderr!.on('data', (b) => (stderr += String(b)));
  const started = Date.now();
  while (!(await accepting(port))) {
    if (child.exitCode !== null || Date.now() - started > 10_000) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`mosquitto did not start on port ${port}: ${stderr || `exit ${child.exitCode}`}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    pub(args) {
      const r = spawnSync(PUB, ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', timeout: 10_000 });
      return { status: r.status, stderr: r.stderr };
    },
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 3_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

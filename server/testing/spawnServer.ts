import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './startTestServer';

/** `server/main.ts` running as a child process, the way `npm start` runs it. */
export interface SpawnedServer {
  url: string;
  /** The port it listens on: pass it as PORT to start the next one where clients expect it. */
  port: number;
  /** The server process itself (node with tsx as an import hook, no wrapper): a signal sent here reaches `main.ts`. */
  proc: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  kill(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface SpawnOptions {
  /** Another application folder (a compiled app: server/testing/compiledApp.ts); default the checkout. */
  cwd?: string;
  /** Node's arguments; default the sources through tsx: `--import tsx server/main.ts`. */
  args?: string[];
  /** Start from an empty environment (PATH only) instead of this process's, so nothing of the test runner leaks in. */
  cleanEnv?: boolean;
}

/** Starts the real entry file with `env` on a free port and waits for it to listen (or to fail). */
export async function spawnServer(env: Record<string, string | undefined>, timeoutMs = 90_000, opts: SpawnOptions = {}): Promise<SpawnedServer> {
  const base = opts.cleanEnv ? { PATH: process.env.PATH } : process.env;
  const proc = spawn(process.execPath, opts.args ?? ['--import', 'tsx', 'server/main.ts'], {
    cwd: opts.cwd ?? ROOT,
    env: { ...base, SIMULATOR: 'off', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
  proc.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, sig) => resolve(code ?? sig ?? -1)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const m = out.match(/\[http\] Compound Twin \S+ on http:\/\/localhost:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    proc.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    proc,
    output: () => out,
    exited,
    kill(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

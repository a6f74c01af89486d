// What the tests' real child processes (redis-server, server processes, mosquitto) share: a free loopback
// port, util-linux's setpriv, and a kill on exit for whatever is still running.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** A port free on 127.0.0.1 now (another process may still take it before the child binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * util-linux's setpriv execs the program (same pid) with a parent-death signal, so a test process that dies
 * without running its exit handlers (vitest ends its workers with a signal) leaves nothing behind; as root it
 * can also drop to another user. Null where it is missing.
 */
export const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p)) ?? null;

/** Children started and not yet gone: killed when the test process exits. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/** Kills `child` when the test process exits, unless it is gone by then. */
export function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

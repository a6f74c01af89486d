// GET /api/health every few milliseconds from a separate process, each on a fresh connection: a probe
// in the server's own process could not send while the loop it measures is blocked.
import { spawn } from 'node:child_process';

const SCRIPT = `
const http = require('node:http');
const [url, every] = [process.argv[1], Number(process.argv[2])];
const lat = [], failed = [];
let running = true;
process.stdin.on('data', () => (running = false));
process.stdin.on('end', () => (running = false));
(async () => {
  while (running) {
    const t0 = performance.now();
    const status = await new Promise((ok) => http.get(url, { agent: false }, (r) => { r.resume(); r.on('end', () => ok(r.statusCode)); }).on('error', (e) => ok(e.message)));
    lat.push(performance.now() - t0);
    if (status !== 200) failed.push(String(status));
    await new Promise((r) => setTimeout(r, every));
  }
  process.stdout.write(JSON.stringify({ lat, failed }));
})();
`;

export interface HealthProbe {
  /** Stops probing; latencies in ms and the answers that were not 200. */
  stop(): Promise<{ latencies: number[]; failed: string[] }>;
}

export function startHealthProbe(baseUrl: string, everyMs = 20): HealthProbe {
  const proc = spawn(process.execPath, ['-e', SCRIPT, `${baseUrl}/api/health`, String(everyMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
  const done = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    async stop() {
      proc.stdin.end('stop');
      await done;
      const r = JSON.parse(out) as { lat: number[]; failed: string[] };
      return { latencies: r.lat, failed: r.failed };
    },
  };
}

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ARTIFACTS, buildClientOnce, ROOT } from '../../client/e2e/buildClient';

const DIR = resolve(ARTIFACTS, 'bench-dist');

/** Newest modification time under a folder (skips node_modules). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** The production client for the browser benches: one build shared by every step, rebuilt only when a client or model source changed since. */
export async function benchClientBuild(): Promise<string> {
  const sources = Math.max(newest(resolve(ROOT, 'client')), newest(resolve(ROOT, 'models')), statSync(resolve(ROOT, 'vite.config.ts')).mtimeMs);
  const index = join(DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > sources) return DIR;
  return buildClientOnce(DIR);
}

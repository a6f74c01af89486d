// `npm start`'s first step: builds the console into dist/client only when its sources changed since the last
// build (a fingerprint of every client and shared-model source, the Vite config and the lockfile is kept in
// dist/client/.sources). A restart with nothing changed starts the server at once instead of rebuilding.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'vite';
import { appRoot } from '../appRoot';

/** Files the browser bundle is made of (tests and browser tests are not). */
function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'e2e' && e.name !== 'node_modules') sourceFiles(p, out);
    } else if (!/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** A hash of the paths and contents of what the client build reads. */
export function clientFingerprint(root: string = appRoot()): string {
  const files = [
    ...sourceFiles(join(root, 'client')),
    ...sourceFiles(join(root, 'models')),
    join(root, 'vite.config.ts'),
    join(root, 'package-lock.json'),
  ].sort();
  const h = createHash('sha256');
  for (const f of files) h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/** The fingerprint a built client in `outDir` was made from ('' when there is no whole build there). */
export function builtFrom(outDir: string): string {
  const stamp = join(outDir, '.sources');
  return existsSync(stamp) && existsSync(join(outDir, 'index.html')) ? readFileSync(stamp, 'utf8').trim() : '';
}

/** Records the fingerprint a build in `outDir` was made from (after the build: Vite empties the folder). */
export function markBuilt(outDir: string, fingerprint: string): void {
  writeFileSync(join(outDir, '.sources'), fingerprint + '\n');
}

export async function buildClientIfStale(log: (msg: string) => void = console.log): Promise<boolean> {
  const root = appRoot();
  const OUT = join(root, 'dist/client');
  const want = clientFingerprint(root);
  const have = builtFrom(OUT);
  if (have === want) {
    log('[build] console is up to date (dist/client)');
    return false;
  }
  log(have ? '[build] console sources changed: building dist/client' : '[build] building the console into dist/client');
  await build({ configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  markBuilt(OUT, want);
  return true;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  buildClientIfStale().catch((err) => {
    console.error(`[build] console: ${(err as Error).message}`);
    process.exit(1);
  });
}

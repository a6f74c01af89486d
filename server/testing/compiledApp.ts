// The application as the image ships it, assembled in a temporary folder for tests: the server compiled by
// `npm run build:server`, the console built without the test probe, the data files, and a node_modules that
// holds only the production dependencies (what `npm ci --omit=dev` installs). TypeScript, tsx, esbuild and
// Vite are not there: a compiled server that still needed them would fail to start.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildClientOnce } from '../../client/e2e/buildClient';
import { buildServer } from '../tools/buildServer';
import { ROOT } from './startTestServer';

export interface CompiledApp {
  dir: string;
  /** The top-level packages in its node_modules. */
  packages: string[];
  remove(): void;
}

/** The production dependencies and everything they pull in, as package-lock.json marks them (no `dev` flag). */
export function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([k, v]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(k) && !v.dev && !v.devOptional)
    .map(([k]) => k.slice('node_modules/'.length));
}

export async function compiledApp(): Promise<CompiledApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ct-compiled-'));
  await buildServer(join(dir, 'dist/server'));
  // `npm run build:client`: production mode, no test probe
  await buildClientOnce(join(dir, 'dist/client'), { testProbe: false });
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'data'));
  for (const d of ['compounds', 'rules', 'rubrics', 'models']) symlinkSync(join(ROOT, 'data', d), join(dir, 'data', d), 'dir');
  const packages = productionPackages();
  for (const p of packages) {
    mkdirSync(dirname(join(dir, 'node_modules', p)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', p), join(dir, 'node_modules', p), 'dir');
  }
  return { dir, packages, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

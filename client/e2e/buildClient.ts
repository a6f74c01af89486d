import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ARTIFACTS = resolve(ROOT, 'test-artifacts');
// E2E_BUILD_DIR: another folder, so two checkouts' (or sessions') test runs never empty each other's build
const OUT = process.env.E2E_BUILD_DIR ? resolve(process.env.E2E_BUILD_DIR) : resolve(ARTIFACTS, 'e2e-dist');

/**
 * Builds the production client into test-artifacts/e2e-dist or `outDir` (never dist/client, which `npm start` serves),
 * with the test probe unless `testProbe: false` (what `npm run build` ships).
 */
export async function buildClientOnce(outDir = OUT, opts: { testProbe?: boolean } = {}): Promise<string> {
  // vitest sets NODE_ENV=test, which would bundle React's development build; test what ships
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  // the test probe (window.__twin, window.__wall) exists only in builds made with this flag
  const probe = process.env.VITE_TEST_PROBE;
  if (opts.testProbe === false) delete process.env.VITE_TEST_PROBE;
  else process.env.VITE_TEST_PROBE = '1';
  try {
    await build({ configFile: resolve(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = env;
    if (probe === undefined) delete process.env.VITE_TEST_PROBE;
    else process.env.VITE_TEST_PROBE = probe;
  }
  if (!existsSync(resolve(outDir, 'index.html'))) throw new Error(`client build left no index.html in ${outDir}`);
  return outDir;
}

/**
 * The built client for a browser test: the browser project's global setup builds it once per run and
 * names it in E2E_STATIC_DIR; a test file run on its own builds it itself.
 */
export async function buildClientForTests(): Promise<string> {
  const dir = process.env.E2E_STATIC_DIR;
  if (dir && existsSync(resolve(dir, 'index.html'))) return dir;
  return buildClientOnce();
}

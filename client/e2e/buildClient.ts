import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ARTIFACTS = resolve(ROOT, 'test-artifacts');

/** Builds the client once into test-artifacts/e2e-dist, so browser tests never depend on (or clobber) dist/client. */
export async function buildClientForTests(): Promise<string> {
  const outDir = resolve(ARTIFACTS, 'e2e-dist');
  // vitest sets NODE_ENV=test, which would bundle React's development build; test what ships
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: resolve(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = env;
  }
  if (!existsSync(resolve(outDir, 'index.html'))) throw new Error(`client build left no index.html in ${outDir}`);
  return outDir;
}

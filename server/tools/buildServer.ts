// `npm run build:server`: bundles the server's entry points into dist/server with esbuild.
//
// Why esbuild and not tsc's emit: the sources import each other without extensions ('./db/openDb'), which
// Node's ESM loader cannot resolve, so tsc output would need every import rewritten; a bundle also starts in
// ~0.1 s instead of loading ~300 modules. Type-checking stays with tsc (`npm run typecheck`, which the image
// build and `npm test` run); esbuild only strips types. Packages stay external: the image installs the
// production dependencies, and the build fails if the bundle imports a package that is not one of them.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { appRoot } from '../appRoot';

const root = appRoot();

/** The processes the image runs: the server, the import and embedded-database worker threads it starts, and the two operator CLIs. */
export const SERVER_ENTRIES = {
  main: 'server/main.ts',
  importWorker: 'server/import/importWorker.ts',
  // Plain JavaScript (so that tsx and vitest load it without a loader); server/db/embedded.ts finds it beside main.js.
  embeddedWorker: 'server/db/embeddedWorker.mjs',
  mqttAuth: 'server/mqtt/mqttAuthCli.ts',
  import: 'server/import/run.ts',
};

/** Bundles into `outdir` (default dist/server); returns the files written, relative to the project. */
export async function buildServer(outdir = join(root, 'dist/server')): Promise<string[]> {
  rmSync(outdir, { recursive: true, force: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const result = await build({
    absWorkingDir: root,
    entryPoints: SERVER_ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    chunkNames: 'chunks/[name]-[hash]',
  });
  // Every package the bundle imports must be a production dependency (the image has no others).
  const builtins = new Set(builtinModules);
  const imported = new Set<string>();
  for (const out of Object.values(result.metafile.outputs)) {
    for (const imp of out.imports) {
      if (!imp.external || imp.path.startsWith('node:') || builtins.has(imp.path)) continue;
      const name = imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0];
      imported.add(name);
    }
  }
  const missing = [...imported].filter((n) => !(n in pkg.dependencies));
  if (missing.length) throw new Error(`the server bundle imports packages that are not production dependencies: ${missing.join(', ')}`);
  return Object.keys(result.metafile.outputs).map((f) => relative(root, resolve(root, f)));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  buildServer().then(
    (files) => console.log(`[build] server: ${files.filter((f) => f.endsWith('.js') && !f.includes('/chunks/')).join(', ')}`),
    (err) => {
      console.error(`[build] server: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}

// Entry of `npm run import`; the work is in importCli.ts.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runImportCli } from './importCli';

process.exitCode = runImportCli(process.argv.slice(2), {
  cwd: process.env.INIT_CWD || process.cwd(),
  root: resolve(dirname(fileURLToPath(import.meta.url)), '../..'),
  out: (s) => console.log(s),
  err: (s) => console.error(s),
});

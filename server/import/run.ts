// Entry of `npm run import`; the work is in importCli.ts.
import { appRoot } from '../appRoot';
import { runImportCli } from './importCli';

process.exitCode = runImportCli(process.argv.slice(2), {
  cwd: process.env.INIT_CWD || process.cwd(),
  root: appRoot(),
  out: (s) => console.log(s),
  err: (s) => console.error(s),
});

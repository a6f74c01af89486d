// Where the application's files are (package.json, data/, dist/client): the nearest folder above the running
// module that holds package.json. The same answer from the sources (server/…/x.ts under tsx) and from the
// compiled bundle (dist/server/main.js), so paths never depend on how deep the running file sits.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function appRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    dir = up;
  }
}

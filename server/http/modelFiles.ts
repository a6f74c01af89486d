import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Compound } from '../../models/compound';
import type { AuthService } from '../auth/auth.service';
import { credentialOf } from '../auth/principal';

/**
 * Building models (glTF/GLB and their .bin files) from `dir`, at /models/…, for signed-in users only
 * (a compound's 3D model is as private as its document). The browser's cookie rides along with the
 * loader's same-origin fetch; a wall display is signed in by its token's cookie. Misses answer 404
 * (the client then draws the extrusion). Cached privately: models change rarely, sign-ins do.
 */
export function modelFiles(auth: AuthService, dir: string): Router {
  const r = Router();
  r.use((req, res, next) => {
    const secret = credentialOf(req);
    (secret ? auth.resolve(secret) : Promise.resolve(null)).then(
      (p) => (p ? next() : void res.status(401).json({ error: 'sign in first: building models are for signed-in users' })),
      next,
    );
  });
  r.use(
    express.static(dir, {
      index: false,
      dotfiles: 'deny',
      // A miss falls through to the 404 below: `send`'s own error names the file's absolute path.
      fallthrough: true,
      setHeaders: (res) => res.setHeader('Cache-Control', 'private, max-age=3600'),
    }),
  );
  r.use((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return void res
        .status(405)
        .setHeader('Allow', 'GET, HEAD')
        .json({ error: `${req.method} is not allowed on building models` });
    }
    res.status(404).json({ error: `model file not found: ${requestedName(req.path)}` });
  });
  return r;
}

/** The name asked for, relative to the models folder, as the caller wrote it (decoded, bounded). */
function requestedName(path: string): string {
  let name = path.replace(/^\/+/, '');
  try {
    name = decodeURIComponent(name);
  } catch {
    /* keep it encoded: the input guard refuses bad escapes before this */
  }
  return name.length > 200 ? `${name.slice(0, 200)}…` : name;
}

/**
 * Buildings whose model the browser will not get: a `/models/…` file missing from `dir`, or a URL
 * elsewhere (the CSP lets the console fetch only from its own origin). Said at start-up; the console
 * draws those buildings extruded.
 */
export function missingModels(docs: readonly Compound[], dir: string): string[] {
  const out: string[] = [];
  const root = resolve(dir);
  for (const c of docs) {
    for (const b of c.buildings) {
      const url = b.model?.url;
      if (!url) continue;
      const m = /^\/?models\/([^?#]+)/.exec(url);
      const file = m ? resolve(root, decodeURIComponent(m[1])) : null;
      if (!file || !file.startsWith(root + sep))
        out.push(`${c.id}/${b.id}: model ${url} is not under /models/ (only this server's files load); it will be drawn extruded`);
      else if (!existsSync(file)) out.push(`${c.id}/${b.id}: model ${url} not found in ${root}; it will be drawn extruded`);
    }
  }
  return out;
}

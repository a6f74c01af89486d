import express, { Router } from 'express';
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
      fallthrough: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'private, max-age=3600'),
    }),
  );
  return r;
}

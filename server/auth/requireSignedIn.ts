import type { RequestHandler } from 'express';
import type { AuthService } from './auth.service';
import { credentialOf } from './principal';

/** For pages outside /api/v1 (the API docs): any signed-in user, else 401 — only sign-in and health are public. */
export function requireSignedIn(auth: AuthService): RequestHandler {
  return (req, res, next) => {
    const secret = credentialOf(req);
    const check = secret ? auth.resolve(secret) : Promise.resolve(null);
    check.then(
      (p) => (p ? next() : void res.status(401).json({ error: 'sign in first: the API documentation is for signed-in users' })),
      next,
    );
  };
}

import type { Request, RequestHandler } from 'express';
import { LoginSchema, WallTokenLoginSchema, type Me } from '../../models';
import { HttpError, parseOr400 } from '../http/errors';
import { none, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import type { AuditLog } from '../security/auditLog';
import { LoginThrottle } from '../security/loginThrottle';
import type { AuthService } from './auth.service';
import { clearedSessionCookie, ipOf, sessionCookie, type Principal } from './principal';

const meOf = (p: Principal, demo: boolean): Me => ({ user: p.user, expiresAt: Number.isFinite(p.expiresAt) ? p.expiresAt : 8.64e15, demo, masked: p.masked });

/** `/auth/login` (cookie), `/auth/token` (Bearer for scripts), `/auth/wall` (wall token → cookie), `/auth/logout`, `/me`. */
export function authRouter(auth: AuthService, audit: AuditLog, deps: PolicyDeps, throttle = new LoginThrottle()) {
  const r = secureRouter(deps);
  // Signing in is for anyone; the credential in the body is the check.
  const anyone = { gate: 'public', compound: none() } as const;
  const { demo, secureCookies } = auth.opts;
  const meta = (req: Request) => ({ ip: ipOf(req), userAgent: req.header('user-agent') ?? null });

  async function passwordLogin(req: Request): Promise<{ token: string; principal: Principal }> {
    const body = parseOr400(LoginSchema, req.body ?? {}, 'body');
    const ip = ipOf(req);
    const wait = throttle.check(body.username, ip);
    if (wait > 0) throw new HttpError(429, `too many failed logins: try again in ${Math.ceil(wait / 1000)} s`, { retryAfterS: Math.ceil(wait / 1000) });
    const s = await auth.login(body.username, body.password, meta(req));
    if (!s) {
      const next = throttle.failed(body.username, ip);
      audit.record({ actor: body.username, action: 'auth.login_failed', ip, detail: { delayS: Math.ceil(next / 1000) } });
      throw new HttpError(401, 'wrong username or password');
    }
    throttle.succeeded(body.username, ip);
    audit.record({ actor: s.principal.user.username, action: 'auth.login', ip, detail: { via: req.path } });
    return s;
  }

  r.post('/auth/login', anyone, async (req, res) => {
    const s = await passwordLogin(req);
    res.setHeader('Set-Cookie', sessionCookie(s.token, s.principal.expiresAt, secureCookies));
    return meOf(s.principal, demo);
  });
  r.post('/auth/token', anyone, async (req) => {
    const s = await passwordLogin(req);
    return { token: s.token, ...meOf(s.principal, demo) };
  });
  r.post('/auth/wall', anyone, async (req, res) => {
    const { token } = parseOr400(WallTokenLoginSchema, req.body ?? {}, 'body');
    const ip = ipOf(req);
    const wait = throttle.check('(wall)', ip);
    if (wait > 0) throw new HttpError(429, `too many bad wall tokens: try again in ${Math.ceil(wait / 1000)} s`, { retryAfterS: Math.ceil(wait / 1000) });
    const s = await auth.exchangeWallToken(token, meta(req));
    if (!s) {
      throttle.failed('(wall)', ip);
      throw new HttpError(401, 'unknown, expired or revoked wall token');
    }
    res.setHeader('Set-Cookie', sessionCookie(s.token, s.principal.expiresAt, secureCookies));
    return meOf(s.principal, demo);
  });
  r.post('/auth/logout', anyone, async (req, res) => {
    if (req.auth) {
      await auth.logout(req.auth);
      audit.record({ actor: req.auth.user.username, action: 'auth.logout', ip: ipOf(req) });
    }
    res.setHeader('Set-Cookie', clearedSessionCookie(secureCookies));
    res.status(204).end();
    return undefined;
  });
  r.get('/me', { gate: 'signed-in', compound: none(), masked: 'same' }, (req) => meOf(req.auth!, demo));
  return r.router;
}

/**
 * The wall page with `?token=`: trade the token for a session cookie before the page loads, so the
 * display's fetches and socket are signed in and no login form ever shows. A bad token just serves the page.
 */
export function wallPageAuth(auth: AuthService, log: (m: string) => void): RequestHandler {
  return (req, res, next) => {
    const token = typeof req.query.token === 'string' ? req.query.token : null;
    if (!token || token.length < 8 || token.length > 200) return next();
    auth.exchangeWallToken(token, { ip: ipOf(req), userAgent: req.header('user-agent') ?? null }).then(
      (s) => {
        if (s) res.setHeader('Set-Cookie', sessionCookie(s.token, s.principal.expiresAt, auth.opts.secureCookies));
        next();
      },
      (err) => {
        log(`[auth] wall token not checked: ${(err as Error).message}`);
        next();
      },
    );
  };
}

import { Router, type RequestHandler } from 'express';
import type { Namespace } from 'socket.io';
import type { Db } from '../db/db';
import type { Twins } from '../live/twins';
import { deleteExpiredSessions } from '../db/sessions.repo';
import { ApiKeyCache } from '../security/apiKeyCache';
import { AuditLog } from '../security/auditLog';
import { LoginThrottle } from '../security/loginThrottle';
import { SocketGuard } from '../security/socketGuard';
import { AccountsService } from './accounts.service';
import { adminKeysRouter } from './adminKeys.routes';
import { adminUsersRouter } from './adminUsers.routes';
import { identify } from './identify';
import type { PolicyDeps } from '../http/policy';
import { authRouter } from './auth.routes';
import { AuthService } from './auth.service';

/** Security settings; only the entry file reads them from the environment. */
export interface SecurityOptions {
  /** Keys token hashes (SESSION_SECRET). Demo mode falls back to a fixed, public one. */
  secret?: string;
  sessionTtlMs?: number;
  wallSessionTtlMs?: number;
  secureCookies?: boolean;
  /** Browser origins other than the server's own that may call the API (ALLOWED_ORIGINS). */
  allowedOrigins?: string[];
  /** Socket events per second per socket (burst 3×). */
  socketEventsPerS?: number;
  /** Ingest readings per second per device key. */
  ingestReadingsPerS?: number;
  /** Failed logins per IP before the per-IP bucket refuses (refills 10 a minute). */
  loginIpBurst?: number;
  /** Express `trust proxy` (TRUST_PROXY), so rate limits and the audit log see the client's address behind a proxy. */
  trustProxy?: string;
}

export const DEMO_SECRET = 'compound-twin-demo-mode-secret-not-for-production';

export interface Security {
  auth: AuthService;
  accounts: AccountsService;
  audit: AuditLog;
  keyCache: ApiKeyCache;
  sockets: SocketGuard;
  allowedOrigins: ReadonlySet<string>;
  /** Who is calling (never refuses: each route's policy decides); mounted at /api before every router. */
  identify: RequestHandler;
  /** Audit + /auth + /me + /admin users, wall tokens, keys and audit; mounted at /api/v1. */
  api: Router;
  sweepSessions(): Promise<number>;
  close(): void;
}

export interface SecurityDeps {
  db: Db;
  twins: Twins;
  nsp: Namespace;
  demo: boolean;
  opts: SecurityOptions;
  flushKeyUse: () => Promise<void>;
  log: (m: string) => void;
  policy: PolicyDeps;
}

/** Builds accounts, sessions, the API guard, the socket guard and the audit log; seeds demo accounts in demo mode. */
export async function createSecurity(d: SecurityDeps): Promise<Security> {
  const o = d.opts;
  const secret = o.secret ?? (d.demo ? DEMO_SECRET : undefined);
  if (!secret || secret.length < 32)
    throw new Error('SESSION_SECRET is required outside demo mode: set it to at least 32 random characters (e.g. `openssl rand -base64 48`)');
  const auth = new AuthService(d.db, {
    secret,
    sessionTtlMs: o.sessionTtlMs ?? 12 * 3_600_000,
    wallSessionTtlMs: o.wallSessionTtlMs ?? 30 * 86_400_000,
    demo: d.demo,
    secureCookies: o.secureCookies ?? false,
  });
  const accounts = new AccountsService(d.db, auth);
  if (d.demo) await accounts.seedDemo();
  const audit = new AuditLog(d.db, d.log);
  const keyCache = new ApiKeyCache();
  const sockets = new SocketGuard(d.nsp, auth, { eventsPerS: o.socketEventsPerS ?? 10, eventsBurst: 3 * (o.socketEventsPerS ?? 10) });
  const known = (id: string) => d.twins.get(id) !== undefined;
  const throttle = new LoginThrottle({ freeFailures: 3, maxDelayMs: 15 * 60_000, ipBurst: o.loginIpBurst ?? 20, ipPerMinute: 10 });

  const api = Router({ caseSensitive: true, strict: true });
  api.use(audit.middleware());
  api.use(authRouter(auth, audit, d.policy, throttle));
  api.use(adminUsersRouter(d.db, accounts, audit, known, d.policy));
  api.use(adminKeysRouter(d.db, keyCache, audit, known, d.flushKeyUse, d.policy));

  return {
    auth,
    accounts,
    identify: identify(auth),
    audit,
    keyCache,
    sockets,
    allowedOrigins: new Set(o.allowedOrigins ?? []),
    api,
    sweepSessions: () => deleteExpiredSessions(d.db),
    close: () => sockets.close(),
  };
}

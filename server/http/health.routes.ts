import type { Db } from '../db/db';
import { none, type PolicyDeps } from './policy';
import { secureRouter } from './secureRouter';

/**
 * `GET /api/health` → {status, db: {driver, timescaledb}, version}; 503 when the database does not answer.
 * In cluster mode also `cluster: {owns}`: how many compounds this process acts for (0 on a process that only serves).
 */
export function healthRouter(db: Db, version: string, deps: PolicyDeps, cluster: () => { owns: number } | null = () => null) {
  const r = secureRouter(deps);
  // Public: load balancers and the login page ask it; it says nothing about any compound.
  r.get('/health', { gate: 'public', compound: none() }, async (_req, res) => {
    const ok = await db.ping().catch(() => false);
    res.status(ok ? 200 : 503);
    const c = cluster();
    return { status: ok ? 'ok' : 'degraded', db: { driver: db.driver, timescaledb: db.timescaledb, reachable: ok }, version, ...(c ? { cluster: c } : {}) };
  });
  return r.router;
}

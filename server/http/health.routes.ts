import { Router } from 'express';
import type { Db } from '../db/db';

/** `GET /api/health` → {status, db: {driver, timescaledb}, version}; 503 when the database does not answer. */
export function healthRouter(db: Db, version: string): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    const ok = await db.ping().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', db: { driver: db.driver, timescaledb: db.timescaledb, reachable: ok }, version });
  });
  return r;
}

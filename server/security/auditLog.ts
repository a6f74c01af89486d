import type { RequestHandler } from 'express';
import type { Db } from '../db/db';
import { insertAudit, type NewAuditEntry } from '../db/audit.repo';
import { ipOf } from '../auth/principal';

const MAX_PENDING = 10_000;

/**
 * The audit trail: who did what, when, from where. Entries are written at once; while the database is
 * away they wait in memory (bounded) and go out with the next write.
 */
export class AuditLog {
  private pending: (NewAuditEntry & { at: number })[] = [];
  private writing: Promise<void> = Promise.resolve();
  dropped = 0;

  constructor(
    private readonly db: Db,
    private readonly log: (m: string) => void = console.error,
  ) {}

  record(e: NewAuditEntry): void {
    if (this.pending.length >= MAX_PENDING) {
      this.pending.shift();
      this.dropped++;
    }
    this.pending.push({ ...e, at: Date.now() });
    this.writing = this.writing.then(() => this.flush());
  }

  /** Resolves when everything recorded so far is written (or failed and kept for later). */
  idle(): Promise<void> {
    return this.writing;
  }

  private async flush(): Promise<void> {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    try {
      await insertAudit(this.db, batch);
    } catch (err) {
      this.pending = batch.concat(this.pending).slice(-MAX_PENDING);
      this.log(`[audit] ${batch.length} entries kept for retry: ${(err as Error).message}`);
    }
  }

  /**
   * Records every state-changing API request when it finishes: actor, method and path, status, IP.
   * Ingest batches are device data, not user actions (the API key's last-used time covers them).
   */
  middleware(): RequestHandler {
    return (req, res, next) => {
      if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || req.path === '/ingest') return next();
      const path = req.path;
      // Login, logout and admin actions are recorded by their routes, with more detail.
      if (path.startsWith('/auth/') || path.startsWith('/admin/')) return next();
      res.on('finish', () => {
        const ids = path.split('/').filter((s) => /^\d+$/.test(s));
        this.record({
          actor: req.user?.name ?? 'anonymous',
          action: `${req.method} ${path.replace(/\/\d+(?=\/|$)/g, '/:id')}`,
          target: ids.length ? ids.join('/') : null,
          detail: { status: res.statusCode, role: req.auth?.user.role ?? null },
          ip: ipOf(req),
        });
      });
      next();
    };
  }
}

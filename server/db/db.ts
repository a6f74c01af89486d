/** What every repository talks to: one interface over the embedded PGlite and the `pg` driver. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export interface Db extends Queryable {
  readonly driver: 'embedded' | 'pg';
  /** Whether the timescaledb extension is loaded (hypertables, continuous aggregates, policies). */
  readonly timescaledb: boolean;
  /** Runs `fn` in one transaction; rolls back if it throws. */
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Cheap liveness check used by health and ingest back-pressure. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** A database error that means "not reachable right now" (callers answer 503, not 500). */
export class DbUnavailableError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DbUnavailableError';
  }
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  '53300',
]);

/** True when an error says the database is unreachable or shutting down rather than that the query is wrong. */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof DbUnavailableError) return true;
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  return /Connection terminated|connection timeout|not queryable|Client was closed|closed/i.test(e.message ?? '');
}

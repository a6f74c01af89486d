import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

/**
 * The embedded data folder cannot be used as it is. Start-up stops with this message and never
 * initialises a fresh cluster over the folder: the operator's data may still be recoverable.
 */
export class DamagedDataDirError extends Error {
  constructor(
    readonly dir: string,
    readonly reason: string,
  ) {
    const shown = shownPath(dir);
    const arg = /^[\w./-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, `'\\''`)}'`;
    super(
      `The embedded database in ${shown} could not be opened: ${reason.replace(/[.\s]+$/, '')}. ` +
        `Restore it from a backup, or move the folder aside (mv ${arg} ${arg}.damaged) to start with an empty database.`,
    );
    this.name = 'DamagedDataDirError';
  }
}

/** The folder as the operator typed it: relative to the working directory when inside it. */
function shownPath(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : dir;
}

/**
 * Refuses a folder that is there but is not a whole database before PGlite sees it: PGlite runs
 * initdb whenever PG_VERSION is missing, so a half-copied or half-deleted folder would otherwise be
 * taken for a new one. A missing or empty folder is fine (a first start).
 */
export function checkDataDir(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new DamagedDataDirError(dir, 'the path is a file, not a folder');
  const entries = readdirSync(dir);
  if (entries.length === 0) return;
  if (!entries.includes('PG_VERSION')) {
    throw new DamagedDataDirError(dir, `the folder holds ${entries.length} entries but no PG_VERSION, so it is not a complete database folder`);
  }
  if (!existsSync(join(dir, 'global', 'pg_control'))) throw new DamagedDataDirError(dir, 'global/pg_control is missing');
}

// PostgreSQL error classes that mean the files are bad, not the query: XX (internal: data or index
// corrupted) and 58 (system error: a file missing or unreadable).
const DAMAGE_CODE = /^(XX|58)/;

/**
 * The damaged-folder error for `err` when `err` says the files are bad: a PostgreSQL corruption or
 * file error, or the WebAssembly build dying (PANIC/FATAL abort it); `lastLog` is what PostgreSQL said
 * last (a crash's own message says nothing). Anything else (a wrong migration, a bad compound file)
 * is not the folder's fault: undefined.
 */
export function damagedDataDir(err: unknown, dir: string, lastLog: readonly string[] = []): DamagedDataDirError | undefined {
  if (err instanceof DamagedDataDirError) return err;
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  const crashed = e?.name === 'RuntimeError' || e?.name === 'ExitStatus';
  const corrupt = typeof e?.code === 'string' && DAMAGE_CODE.test(e.code);
  if (!crashed && !corrupt) return undefined;
  const said = causeFromLog(lastLog);
  const own = typeof e?.message === 'string' && e.message ? e.message : String(err);
  return new DamagedDataDirError(dir, corrupt ? own : (said ?? `the embedded PostgreSQL stopped (${own.replace(/\. Build with .*$/, '')})`));
}

/** The last PANIC or FATAL line PostgreSQL wrote, with its DETAIL, without the timestamp prefix. */
export function causeFromLog(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /\b(?:PANIC|FATAL|error):\s+(.*)$/.exec(stripAnsi(lines[i]));
    if (!m) continue;
    const detail = /\bDETAIL:\s+(.*)$/.exec(stripAnsi(lines[i + 1] ?? ''));
    return detail ? `${m[1]} (${detail[1].replace(/[.\s]+$/, '')})` : m[1];
  }
  return undefined;
}

// eslint-disable-next-line no-control-regex -- ESC is exactly what an ANSI colour code starts with
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

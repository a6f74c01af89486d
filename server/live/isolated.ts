import { isUnavailable } from '../db/db';

/**
 * Runs one compound's share of a start-up step or a maintenance pass. A failure is that compound's own:
 * logged as `<label>: <cause>` and answered with undefined, so one bad row or compound never stops the
 * others. The database being away is everyone's: it is rethrown, failing the whole pass.
 */
export async function isolated<T>(label: string, log: (msg: string) => void, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (isUnavailable(err)) throw err;
    log(`${label}: ${(err as Error)?.message ?? err}`);
    return undefined;
  }
}

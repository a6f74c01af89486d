/** How long to wait between tries: doubling from `baseMs`, never more than `maxMs`. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/**
 * The wait before try number `attempt` (0 = the first retry): the doubled delay's upper half, drawn at
 * random, so that every wall and console in a control room does not knock at a restarted server at the
 * same moment ("equal jitter").
 */
export function backoffDelay(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(b.maxMs, b.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

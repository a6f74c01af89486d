// Seeded randomness and rounding shared by the compound generators. Math.random is never used:
// the committed demo JSON must be reproducible byte for byte from the code.

/** mulberry32: tiny, fast, good enough for layout jitter and sampling. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/**
 * Weighted sample of k distinct indices (Efraimidis–Spirakis): each item gets key u^(1/w) and the
 * k largest keys win, so one pass decides everything and the result depends only on the seed.
 */
export function weightedSample(rng: Rng, weights: readonly number[], k: number): Set<number> {
  const keyed = weights.map((w, i) => ({ i, key: w > 0 ? Math.pow(rng(), 1 / w) : -1 }));
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  return new Set(
    keyed
      .slice(0, k)
      .filter((e) => e.key >= 0)
      .map((e) => e.i),
  );
}

/** Local metres are kept to the centimetre: finer digits are noise and bloat the JSON. */
export const r2 = (v: number): number => Math.round(v * 100) / 100 + 0;
/** Seven decimals of a degree is ~1 cm. */
export const r7 = (v: number): number => Math.round(v * 1e7) / 1e7 + 0;
export const r4 = (v: number): number => Math.round(v * 1e4) / 1e4 + 0;

/** `yyyy-mm-dd` of a base date plus some days, in UTC so the time zone never shifts it. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// Seeded randomness: every draw is a function of (seed, what, when), so a run replays exactly whatever the tick timing.

export type Rand = () => number;

/** 32-bit FNV-1a of a string. */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** murmur3's finaliser: spreads every input bit over the word. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One 32-bit word from two. */
export const mix = (a: number, b: number): number => fmix(Math.imul(fmix(a) ^ 0x9e3779b9, 0x85ebca6b) ^ (b >>> 0));

/** A millisecond timestamp (past 32 bits) folded into one word. */
export const timeWord = (t: number): number => mix(Math.floor(t / 4294967296), Math.floor(t) >>> 0);

/** mulberry32, restartable so the hot path reseeds one generator per reading instead of allocating one. */
export class Seeded {
  private s = 0;
  reset(state: number): this {
    this.s = state | 0;
    return this;
  }
  readonly next: Rand = () => {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh generator from a 32-bit state. */
export const seeded = (state: number): Rand => new Seeded().reset(state).next;

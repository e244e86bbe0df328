/**
 * Seeded pseudo-random numbers and string hashing. Everything in this package draws from
 * these so that a seed fully determines the output on every runtime (no Math.random).
 */

/** A deterministic random source: `next()` returns a float in [0, 1). */
export type Rng = {
  next(): number;
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
};

/**
 * 32-bit FNV-1a hash of a string, as an unsigned integer.
 * @example
 * fnv1a('3+4') // a stable number in [0, 2^32)
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A mulberry32 generator seeded from a number and an optional stream name, so that
 * independent streams (e.g. problems vs. corpus noise) drawn from one seed do not correlate.
 * @example
 * const rng = createRng(42, 'arith');
 * rng.int(1, 9); // same value every run
 */
export function createRng(seed: number, stream = ''): Rng {
  let state = fnv1a(`${seed}:${stream}`) ^ Math.imul(seed | 0, 0x9e3779b1);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick: empty array');
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

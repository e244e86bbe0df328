/**
 * The repository's one seeded generator (mulberry32): the corpus and problem generators, the
 * pipeline's data order and model seeds, and token sampling all draw from it, so a seed fixes
 * every output on every runtime (no Math.random). Its whole state is one uint32, so a checkpoint
 * stores it and a resumed run draws exactly what an uninterrupted one would.
 */

/** Seeded random numbers with a serialisable state. */
export class Rng {
  private s: number;

  /** A generator whose state is `state` (as a uint32); see `createRng` for named streams. */
  constructor(state: number) {
    this.s = state >>> 0;
  }

  /**
   * Uniform in [0, 1), 32 bits of resolution.
   *
   * @example
   * new Rng(42).next(); // 0.6011037519201636, every run
   */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * Uniform integer in [0, n): an index.
   *
   * @example
   * new Rng(1).below(10); // 0 … 9
   */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Uniform integer in [lo, hi], both inclusive.
   *
   * @example
   * new Rng(1).int(1, 9); // 1 … 9
   */
  int(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /**
   * True with probability p.
   *
   * @example
   * new Rng(1).chance(0.3);
   */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * One element of a non-empty array.
   *
   * @example
   * new Rng(1).pick(['en', 'fr']);
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick: empty array');
    return items[this.below(items.length)]!;
  }

  /**
   * A fresh 31-bit seed for a sub-computation (sampling, data order, initial weights).
   *
   * @example
   * generate(model, tok, prompts, { seed: rng.seed() });
   */
  seed(): number {
    return this.below(2 ** 31);
  }

  /**
   * `count` distinct indices from [0, n), in random order (partial Fisher–Yates).
   *
   * @example
   * new Rng(1).sampleIndices(100, 3); // e.g. [41, 7, 93]
   */
  sampleIndices(n: number, count: number): number[] {
    const idx = Array.from({ length: n }, (_, i) => i);
    const m = Math.min(count, n);
    for (let i = 0; i < m; i++) {
      const j = i + this.below(n - i);
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    return idx.slice(0, m);
  }

  /** The whole state, for a checkpoint. */
  state(): number {
    return this.s;
  }

  setState(state: number): void {
    this.s = state >>> 0;
  }
}

/**
 * 32-bit FNV-1a hash of a string, as an unsigned integer.
 *
 * @example
 * fnv1a('3+4'); // a stable number in [0, 2^32)
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
 * A generator for one named stream of a seed, so that independent streams drawn from one seed
 * (problems vs. corpus noise) do not correlate: its state mixes the name's hash with the seed.
 *
 * @example
 * const rng = createRng(42, 'arith');
 * rng.int(1, 9); // same value every run
 */
export function createRng(seed: number, stream = ''): Rng {
  return new Rng(fnv1a(`${seed}:${stream}`) ^ Math.imul(seed | 0, 0x9e3779b1));
}

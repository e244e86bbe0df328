// A small seeded RNG whose whole state is one uint32, so a checkpoint can store it and a resumed
// run draws exactly the numbers an uninterrupted one would (mulberry32).

/** Seeded random numbers with a serialisable state. */
export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A fresh 31-bit seed for a sub-computation (sampling, data order). */
  seed(): number {
    return this.int(2 ** 31);
  }

  /** `count` distinct indices from [0, n), in random order (partial Fisher–Yates). */
  sampleIndices(n: number, count: number): number[] {
    const idx = Array.from({ length: n }, (_, i) => i);
    const m = Math.min(count, n);
    for (let i = 0; i < m; i++) {
      const j = i + this.int(n - i);
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    return idx.slice(0, m);
  }

  state(): number {
    return this.s;
  }

  setState(state: number): void {
    this.s = state >>> 0;
  }
}

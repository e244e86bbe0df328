// The generator's outputs are pinned: the corpus, problem pools, sampled tokens and every
// checkpoint of a seeded run depend on them, so a change here would silently change them all.
import { describe, expect, it } from 'vitest';
import { createRng, fnv1a, Rng } from '../src/index.ts';

describe('Rng', () => {
  it('draws the pinned mulberry32 sequence', () => {
    const rng = new Rng(42);
    expect([rng.next(), rng.next(), rng.next()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
    expect(new Rng(0).next()).toBe(0.26642920868471265);
  });

  it('keeps its whole state in one uint32', () => {
    const a = new Rng(7);
    for (let i = 0; i < 5; i++) a.next();
    const b = new Rng(0);
    b.setState(a.state());
    expect(Array.from({ length: 10 }, () => b.next())).toEqual(
      Array.from({ length: 10 }, () => a.next()),
    );
    expect(new Rng(-1).state()).toBe(4294967295);
  });

  it('below(n) is in [0, n) and int(lo, hi) in [lo, hi], both ends reached', () => {
    const rng = new Rng(3);
    const below = new Set(Array.from({ length: 2000 }, () => rng.below(5)));
    expect([...below].sort()).toEqual([0, 1, 2, 3, 4]);
    const ints = new Set(Array.from({ length: 2000 }, () => rng.int(-2, 2)));
    expect([...ints].sort()).toEqual([-1, -2, 0, 1, 2]);
  });

  it('int, chance, pick and seed are functions of next()', () => {
    const a = new Rng(11);
    const b = new Rng(11);
    expect(a.int(3, 8)).toBe(3 + Math.floor(b.next() * 6));
    expect(a.chance(0.5)).toBe(b.next() < 0.5);
    expect(a.pick(['x', 'y', 'z'])).toBe(['x', 'y', 'z'][Math.floor(b.next() * 3)]);
    expect(a.seed()).toBe(Math.floor(b.next() * 2 ** 31));
    expect(() => a.pick([])).toThrow(/empty/);
  });

  it('sampleIndices returns distinct indices, capped at n', () => {
    const picked = new Rng(5).sampleIndices(50, 20);
    expect(new Set(picked).size).toBe(20);
    expect(picked.every((i) => i >= 0 && i < 50)).toBe(true);
    expect(new Rng(5).sampleIndices(3, 10).sort()).toEqual([0, 1, 2]);
  });
});

describe('createRng', () => {
  it('gives independent, reproducible named streams', () => {
    expect(createRng(0, 'a').next()).toBe(createRng(0, 'a').next());
    expect(createRng(0, 'a').next()).not.toBe(createRng(0, 'b').next());
    expect(createRng(0, 'a').state()).toBe((fnv1a('0:a') ^ 0) >>> 0);
    expect(createRng(0, 'base-corpus').next()).toBe(0.5451189081650227);
  });

  it('fnv1a is the 32-bit FNV-1a hash', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
  });
});

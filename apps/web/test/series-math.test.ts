import { describe, expect, it } from 'vitest';
import { METRIC_BLOCK, pointsFor, seriesRequests } from '../src/downsampling.ts';
import { chartsFor } from '../src/metric-groups.ts';
import { align, smooth } from '../src/series-math.ts';

describe('chart arithmetic', () => {
  it('smooths like TensorBoard: debiased, so the first point is the first value; nulls stay', () => {
    const s = smooth([2, null, 4], 0.5);
    expect(s[0]).toBe(2);
    expect(s[1]).toBeNull();
    expect(s[2]).toBeCloseTo(2 / 3 + 8 / 3, 12);
    expect(smooth([1, 2, 3], 0)).toEqual([1, 2, 3]);
  });

  it('aligns series on the union of their steps', () => {
    const { steps, columns } = align([
      { label: 'a', steps: [1, 2, 3], values: [10, 20, 30] },
      { label: 'b', steps: [2, 4], values: [5, 6] },
    ]);
    expect(steps).toEqual([1, 2, 3, 4]);
    expect(columns).toEqual([
      [10, 20, 30, null],
      [null, 5, null, 6],
    ]);
  });

  it('puts reward and each reward function on one chart with the std as its band, the rest by prefix', () => {
    const defs = chartsFor([
      'rewards/format/mean',
      'reward_std',
      'reward',
      'rewards/accuracy/mean',
      'kl',
      'dynamic_sampling/rounds',
      'eval/format',
      'eval/pass1',
    ]);
    expect(defs.map((d) => d.id)).toEqual(['reward', 'held-out', 'kl', 'other-dynamic_sampling']);
    expect(defs[0]).toMatchObject({
      keys: ['reward', 'rewards/accuracy/mean', 'rewards/format/mean'],
      band: { mean: 'reward', std: 'reward_std' },
    });
    expect(defs[1]!.keys).toEqual(['eval/pass1', 'eval/format']);
    expect(defs[2]!.logFits).toBe(true);
  });
});

describe('points asked per key', () => {
  it('asks for every pixel while the scan is small, for one point per summary block when it is not', () => {
    const key = (count: number) => ({ key: 'k', count, firstStep: 1, lastStep: count });
    expect(pointsFor(key(600), 1000)).toBe(1000);
    expect(pointsFor(key(4_000), 1000)).toBe(1000);
    expect(pointsFor(key(8_000), 1000)).toBe(31);
    expect(pointsFor(key(50_000), 1000)).toBe(Math.floor(50_000 / METRIC_BLOCK));
    expect(pointsFor(key(1_000_000), 1000)).toBe(1000);
    const groups = seriesRequests([key(600), { ...key(50_000), key: 'long' }], 1000);
    expect([...groups]).toEqual([
      [1000, ['k']],
      [195, ['long']],
    ]);
  });
});

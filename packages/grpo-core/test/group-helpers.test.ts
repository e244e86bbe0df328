import { describe, expect, it } from 'vitest';
import {
  filterZeroVarianceGroups,
  lossNormalisers,
  lossNormalisersOfLengths,
  maskTruncatedCompletions,
  overlongPenalty,
  repeatForGroups,
} from '../src/index.ts';
import { tf } from './tf-setup.ts';

describe('repeatForGroups', () => {
  it('repeats each prompt G times, consecutively', () => {
    expect(repeatForGroups(['a', 'b'], 3)).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
    expect(repeatForGroups([{ q: 1 }], 2)).toEqual([{ q: 1 }, { q: 1 }]);
    expect(repeatForGroups([], 4)).toEqual([]);
  });
  it('rejects a non-positive or fractional G', () => {
    expect(() => repeatForGroups(['a'], 0)).toThrow(/positive integer/);
    expect(() => repeatForGroups(['a'], 2.5)).toThrow(/positive integer/);
  });
});

describe('filterZeroVarianceGroups (DAPO dynamic sampling)', () => {
  it('drops all-equal groups and reports how many', () => {
    const r = filterZeroVarianceGroups([1, 1, 0, 1, 0, 0, 0.5, 0.25], 2);
    expect(r.keptGroups).toEqual([1, 3]);
    expect(r.keptIndices).toEqual([2, 3, 6, 7]);
    expect(Array.from(r.rewards)).toEqual([0, 1, 0.5, 0.25]);
    expect(r.droppedGroups).toBe(2);
  });
  it('keeps everything when every group varies, drops everything when none does', () => {
    expect(filterZeroVarianceGroups([0, 1, 1, 0], 2).droppedGroups).toBe(0);
    const none = filterZeroVarianceGroups([1, 1, 1, 0, 0, 0], 3);
    expect(none).toEqual({
      keptGroups: [],
      keptIndices: [],
      rewards: new Float32Array(),
      droppedGroups: 2,
    });
  });
  it('validates like groupAdvantages', () => {
    expect(() => filterZeroVarianceGroups([1, 0], 1)).toThrow(/groupSize/);
    expect(() => filterZeroVarianceGroups([1, Number.NaN], 2)).toThrow(/finite/);
  });
});

describe('overlongPenalty (DAPO soft overlong punishment)', () => {
  it('is 0 before the cache, ramps linearly to −1 at maxLen, −1 beyond', () => {
    expect(overlongPenalty(100, 20480, 4096)).toBe(0);
    expect(overlongPenalty(16384, 20480, 4096)).toBe(0);
    expect(overlongPenalty(18432, 20480, 4096)).toBeCloseTo(-0.5, 12);
    expect(overlongPenalty(20480, 20480, 4096)).toBeCloseTo(-1, 12);
    expect(overlongPenalty(20481, 20480, 4096)).toBe(-1);
    expect(overlongPenalty(17408, 20480, 4096)).toBeCloseTo(-0.25, 12);
  });
  it('with no cache it is a hard step at maxLen', () => {
    expect(overlongPenalty(10, 10, 0)).toBe(0);
    expect(overlongPenalty(11, 10, 0)).toBe(-1);
  });
  it('rejects bad arguments', () => {
    expect(() => overlongPenalty(-1, 10, 2)).toThrow(/length/);
    expect(() => overlongPenalty(1, 0, 0)).toThrow(/maxLen/);
    expect(() => overlongPenalty(1, 10, 11)).toThrow(/cacheLen/);
  });
});

describe('maskTruncatedCompletions and lossNormalisers', () => {
  it('zeros the rows of truncated completions', () => {
    const mask = tf.tensor2d([
      [1, 1, 0],
      [1, 1, 1],
      [1, 0, 0],
    ]);
    const m = maskTruncatedCompletions(mask, [false, true, false]);
    expect(m.arraySync()).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [1, 0, 0],
    ]);
    const m2 = maskTruncatedCompletions(mask, tf.tensor1d([0, 1, 1], 'bool'));
    expect(m2.arraySync()).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(() => maskTruncatedCompletions(mask, [true])).toThrow(
      /1 entries but the mask has 3 rows/,
    );
    tf.dispose([mask, m, m2]);
  });

  it('counts tokens and sequences over micro-batches of different widths', () => {
    const a = tf.tensor2d([[1, 1, 0]]);
    const b = tf.tensor2d([
      [1, 0],
      [1, 1],
    ]);
    const before = tf.memory().numTensors;
    expect(lossNormalisers([{ mask: a }, { mask: b }])).toEqual({
      tokenCount: 5,
      sequenceCount: 3,
    });
    expect(
      lossNormalisers([{ mask: a }, { mask: b, truncated: [false, true] }], {
        maskTruncated: true,
      }),
    ).toEqual({ tokenCount: 3, sequenceCount: 3 });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });

  it('counts the same from lengths as from masks', () => {
    const lengths = [{ tokens: 2 }, { tokens: 1 }, { tokens: 2, truncated: true }];
    expect(lossNormalisersOfLengths(lengths)).toEqual({ tokenCount: 5, sequenceCount: 3 });
    expect(lossNormalisersOfLengths(lengths, { maskTruncated: true })).toEqual({
      tokenCount: 3,
      sequenceCount: 3,
    });
    expect(lossNormalisersOfLengths([])).toEqual({ tokenCount: 0, sequenceCount: 0 });
  });
});

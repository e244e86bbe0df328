import { describe, expect, it } from 'vitest';
import { consensusAtK, majorityAnswer, meanPassAt1, meanPassAtK, passAtK } from '../src/index.ts';

describe('passAtK', () => {
  it('matches hand-computed values', () => {
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 12);
    // 1 − C(2,2)/C(4,2) = 1 − 1/6
    expect(passAtK(4, 2, 2)).toBeCloseTo(5 / 6, 12);
    // 1 − C(7,3)/C(10,3) = 1 − 35/120
    expect(passAtK(10, 3, 3)).toBeCloseTo(1 - 35 / 120, 12);
    expect(passAtK(5, 0, 3)).toBe(0);
    expect(passAtK(5, 5, 1)).toBe(1);
    expect(passAtK(5, 4, 2)).toBe(1);
  });

  it('stays exact where the binomials would overflow (n = 2000)', () => {
    // C(1999, 1)/C(2000, 1) = 1999/2000 → pass@1 = 1/2000
    expect(passAtK(2000, 1, 1)).toBeCloseTo(1 / 2000, 15);
    // 1 − C(1000, 500)/C(2000, 500): both ~1e299 / 1e486; the product form stays finite.
    const p = passAtK(2000, 1000, 500);
    expect(p).toBeGreaterThan(0.999999);
    expect(p).toBeLessThanOrEqual(1);
  });

  it('rejects impossible counts', () => {
    expect(() => passAtK(0, 0, 1)).toThrow(/n must be a positive integer/);
    expect(() => passAtK(4, 5, 1)).toThrow(/c must be an integer in \[0, n=4\]/);
    expect(() => passAtK(4, -1, 1)).toThrow(/c must be/);
    expect(() => passAtK(4, 1, 0)).toThrow(/k must be an integer in \[1, n=4\]/);
    expect(() => passAtK(4, 1, 5)).toThrow(/k must be/);
    expect(() => passAtK(4, 1.5, 1)).toThrow(RangeError);
  });
});

describe('meanPassAt1 / meanPassAtK', () => {
  it('averages c/n over problems', () => {
    expect(meanPassAt1([16, 0, 64], 64)).toBeCloseTo((0.25 + 0 + 1) / 3, 12);
    expect(meanPassAtK([0, 2, 4], 4, 2)).toBeCloseTo((0 + 5 / 6 + 1) / 3, 12);
  });
  it('rejects an empty list', () => {
    expect(() => meanPassAt1([], 4)).toThrow(/no problems/);
  });
});

describe('consensusAtK (majority vote)', () => {
  it('picks the most frequent answer, ignoring missing ones', () => {
    expect(majorityAnswer(['7', null, '8', '8', undefined, '7', '8'])).toEqual({
      answer: '8',
      votes: 3,
    });
    expect(majorityAnswer([null, undefined])).toEqual({ answer: null, votes: 0 });
  });
  it('breaks ties by first appearance', () => {
    expect(majorityAnswer(['b', 'a', 'a', 'b'])).toEqual({ answer: 'b', votes: 2 });
  });
  it('scores 1 when the majority answer is correct, with a checker or per-sample flags', () => {
    expect(consensusAtK(['12', '12', '13'], (a) => a === '12')).toBe(1);
    expect(consensusAtK(['12', '13', '13'], (a) => a === '12')).toBe(0);
    expect(consensusAtK(['12', '13', '13'], [true, false, false])).toBe(0);
    expect(consensusAtK([null, '5', '5'], [false, true, true])).toBe(1);
    // A right answer in the minority does not count: that is pass@k's job.
    expect(consensusAtK(['1', '2', '2'], [true, false, false])).toBe(0);
  });
  it('scores 0 when no sample answered, and rejects mismatched flags', () => {
    expect(consensusAtK([null, null], [false, false])).toBe(0);
    expect(() => consensusAtK(['1', '2'], [true])).toThrow(/1 flags for 2 answers/);
  });
});

import { describe, expect, it } from 'vitest';
import { groupAdvantages } from '../src/index.ts';

function expectAll(actual: Float32Array, expected: number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    expect(actual[i]).toBeCloseTo(e, digits);
  });
}

describe('groupAdvantages', () => {
  // Group [1, 0, 0, 0]: mean 0.25, population std sqrt(0.1875) = 0.4330127.
  it("'group' divides by each group's population std", () => {
    const a = groupAdvantages([1, 0, 0, 0, 2, 4, 6, 8], 4, { scale: 'group', eps: 0 });
    const s1 = Math.sqrt(0.1875);
    // Group [2, 4, 6, 8]: mean 5, population std sqrt(5).
    const s2 = Math.sqrt(5);
    expectAll(a, [0.75 / s1, -0.25 / s1, -0.25 / s1, -0.25 / s1, -3 / s2, -1 / s2, 1 / s2, 3 / s2]);
  });

  it("'group' adds eps to the std", () => {
    const a = groupAdvantages([0, 1], 2, { scale: 'group', eps: 0.5 });
    // mean 0.5, std 0.5 → ±0.5 / 1.0
    expectAll(a, [-0.5, 0.5]);
  });

  it("'group' with stdCorrection 1 uses the sample std (TRL/torch)", () => {
    const a = groupAdvantages([0, 1], 2, { scale: 'group', eps: 0, stdCorrection: 1 });
    // sample std of [0, 1] = sqrt(0.5)
    expectAll(a, [-0.5 / Math.sqrt(0.5), 0.5 / Math.sqrt(0.5)]);
  });

  it("'batch' centres per group, scales by the whole batch's std", () => {
    // batch [0, 1, 3, 5]: mean 2.25, squares 5.0625+1.5625+0.5625+7.5625 = 14.75, std sqrt(3.6875)
    const a = groupAdvantages([0, 1, 3, 5], 2, { scale: 'batch', eps: 0 });
    const s = Math.sqrt(3.6875);
    expectAll(a, [-0.5 / s, 0.5 / s, -1 / s, 1 / s]);
  });

  it("'none' only subtracts the group mean (Dr. GRPO)", () => {
    expectAll(groupAdvantages([1, 0, 0, 0, 3, 5], 2, { scale: 'none' }), [0.5, -0.5, 0, 0, -1, 1]);
  });

  it('defaults to group scale with eps 1e-4', () => {
    const a = groupAdvantages([0, 1], 2);
    expectAll(a, [-0.5 / 0.5001, 0.5 / 0.5001]);
  });

  it('gives exact zeros, never NaN, for all-equal groups under every scale', () => {
    for (const scale of ['group', 'batch', 'none'] as const) {
      // 0.1 * 3 / 3 is not exactly 0.1 in floating point: the zero must not depend on that.
      const a = groupAdvantages([0.1, 0.1, 0.1, 7, 7, 7], 3, { scale, eps: 0 });
      expect(Array.from(a)).toEqual([0, 0, 0, 0, 0, 0]);
    }
    const mixed = groupAdvantages([1, 1, 0, 1], 2, { scale: 'group', eps: 0 });
    expect(Array.from(mixed.slice(0, 2))).toEqual([0, 0]);
    expectAll(mixed.slice(2), [-1, 1]);
  });

  it('rejects a group size of 1 with a clear error', () => {
    expect(() => groupAdvantages([1, 0], 1)).toThrow(/groupSize must be an integer >= 2/);
    expect(() => groupAdvantages([1, 0], 0)).toThrow(RangeError);
    expect(() => groupAdvantages([1, 0], 1.5)).toThrow(RangeError);
  });

  it('rejects a length that is not a multiple of the group size, and empty input', () => {
    expect(() => groupAdvantages([1, 0, 1], 2)).toThrow(/multiple of groupSize/);
    expect(() => groupAdvantages([], 2)).toThrow(/multiple of groupSize/);
  });

  it('rejects non-finite rewards and bad eps', () => {
    expect(() => groupAdvantages([1, Number.NaN], 2)).toThrow(/index 1 is not a finite number/);
    expect(() => groupAdvantages([Number.POSITIVE_INFINITY, 0], 2)).toThrow(/index 0/);
    expect(() => groupAdvantages([1, 0], 2, { eps: -1 })).toThrow(/eps/);
  });

  it('accepts typed arrays', () => {
    expectAll(groupAdvantages(new Float64Array([2, 4]), 2, { scale: 'none' }), [-1, 1]);
  });
});

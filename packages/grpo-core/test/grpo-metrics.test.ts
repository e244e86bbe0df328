import { describe, expect, it } from 'vitest';
import { DEFAULT_GRPO_RECIPE, GRPO_RECIPES, grpoMetrics } from '../src/index.ts';

describe('grpoMetrics', () => {
  it('computes the TRL-named metrics by hand', () => {
    const m = grpoMetrics({
      rewards: [1, 0, 1, 1, 2, 0],
      rewardsByName: { accuracy: [1, 0, 1, 1, 1, 0], format: [0, 0, 0, 0, 1, 0] },
      groupSize: 2,
      completionLengths: [3, 5, 4, 8, 10, 6],
      truncated: [false, false, false, true, true, false],
    });
    expect(m.reward).toBeCloseTo(5 / 6, 12);
    // group stds: [1,0] → 0.5, [1,1] → 0, [2,0] → 1; mean 0.5
    expect(m.reward_std).toBeCloseTo(0.5, 12);
    expect(m.frac_reward_zero_std).toBeCloseTo(1 / 3, 12);
    expect(m['rewards/accuracy/mean']).toBeCloseTo(4 / 6, 12);
    // population std of [1,0,1,1,1,0]: p = 2/3 → sqrt(p(1−p)) = sqrt(2/9)
    expect(m['rewards/accuracy/std']).toBeCloseTo(Math.sqrt(2 / 9), 12);
    expect(m['rewards/format/mean']).toBeCloseTo(1 / 6, 12);
    expect(m['rewards/format/std']).toBeCloseTo(Math.sqrt(5 / 36), 12);
    expect(m['completions/mean_length']).toBeCloseTo(6, 12);
    expect(m['completions/min_length']).toBe(3);
    expect(m['completions/max_length']).toBe(10);
    expect(m['completions/clipped_ratio']).toBeCloseTo(2 / 6, 12);
    expect(m['completions/mean_terminated_length']).toBeCloseTo((3 + 5 + 4 + 6) / 4, 12);
    expect(m['completions/min_terminated_length']).toBe(3);
    expect(m['completions/max_terminated_length']).toBe(6);
  });

  it('reports 0 terminated lengths when every completion was cut', () => {
    const m = grpoMetrics({
      rewards: [0, 0],
      groupSize: 2,
      completionLengths: [8, 8],
      truncated: [true, true],
    });
    expect(m['completions/clipped_ratio']).toBe(1);
    expect(m['completions/mean_terminated_length']).toBe(0);
    expect(m.frac_reward_zero_std).toBe(1);
  });

  it('rejects mismatched lengths and non-finite scores', () => {
    const base = {
      rewards: [0, 1],
      groupSize: 2,
      completionLengths: [1, 2],
      truncated: [false, false],
    };
    expect(() => grpoMetrics({ ...base, completionLengths: [1] })).toThrow(
      /completionLengths has 1/,
    );
    expect(() => grpoMetrics({ ...base, truncated: [false] })).toThrow(/truncated has 1/);
    expect(() => grpoMetrics({ ...base, rewardsByName: { acc: [1] } })).toThrow(
      /rewardsByName.acc/,
    );
    expect(() => grpoMetrics({ ...base, rewardsByName: { acc: [1, Number.NaN] } })).toThrow(
      /acc\[1\]/,
    );
    expect(() => grpoMetrics({ ...base, groupSize: 1 })).toThrow(/groupSize/);
  });
});

describe('GRPO_RECIPES', () => {
  it('deepseek-math is GRPO as published: ε 0.2, β 0.04, k3 vs reference, G 64, μ 1', () => {
    const { groupSize, epsLow, epsHigh, beta, kl, agg, numIterations } =
      GRPO_RECIPES['deepseek-math'];
    expect([groupSize, epsLow, epsHigh, beta, kl, agg, numIterations]).toEqual([
      64,
      0.2,
      0.2,
      0.04,
      'k3',
      'seq-mean-token-mean',
      1,
    ]);
  });
  it('the default, trl, is what every preset ran before recipes were named: G 8, β 0, token-mean', () => {
    expect(DEFAULT_GRPO_RECIPE).toBe('trl');
    expect(GRPO_RECIPES.trl).toMatchObject({
      groupSize: 8,
      epsLow: 0.2,
      epsHigh: 0.2,
      beta: 0,
      agg: 'token-mean',
      scale: 'group',
      numIterations: 1,
      maskTruncated: false,
      dynamicSampling: false,
      overlong: null,
      temperature: 1,
    });
  });
  it('the variants change what their papers change', () => {
    expect(GRPO_RECIPES.dapo).toMatchObject({
      epsLow: 0.2,
      epsHigh: 0.28,
      beta: 0,
      agg: 'token-mean',
      dynamicSampling: true,
    });
    // 4,096 of 20,480 tokens.
    expect(GRPO_RECIPES.dapo.overlong).toEqual({ cacheFraction: 0.2 });
    expect(GRPO_RECIPES['dr-grpo']).toMatchObject({
      scale: 'none',
      agg: 'seq-mean-token-sum-norm',
      beta: 0,
    });
    expect(GRPO_RECIPES['r1-zero']).toMatchObject({
      groupSize: 16,
      beta: 0.001,
      kl: 'k3',
      refResetEvery: 400,
    });
    for (const recipe of Object.values(GRPO_RECIPES))
      expect(recipe.source.length).toBeGreaterThan(0);
  });
});

// What the update's metrics cover: clip ratios over every loss token of the batch; the forward-pass
// metrics (ratio, entropy, KL, sampler mismatch) only when that pass saw every sequence; a step
// whose forward pass saw nothing logs none of them (absent, not 0).
import { initBackend } from '@r1lab/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { updateMetrics } from '../src/grpo-update-metrics.ts';
import { update } from './grpo-fixtures.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

const FORWARD_KEYS = [
  'ratio_mean',
  'entropy',
  'kl',
  'sampling/sampling_logp_difference/mean',
  'sampling/sampling_logp_difference/max',
  'sampling/importance_sampling_ratio/min',
  'sampling/importance_sampling_ratio/mean',
  'sampling/importance_sampling_ratio/max',
];

async function run(advantages: number[], opts: { measureSkipped: boolean; withRef: boolean }) {
  return (await update({}, Float32Array.from(advantages), opts)).metrics;
}

describe('GRPO update metrics', () => {
  it('an all-skipped step logs no clip, ratio, entropy or KL keys', async () => {
    const m = await run([0, 0, 0, 0, 0, 0], { measureSkipped: false, withRef: true });
    for (const key of ['clip_ratio/low_mean', 'clip_ratio/region_mean', ...FORWARD_KEYS]) {
      expect(m, key).not.toHaveProperty(key);
    }
    expect(m.updated_fraction).toBe(0);
    expect(m.num_loss_tokens).toBeGreaterThan(0);
  }, 60_000);

  it('with some sequences skipped: clip ratios yes, forward-pass metrics only when measured', async () => {
    const partial = await run([1, -1, 0, 0, 0, 0], { measureSkipped: false, withRef: true });
    expect(partial['clip_ratio/region_mean']).toBe(0);
    for (const key of FORWARD_KEYS) expect(partial, key).not.toHaveProperty(key);
    const measured = await run([1, -1, 0, 0, 0, 0], { measureSkipped: true, withRef: true });
    for (const key of FORWARD_KEYS) expect(measured, key).toHaveProperty(key);
    // Policy = reference = sampler here: KL 0, ratio 1, mismatch at float precision.
    expect(measured.kl).toBeCloseTo(0, 6);
    expect(measured.ratio_mean).toBeCloseTo(1, 5);
    expect(measured['sampling/sampling_logp_difference/max']).toBeLessThan(1e-4);
    expect(measured.entropy).toBeGreaterThan(0);
    // The measured-only sequences stay out of the update.
    expect(measured.updated_tokens).toBe(partial.updated_tokens);
    expect(measured.grad_norm).toBe(partial.grad_norm);
  }, 60_000);

  it('kl is logged only when the reference was computed', async () => {
    const m = await run([1, -1, 0.5, -0.5, 0.25, -0.25], { measureSkipped: false, withRef: false });
    expect(m).toHaveProperty('entropy');
    expect(m).not.toHaveProperty('kl');
  }, 60_000);
});

describe('updateMetrics', () => {
  const stats = (over: object) => ({
    'clip_ratio/low_mean': 0,
    'clip_ratio/high_mean': 0,
    'clip_ratio/region_mean': 0,
    ratio_mean: 1,
    num_tokens: 10,
    ratio_min: 1,
    ratio_max: 1,
    abs_log_ratio_mean: 0,
    abs_log_ratio_max: 0,
    ...over,
  });

  const input = {
    lossTokens: 30,
    updatedTokens: 30,
    coversBatch: true,
    withRef: false,
    losses: [0, 0],
    gradNorms: [0, 0],
    skippedUpdates: 0,
  };

  it('clip ratios count every loss token, over every iteration; min/max are across iterations', () => {
    const m = updateMetrics({
      ...input,
      // Two iterations over the 10 updated tokens of a 40-token batch.
      iterations: [
        [stats({ 'clip_ratio/low_mean': 0.2, 'clip_ratio/region_mean': 0.2 })],
        [stats({ 'clip_ratio/high_mean': 0.4, 'clip_ratio/region_mean': 0.4 })],
      ],
      lossTokens: 40,
      updatedTokens: 10,
      coversBatch: false,
      losses: [0.1, 0.3],
      gradNorms: [1, 3],
    });
    expect(m['clip_ratio/low_mean']).toBeCloseTo((0.05 + 0) / 2, 12);
    expect(m['clip_ratio/low_min']).toBe(0);
    expect(m['clip_ratio/high_mean']).toBeCloseTo((0 + 0.1) / 2, 12);
    expect(m['clip_ratio/high_max']).toBeCloseTo(0.1, 12);
    expect(m['clip_ratio/region_mean']).toBeCloseTo((0.05 + 0.1) / 2, 12);
    expect(m.loss).toBeCloseTo(0.2, 12);
    expect(m.grad_norm).toBe(2);
    expect(m).not.toHaveProperty('ratio_mean');
  });

  it('the forward-pass means are token-weighted over every iteration', () => {
    const m = updateMetrics({
      ...input,
      iterations: [
        [stats({ ratio_mean: 1, entropy: 2, num_tokens: 30 })],
        [stats({ ratio_mean: 1.4, entropy: 1, num_tokens: 10, ratio_max: 1.5 })],
      ],
    });
    expect(m.ratio_mean).toBeCloseTo((30 + 14) / 40, 12);
    expect(m.entropy).toBeCloseTo((60 + 10) / 40, 12);
    // The mismatch is the first iteration's.
    expect(m['sampling/importance_sampling_ratio/max']).toBe(1);
  });
});

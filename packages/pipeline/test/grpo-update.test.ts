// The GRPO update as the stage runs it: leaving zero-advantage sequences out of the backward pass
// (β = 0) must not change the step; μ > 1 makes the clip bind; β > 0 adds the KL term's gradient,
// checked against finite differences of the logged loss.
import { type AdamW, initBackend } from '@r1lab/model';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { grpoUpdate, type UpdateInput } from '../src/grpo-update.ts';
import { grpoStage, prompts, setup, tok, update } from './grpo-fixtures.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

it('skips zero-advantage sequences without changing the gradient or the step', async () => {
  // Groups 1 and 3 carry signal, group 2 has zero reward variance.
  const adv = new Float32Array([1, -1, 0, 0, -0.5, 0.5]);
  const full = await update({ skipZeroAdvantage: false }, adv);
  const skipped = await update({ skipZeroAdvantage: true, microBatchSize: 2 }, adv);
  expect(full.metrics.updated_fraction).toBe(1);
  expect(skipped.metrics.updated_fraction).toBeCloseTo(4 / 6, 9);
  expect(skipped.metrics.num_loss_tokens).toBe(full.metrics.num_loss_tokens);
  expect(full.metrics.grad_norm).toBeGreaterThan(0);
  expect(skipped.metrics.grad_norm).toBeCloseTo(full.metrics.grad_norm!, 5);
  expect(skipped.metrics.loss).toBeCloseTo(full.metrics.loss!, 6);
  full.weights.forEach((w, i) => {
    const s = skipped.weights[i]!;
    const maxDiff = w.reduce((m, x, j) => Math.max(m, Math.abs(x - s[j]!)), 0);
    expect(maxDiff).toBeLessThan(1e-6);
  });
}, 60_000);

it('still steps the optimizer when every advantage is zero', async () => {
  const zeros = new Float32Array(6);
  const full = await update({ skipZeroAdvantage: false }, zeros);
  const skipped = await update({ skipZeroAdvantage: true }, zeros);
  expect(skipped.metrics.updated_fraction).toBe(0);
  // One AdamW step each (a zero gradient: its moments, and so the weights, stay put).
  expect(full.steps).toBe(1);
  expect(skipped.steps).toBe(1);
  expect(skipped.metrics.grad_norm).toBe(0);
  expect(full.metrics.grad_norm).toBeCloseTo(0, 9);
  expect(skipped.weights).toEqual(full.weights);
}, 60_000);

describe('μ > 1 iterations', () => {
  it('moves the ratio off 1, so the clip binds and the loss differs from μ = 1', async () => {
    const adv = new Float32Array([1, -1, 1, -1, -0.5, 0.5]);
    const one = await update({ numIterations: 1, lr: 5e-2 }, adv);
    const four = await update({ numIterations: 4, lr: 5e-2 }, adv);
    expect(one.steps).toBe(1);
    expect(four.steps).toBe(4);
    // μ = 1: on-policy, the ratio is 1 up to the sampler–trainer float gap; nothing is clipped.
    expect(one.metrics['clip_ratio/region_mean']).toBe(0);
    expect(Math.abs(one.metrics.ratio_mean! - 1)).toBeLessThan(1e-4);
    // μ = 4: iterations 2–4 see a policy that moved; the clip binds on some tokens.
    expect(four.metrics['clip_ratio/region_mean']).toBeGreaterThan(0);
    expect(
      four.metrics['clip_ratio/high_max']! + four.metrics['clip_ratio/low_mean']!,
    ).toBeGreaterThan(0);
    expect(Math.abs(four.metrics.ratio_mean! - 1)).toBeGreaterThan(1e-3);
    expect(Math.abs(four.metrics.loss! - one.metrics.loss!)).toBeGreaterThan(1e-4);
    // The sampler mismatch is read on the first iteration only, so it is the same for both.
    expect(four.metrics['sampling/importance_sampling_ratio/mean']).toBe(
      one.metrics['sampling/importance_sampling_ratio/mean'],
    );
  }, 120_000);
});

describe('β > 0', () => {
  /** The loss and the gradient the optimizer receives, without stepping. */
  function lossAndGradient(u: Omit<UpdateInput, 'optimizer'>) {
    let grads: Record<string, Float32Array> = {};
    const optimizer = {
      step(g: Record<string, tf.Tensor>) {
        grads = Object.fromEntries(
          Object.entries(g).map(([k, t]) => [k, Float32Array.from(t.dataSync())]),
        );
      },
    } as unknown as AdamW;
    const metrics = grpoUpdate({ ...u, optimizer });
    return { loss: metrics.loss!, kl: metrics.kl, grads };
  }

  it('adds the KL gradient, and the gradient matches finite differences of the loss', async () => {
    const { policy, ref, outs } = await setup(11);
    const advantages = new Float32Array([1, -1, 0.5, -0.5, -0.25, 0.25]);
    // No clipping of the gradient norm, so the optimizer sees the raw gradient.
    const common = { maxGradNorm: 1e9, microBatchSize: 2 };
    const input = (beta: number) => ({
      stage: grpoStage({ ...common, beta }),
      policy,
      ref,
      prompts,
      outs,
      advantages,
      padId: tok.padId,
      withRef: true,
    });
    const withKl = lossAndGradient(input(2));
    const withoutKl = lossAndGradient(input(0));
    expect(withKl.kl).toBeGreaterThan(0);
    expect(withKl.loss).toBeGreaterThan(withoutKl.loss);

    // The entries where the KL term moves the gradient most.
    const entries: Array<{ name: string; j: number; delta: number }> = [];
    for (const [name, g] of Object.entries(withKl.grads)) {
      const g0 = withoutKl.grads[name]!;
      g.forEach((x, j) => {
        entries.push({ name, j, delta: Math.abs(x - g0[j]!) });
      });
    }
    entries.sort((a, b) => b.delta - a.delta);
    const vars = new Map(policy.trainableVariables().map((v) => [v.name, v]));
    const h = 1e-3;
    for (const { name, j, delta } of entries.slice(0, 6)) {
      const v = vars.get(name)!;
      const original = Float32Array.from(v.dataSync());
      const setWeights = (w: Float32Array) => {
        const t = tf.tensor(w, v.shape);
        v.assign(t);
        t.dispose();
      };
      const lossWith = (x: number) => {
        const w = Float32Array.from(original);
        w[j] = x;
        setWeights(w);
        return lossAndGradient(input(2)).loss;
      };
      const fd = (lossWith(original[j]! + h) - lossWith(original[j]! - h)) / (2 * h);
      setWeights(original);
      const analytic = withKl.grads[name]![j]!;
      const tolerance = 0.05 * Math.abs(analytic) + 2e-4;
      expect(Math.abs(fd - analytic), `${name}[${j}]`).toBeLessThan(tolerance);
      // …and the KL term is what makes it: without it the gradient there is clearly different.
      expect(delta).toBeGreaterThan(5 * tolerance);
    }
    policy.dispose();
    ref.dispose();
  }, 120_000);
});

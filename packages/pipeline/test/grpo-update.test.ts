// Leaving zero-advantage sequences out of the backward pass (β = 0) must not change the update.
import { AdamW, createModel, generate, initBackend, type Model } from '@r1lab/model';
import { beforeAll, expect, it } from 'vitest';
import { grpoUpdate } from '../src/grpo-update.ts';
import { taskTokenizer } from '../src/run-pipeline.ts';
import { encodePrompt } from '../src/sequences.ts';
import { GrpoStage } from '../src/spec.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

const tok = taskTokenizer();
const config = {
  vocab_size: tok.vocabSize,
  hidden_size: 32,
  intermediate_size: 64,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  max_position_embeddings: 64,
};

async function update(skipZeroAdvantage: boolean, advantages: Float32Array, microBatchSize = 64) {
  const policy: Model = createModel(config, { seed: 7 });
  const ref = createModel(config, { seed: 7 });
  const prompts = ['1+2=', '3-1=', '4+4='].flatMap((p) => [p, p]).map((p) => encodePrompt(tok, p));
  const outs = await generate(policy, tok, prompts, { maxNewTokens: 12, temperature: 1, seed: 3 });
  const stage = GrpoStage.parse({
    kind: 'grpo',
    name: 'rl',
    from: 'base',
    maxNewTokens: 12,
    lr: 1e-2,
    microBatchSize,
    skipZeroAdvantage,
  });
  const optimizer = new AdamW(policy.trainableVariables(), { lr: stage.lr });
  const metrics = grpoUpdate({
    stage,
    policy,
    ref,
    optimizer,
    prompts,
    outs,
    advantages,
    padId: tok.padId,
    withRef: false,
  });
  const weights = policy.trainableVariables().map((v) => Array.from(v.dataSync()));
  optimizer.dispose();
  policy.dispose();
  ref.dispose();
  return { metrics, weights };
}

it('skips zero-advantage sequences without changing the gradient or the step', async () => {
  // Groups 1 and 3 carry signal, group 2 has zero reward variance.
  const adv = new Float32Array([1, -1, 0, 0, -0.5, 0.5]);
  const full = await update(false, adv);
  const skipped = await update(true, adv, 2);
  expect(full.metrics.updated_fraction).toBe(1);
  expect(skipped.metrics.updated_fraction).toBeCloseTo(4 / 6, 9);
  expect(skipped.metrics.num_tokens).toBe(full.metrics.num_tokens);
  expect(full.metrics.grad_norm).toBeGreaterThan(0);
  expect(skipped.metrics.grad_norm).toBeCloseTo(full.metrics.grad_norm!, 5);
  full.weights.forEach((w, i) => {
    const s = skipped.weights[i]!;
    const maxDiff = w.reduce((m, x, j) => Math.max(m, Math.abs(x - s[j]!)), 0);
    expect(maxDiff).toBeLessThan(1e-6);
  });
}, 60_000);

it('still steps the optimizer when every advantage is zero', async () => {
  const zeros = new Float32Array(6);
  const full = await update(false, zeros);
  const skipped = await update(true, zeros);
  expect(skipped.metrics.updated_fraction).toBe(0);
  expect(skipped.metrics.grad_norm).toBe(0);
  expect(full.metrics.grad_norm).toBeCloseTo(0, 9);
  expect(skipped.weights).toEqual(full.weights);
}, 60_000);

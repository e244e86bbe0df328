import { describe, expect, it } from 'vitest';
import { type PolicyLossStatsReader, policyLoss } from '../src/index.ts';
import { tf } from './tf-setup.ts';

function batch() {
  return {
    logp: tf.tensor2d([
      [-1, -0.5, -2],
      [-0.3, -1.2, -9],
    ]),
    oldLogp: tf.tensor2d([
      [-1.1, -0.4, -2],
      [-0.2, -1.5, -9],
    ]),
    refLogp: tf.tensor2d([
      [-1, -1, -1],
      [-1, -1, -1],
    ]),
    advantages: tf.tensor1d([0.5, -0.5]),
    mask: tf.tensor2d([
      [1, 1, 1],
      [1, 1, 0],
    ]),
  };
}
const config = {
  epsLow: 0.2,
  epsHigh: 0.28,
  beta: 0.04,
  kl: 'k3',
  klTarget: 'ref',
  agg: 'token-mean',
} as const;

describe('policyLoss leaves no tensor behind', () => {
  it('inside tf.tidy, once the stats are read', () => {
    const inputs = batch();
    const before = tf.memory().numTensors;
    let stats: PolicyLossStatsReader | undefined;
    const loss = tf.tidy(() => {
      const out = policyLoss(inputs, config);
      stats = out.stats;
      return out.loss.dataSync()[0]!;
    });
    expect(Number.isFinite(loss)).toBe(true);
    // The kept stats tensor is the only survivor until it is read.
    expect(tf.memory().numTensors).toBe(before + 1);
    const read = stats!.read();
    expect(tf.memory().numTensors).toBe(before);
    expect(read.num_tokens).toBe(5);
    // Later reads come from the cache; dispose after read is a no-op.
    expect(stats!.read()).toBe(read);
    stats!.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(inputs));
  });

  it('inside tf.variableGrads, with the stats read after the backward pass', async () => {
    const inputs = batch();
    const shift = tf.variable(tf.zeros([3]), true, 'shift');
    const before = tf.memory().numTensors;
    let stats: PolicyLossStatsReader | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const out = policyLoss(
        {
          ...inputs,
          logp: tf.add(inputs.logp, shift) as tf.Tensor2D,
          // Two equal logits per position (the model package's tokenEntropy gives ln 2).
          entropy: tf.fill(inputs.logp.shape, Math.log(2)) as tf.Tensor2D,
        },
        config,
      );
      stats = out.stats;
      return out.loss;
    });
    tf.dispose([value, ...Object.values(grads)]);
    const read = await stats!.readAsync();
    expect(tf.memory().numTensors).toBe(before);
    expect(read.entropy).toBeCloseTo(Math.log(2), 6);
    expect(read.kl).toBeGreaterThan(0);
    shift.dispose();
    tf.dispose(Object.values(inputs));
  });

  it('dispose() without reading frees the tensor; reading afterwards is a clear error', () => {
    const inputs = batch();
    const before = tf.memory().numTensors;
    const out = policyLoss(inputs, config);
    out.loss.dispose();
    out.stats.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => out.stats.read()).toThrow(/disposed before being read/);
    tf.dispose(Object.values(inputs));
  });

  it('a throwing call leaks nothing', () => {
    const inputs = batch();
    const before = tf.memory().numTensors;
    expect(() => policyLoss(inputs, { ...config, agg: 'seq-mean-token-sum-norm' })).toThrow(
      /maxLength/,
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(inputs));
  });
});

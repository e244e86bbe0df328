/**
 * TRL-style trajectory invariance: one batch of 8 sequences vs 4 micro-batches of 2 with
 * accumulated gradients and whole-batch normalisers must give the same loss and gradients.
 * Each micro-batch is padded only to its own longest completion, as a real collator does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type LossAggregation,
  lossNormalisers,
  type PolicyLossConfig,
  policyLoss,
} from '../src/index.ts';
import { tf } from './tf-setup.ts';

const B = 8;
const T = 6;

interface Batch {
  lengths: number[];
  old: number[][];
  ref: number[][];
  feature: number[][];
  adv: number[];
}

/** A deterministic batch from a seeded stream: ratios spread over ~[0.5, 1.7] so clips bind. */
function makeBatch(seed: number): Batch {
  const [stream] = fc.sample(
    fc.record({
      lengths: fc.array(fc.integer({ min: 1, max: T }), { minLength: B, maxLength: B }),
      values: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), {
        minLength: 3 * B * T,
        maxLength: 3 * B * T,
      }),
      adv: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: B, maxLength: B }),
    }),
    { seed, numRuns: 1 },
  );
  const { lengths, values, adv } = stream!;
  const grid = (k: number) =>
    Array.from({ length: B }, (_, i) =>
      Array.from({ length: T }, (_, t) => values[k * B * T + i * T + t]!),
    );
  return {
    lengths,
    old: grid(0).map((r) => r.map((v) => -1.5 + v)),
    ref: grid(1).map((r) => r.map((v) => -1.5 + 0.3 * v)),
    feature: grid(2),
    adv,
  };
}

/**
 * Loss and gradients for rows [from, to) padded to their own max length. logp = old + θ·feature
 * + w[t]: θ (scalar) and w (per position) are the "model" whose gradients accumulate.
 */
function run(
  batch: Batch,
  rows: [number, number],
  config: PolicyLossConfig,
  theta: tf.Variable,
  w: tf.Variable,
): { loss: number; grads: Record<string, number[]> } {
  const [from, to] = rows;
  const width = Math.max(...batch.lengths.slice(from, to));
  const slice = (m: number[][]) => m.slice(from, to).map((r) => r.slice(0, width));
  const mask = tf.tensor2d(
    batch.lengths
      .slice(from, to)
      .map((len) => Array.from({ length: width }, (_, t) => (t < len ? 1 : 0))),
  );
  const old = tf.tensor2d(slice(batch.old));
  const ref = tf.tensor2d(slice(batch.ref));
  const feature = tf.tensor2d(slice(batch.feature));
  const adv = tf.tensor1d(batch.adv.slice(from, to));
  const { value, grads } = tf.variableGrads(() => {
    const logp = tf.add(tf.add(old, tf.mul(theta, feature)), tf.slice(w, 0, width)) as tf.Tensor2D;
    const out = policyLoss({ logp, oldLogp: old, refLogp: ref, advantages: adv, mask }, config);
    out.stats.dispose();
    return out.loss;
  }, [theta, w]);
  const result = {
    loss: value.dataSync()[0]!,
    grads: {
      theta: Array.from(grads[theta.name]!.dataSync()),
      w: Array.from(grads[w.name]!.dataSync()),
    },
  };
  tf.dispose([value, grads[theta.name]!, grads[w.name]!, mask, old, ref, feature, adv]);
  return result;
}

const AGGS: LossAggregation[] = ['seq-mean-token-mean', 'token-mean', 'seq-mean-token-sum-norm'];

describe('micro-batch invariance: 1 × 8 equals 4 × 2 with explicit normalisers', () => {
  for (const agg of AGGS) {
    it(`${agg}: same loss and accumulated gradients within 1e-6`, () => {
      for (const seed of [1, 2, 3]) {
        const batch = makeBatch(seed);
        const theta = tf.variable(tf.scalar(0.7), true, `theta-${agg}-${seed}`);
        const w = tf.variable(tf.linspace(-0.2, 0.3, T), true, `w-${agg}-${seed}`);
        const masks = [0, 2, 4, 6].map((from) => ({
          mask: tf.tensor2d(
            batch.lengths
              .slice(from, from + 2)
              .map((len) => Array.from({ length: T }, (_, t) => (t < len ? 1 : 0))),
          ),
        }));
        const normalisers = lossNormalisers(masks);
        tf.dispose(masks.map((m) => m.mask));
        expect(normalisers.sequenceCount).toBe(B);
        expect(normalisers.tokenCount).toBe(batch.lengths.reduce((s, l) => s + l, 0));

        const config: PolicyLossConfig = {
          epsLow: 0.2,
          epsHigh: 0.28,
          beta: 0.05,
          kl: 'k3',
          klTarget: 'ref',
          agg,
          maxLength: T,
        };
        const whole = run(batch, [0, B], config, theta, w);
        let loss = 0;
        const theta_ = [0];
        const w_ = new Array<number>(T).fill(0);
        for (const from of [0, 2, 4, 6]) {
          const part = run(batch, [from, from + 2], { ...config, ...normalisers }, theta, w);
          loss += part.loss;
          theta_[0]! += part.grads.theta![0]!;
          part.grads.w!.forEach((g, t) => {
            w_[t]! += g;
          });
        }
        expect(Math.abs(loss - whole.loss)).toBeLessThan(1e-6);
        expect(Math.abs(theta_[0]! - whole.grads.theta![0]!)).toBeLessThan(1e-6);
        w_.forEach((g, t) => {
          expect(Math.abs(g - whole.grads.w![t]!)).toBeLessThan(1e-6);
        });
        // The gradient is not trivially zero: the test would pass vacuously otherwise.
        expect(Math.abs(whole.grads.theta![0]!)).toBeGreaterThan(1e-4);
        tf.dispose([theta, w]);
      }
    });
  }

  it('without explicit normalisers the micro-batch losses do not add up (the bug this prevents)', () => {
    const batch = makeBatch(1);
    const theta = tf.variable(tf.scalar(0.7), true, 'theta-naive');
    const w = tf.variable(tf.zeros([T]), true, 'w-naive');
    const config: PolicyLossConfig = {
      epsLow: 0.2,
      epsHigh: 0.2,
      beta: 0,
      kl: 'k3',
      klTarget: 'ref',
      agg: 'token-mean',
    };
    const whole = run(batch, [0, B], config, theta, w);
    let naive = 0;
    for (const from of [0, 2, 4, 6]) naive += run(batch, [from, from + 2], config, theta, w).loss;
    expect(Math.abs(naive - whole.loss)).toBeGreaterThan(1e-3);
    tf.dispose([theta, w]);
  });
});

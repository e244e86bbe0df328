import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AdamW,
  CharTokenizer,
  clipByGlobalNorm,
  createModel,
  initBackend,
  lmLoss,
  padBatch,
  tokenLogProbs,
  trainStep,
  warmupCosine,
} from '../src/index.ts';
import { ALPHABET, tinyConfig } from './fixtures.ts';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('AdamW', () => {
  it('matches a hand-computed decoupled-weight-decay update', () => {
    const p = tf.variable(tf.tensor1d([1, -2]), true, 'adamw-test-p');
    const m = tf.variable(tf.tensor2d([[1, 1]]), true, 'adamw-test-m');
    const opt = new AdamW([p, m], {
      lr: 0.1,
      beta1: 0.9,
      beta2: 0.99,
      eps: 1e-8,
      weightDecay: 0.5,
    });
    const g = { 'adamw-test-p': tf.tensor1d([0.5, -1]), 'adamw-test-m': tf.tensor2d([[2, 0]]) };
    opt.step(g);
    // step 1: m̂ = g, v̂ = g² → update = lr·sign(g); decay only on the matrix: (1 − lr·wd)·p
    const pv = p.dataSync();
    expect(pv[0]).toBeCloseTo(1 - 0.1, 6);
    expect(pv[1]).toBeCloseTo(-2 + 0.1, 6);
    const mv = m.dataSync();
    expect(mv[0]).toBeCloseTo(1 * (1 - 0.05) - 0.1, 6);
    expect(mv[1]).toBeCloseTo(1 * (1 - 0.05), 6); // zero gradient: only decay
    opt.step(g, 0.05);
    // step 2 with the same g: m̂ = g, v̂ = g² again → update = 0.05·sign(g)
    expect(p.dataSync()[0]).toBeCloseTo(0.9 - 0.05, 5);
    tf.dispose([p, m, ...Object.values(g)]);
    opt.dispose();
  });
});

describe('clipByGlobalNorm and warmupCosine', () => {
  it('scales gradients to the max norm and reports the norm before clipping', () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([4]) };
    const { grads: c, norm } = clipByGlobalNorm(grads, 1);
    expect(norm).toBeCloseTo(5, 6);
    expect(c.a!.dataSync()[0]).toBeCloseTo(0.6, 5);
    expect(c.b!.dataSync()[0]).toBeCloseTo(0.8, 5);
    const { grads: same } = clipByGlobalNorm(grads, 10);
    expect(same.b!.dataSync()[0]).toBe(4);
    tf.dispose([...Object.values(grads), ...Object.values(c), ...Object.values(same)]);
  });

  it('warms up linearly then decays along a cosine to lrMin', () => {
    const lr = warmupCosine({ warmup: 10, total: 110, lrMax: 1, lrMin: 0.1 });
    expect(lr(0)).toBeCloseTo(0.1);
    expect(lr(9)).toBeCloseTo(1);
    expect(lr(10)).toBeCloseTo(1);
    expect(lr(60)).toBeCloseTo(0.55);
    expect(lr(110)).toBeCloseTo(0.1);
    expect(lr(500)).toBeCloseTo(0.1);
  });
});

describe('trainStep', () => {
  const tok = CharTokenizer.fromAlphabet(ALPHABET);
  const seqs = ['<bos>12+3=15<eos>', '<bos>7-2=5<eos>'].map((s) => tok.encode(s));

  it('lowers the loss, skips a NaN step and reports it, and leaks nothing over 50 steps', () => {
    const model = createModel({ ...tinyConfig, vocab_size: tok.vocabSize }, { seed: 8 });
    const opt = new AdamW(model.trainableVariables(), { lr: 1e-2 });
    const { ids, attentionMask } = padBatch(seqs, tok.padId, 'right');
    const loss = () => lmLoss(model, ids, attentionMask);
    trainStep(model, opt, loss, { maxGradNorm: 1 });
    const before = tf.memory().numTensors;
    const first = trainStep(model, opt, loss, { maxGradNorm: 1 }).loss;
    let last = first;
    for (let i = 0; i < 48; i++) last = trainStep(model, opt, loss, { maxGradNorm: 1 }).loss;
    expect(last).toBeLessThan(first * 0.5);
    const snapshot = model.get('model.norm.weight').dataSync().slice();
    const bad = trainStep(model, opt, () => loss().mul(Number.NaN) as tf.Scalar, {
      maxGradNorm: 1,
    });
    expect(bad.skipped).toBe(true);
    expect(model.get('model.norm.weight').dataSync()).toEqual(snapshot);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([ids, attentionMask]);
    opt.dispose();
    model.dispose();
  });

  it('lmLoss equals the mean of −tokenLogProbs over the loss mask; entropy is sane', () => {
    const model = createModel({ ...tinyConfig, vocab_size: tok.vocabSize }, { seed: 9 });
    const { ids, attentionMask } = padBatch(seqs, tok.padId, 'right');
    const lossMask = attentionMask.mul(tf.range(0, ids.shape[1]).greater(5).toInt()) as tf.Tensor2D;
    const loss = lmLoss(model, ids, lossMask).dataSync()[0]!;
    const { logp, entropy } = tokenLogProbs(model, ids, attentionMask, { withEntropy: true });
    const lp = logp.arraySync();
    const m = lossMask.arraySync();
    let s = 0;
    let n = 0;
    lp.forEach((row, b) => {
      row.forEach((x, t) => {
        if (t > 0 && m[b]![t]) {
          s -= x;
          n++;
        }
      });
    });
    expect(loss).toBeCloseTo(s / n, 5);
    const ent = entropy!.arraySync();
    expect(ent[0]![0]).toBe(0);
    expect(ent[0]![3]).toBeGreaterThan(0);
    expect(ent[0]![3]).toBeLessThanOrEqual(Math.log(tok.vocabSize) + 1e-5);
    tf.dispose([ids, attentionMask, lossMask, logp, entropy!]);
    model.dispose();
  });

  it('refuses a frozen model', () => {
    const model = createModel(tinyConfig, { seed: 1 });
    const frozen = { ...model, trainableVariables: () => [] } as unknown as typeof model;
    const opt = new AdamW([], { lr: 1 });
    expect(() => trainStep(frozen, opt, () => tf.scalar(0))).toThrow(/no trainable variables/);
    model.dispose();
  });
});

/**
 * The wasm backend (the default on machines without tfjs-node): parity with the plain-loop
 * reference, the one-hot embedding path's gradients, KV-cache decoding, and a small model that
 * learns to reverse strings.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AdamW,
  CharTokenizer,
  createModel,
  deserializeCheckpoint,
  forward,
  generate,
  initBackend,
  lmLoss,
  padBatch,
  trainStep,
  warmupCosine,
} from '../src/index.ts';
import { seeded, tinyConfig } from './fixtures.ts';
import { hfCheckpointFiles } from './hf-checkpoint.ts';
import { referenceForward } from './reference-forward.ts';

beforeAll(async () => {
  const info = await initBackend('wasm');
  expect(info.backend).toBe('wasm');
  expect(tf.getBackend()).toBe('wasm');
});

describe('initBackend', () => {
  it("fails clearly for 'tensorflow' when tfjs-node is absent, and 'auto' falls through to wasm", async () => {
    await expect(initBackend('tensorflow')).rejects.toThrow(
      /tfjs-node-gpu nor @tensorflow\/tfjs-node/,
    );
    const lines: string[] = [];
    const info = await initBackend('auto', { log: (l) => lines.push(l) });
    expect(info.backend).toBe('wasm');
    expect(lines[0]).toMatch(/backend wasm \(threads 1\)/);
    await expect(initBackend('cpu', { threads: 0 })).rejects.toThrow(/positive integer/);
  });
});

describe('wasm backend', () => {
  it('matches the plain-loop reference forward', async () => {
    const { files, weights, cfg } = hfCheckpointFiles(tinyConfig, 5);
    const { model } = await deserializeCheckpoint(async (n) => files.get(n));
    const ids = [2, 4, 8, 16, 23, 1, 0];
    const ref = referenceForward(weights, cfg, ids);
    const got = (
      forward(model, tf.tensor2d([ids], undefined, 'int32')).arraySync() as number[][][]
    )[0]!;
    const maxErr = Math.max(
      ...got.flatMap((row, t) => row.map((x, v) => Math.abs(x - ref[t]![v]!))),
    );
    expect(maxErr).toBeLessThan(1e-4);
    model.dispose();
  });

  it('gives the same gradients as the cpu backend (one-hot embedding, custom matmul grads)', async () => {
    const tok = CharTokenizer.fromAlphabet('abcdefghijklmnopq');
    const seqs = ['<bos>abc', '<bos>qponm'].map((s) => tok.encode(s));
    const grads = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const model = createModel({ ...tinyConfig, vocab_size: tok.vocabSize }, { seed: 12 });
      const { ids, attentionMask } = padBatch(seqs, tok.padId, 'left');
      const { grads: g, value } = tf.variableGrads(() =>
        lmLoss(model, ids, attentionMask, attentionMask),
      );
      const out = new Map(
        Object.entries(g).map(([k, v]) => [k.replace(/^r1lab\d+\//, ''), v.dataSync().slice()]),
      );
      tf.dispose([ids, attentionMask, value, ...Object.values(g)]);
      model.dispose();
      return out;
    };
    const cpu = await grads('cpu');
    const wasm = await grads('wasm');
    for (const [name, g] of cpu) {
      const w = wasm.get(name)!;
      const scale = Math.max(...g.map(Math.abs), 1e-6);
      const err = Math.max(...g.map((x, i) => Math.abs(x - w[i]!)));
      expect(err / scale, name).toBeLessThan(1e-3);
    }
  });

  it('learns to reverse strings (> 99% token accuracy, 2 layers)', async () => {
    const letters = 'abcdef';
    const tok = CharTokenizer.fromAlphabet(`${letters}=`);
    const rnd = seeded(123);
    const sample = () =>
      Array.from({ length: 4 }, () => letters[Math.floor(rnd() * letters.length)]).join('');
    const model = createModel(
      {
        vocab_size: tok.vocabSize,
        hidden_size: 64,
        intermediate_size: 128,
        num_hidden_layers: 2,
        num_attention_heads: 4,
        max_position_embeddings: 16,
      },
      { seed: 3 },
    );
    const steps = 300;
    const lrAt = warmupCosine({ warmup: 20, total: steps, lrMax: 3e-3, lrMin: 3e-4 });
    const opt = new AdamW(model.trainableVariables(), { lr: 3e-3, weightDecay: 0 });
    for (let step = 0; step < steps; step++) {
      const batch = Array.from({ length: 32 }, () => {
        const s = sample();
        return tok.encode(`<bos>${s}=${[...s].reverse().join('')}<eos>`);
      });
      const { ids, attentionMask } = padBatch(batch, tok.padId, 'right');
      // loss on the answer tokens only (after '='), as in SFT
      const lossMask = tf.tidy(() =>
        tf.range(0, ids.shape[1]).greaterEqual(6).toInt().expandDims(0).tile([32, 1]),
      ) as tf.Tensor2D;
      trainStep(model, opt, () => lmLoss(model, ids, lossMask), { maxGradNorm: 1, lr: lrAt(step) });
      tf.dispose([ids, attentionMask, lossMask]);
    }
    const tests = Array.from({ length: 64 }, sample);
    const out = await generate(
      model,
      tok,
      tests.map((s) => `<bos>${s}=`),
      { maxNewTokens: 5, greedy: true },
    );
    let right = 0;
    let total = 0;
    out.forEach((o, i) => {
      const want = tok.encode(`${[...tests[i]!].reverse().join('')}<eos>`);
      want.forEach((id, j) => {
        total++;
        if (o.ids[j] === id) right++;
      });
    });
    expect(right / total).toBeGreaterThan(0.99);
    opt.dispose();
    model.dispose();
  });
});

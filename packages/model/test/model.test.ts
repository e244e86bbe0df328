import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cloneModel,
  countParameters,
  createModel,
  deserializeCheckpoint,
  forward,
  initBackend,
  padBatch,
  resolveConfig,
} from '../src/index.ts';
import { tinyConfig } from './fixtures.ts';
import { hfCheckpointFiles } from './hf-checkpoint.ts';
import { referenceForward } from './reference-forward.ts';

beforeAll(async () => {
  await initBackend('cpu');
});

const ids2d = (rows: number[][]) => tf.tensor2d(rows, undefined, 'int32');

describe('config', () => {
  it('fills HF defaults and rejects inconsistent head counts', () => {
    const c = resolveConfig({ vocab_size: 64, hidden_size: 128, num_attention_heads: 4 });
    expect(c.num_key_value_heads).toBe(4);
    expect(c.intermediate_size).toBe(341);
    expect(() => resolveConfig({ ...tinyConfig, num_key_value_heads: 3 })).toThrow(/must divide/);
    expect(() => resolveConfig({ hidden_size: 8 })).toThrow(/vocab_size and hidden_size/);
    expect(() => resolveConfig({ ...tinyConfig, hidden_act: 'gelu' })).toThrow(/silu/);
  });

  it('counts parameters like the variables do (tied and untied)', () => {
    for (const tie of [false, true]) {
      const m = createModel({ ...tinyConfig, tie_word_embeddings: tie }, { seed: 1 });
      expect(m.numParameters()).toBe(countParameters(m.config));
      m.dispose();
    }
    const bench = resolveConfig({
      vocab_size: 64,
      hidden_size: 128,
      intermediate_size: 344,
      num_hidden_layers: 4,
      num_attention_heads: 4,
      tie_word_embeddings: true,
    });
    expect(countParameters(bench)).toBe(799_872);
  });
});

describe('forward', () => {
  it('matches a plain-loop reference forward of an HF-layout checkpoint (GQA, RoPE, untied)', async () => {
    const { files, weights, cfg } = hfCheckpointFiles(tinyConfig);
    const { model } = await deserializeCheckpoint(async (n) => files.get(n));
    const ids = [1, 5, 9, 3, 22, 7];
    const ref = referenceForward(weights, cfg, ids);
    const got = forward(model, ids2d([ids]));
    const arr = (got.arraySync() as number[][][])[0]!;
    for (let t = 0; t < ids.length; t++) {
      for (let v = 0; v < cfg.vocab_size; v++) expect(arr[t]![v]).toBeCloseTo(ref[t]![v]!, 4);
    }
    got.dispose();
    model.dispose();
  });

  it('matches the reference with tied embeddings and MHA', async () => {
    const partial = { ...tinyConfig, num_key_value_heads: 4, tie_word_embeddings: true };
    const { files, weights, cfg } = hfCheckpointFiles(partial, 11);
    const { model } = await deserializeCheckpoint(async (n) => files.get(n));
    const ids = [0, 3, 3, 17];
    const ref = referenceForward(weights, cfg, ids);
    const got = (forward(model, ids2d([ids])).arraySync() as number[][][])[0]!;
    const maxErr = Math.max(
      ...got.flatMap((row, t) => row.map((x, v) => Math.abs(x - ref[t]![v]!))),
    );
    expect(maxErr).toBeLessThan(1e-4);
    model.dispose();
  });

  it('is causal: changing tokens after t never changes logits at ≤ t (property)', () => {
    const model = createModel(tinyConfig, { seed: 3 });
    const V = tinyConfig.vocab_size!;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: V - 1 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: V - 1 }),
        (seq, t, tok) => {
          const changed = seq.map((x, i) => (i > t ? (x + tok + 1) % V : x));
          const a = forward(model, ids2d([seq]));
          const b = forward(model, ids2d([changed]));
          const diff = tf.tidy(() =>
            a
              .slice([0, 0, 0], [1, t + 1, V])
              .sub(b.slice([0, 0, 0], [1, t + 1, V]))
              .abs()
              .max(),
          );
          const d = diff.dataSync()[0]!;
          tf.dispose([a, b, diff]);
          expect(d).toBe(0);
        },
      ),
      { numRuns: 15 },
    );
    model.dispose();
  });

  it('left padding does not change the logits of real tokens (positions come from the mask)', () => {
    const model = createModel(tinyConfig, { seed: 4 });
    const short = [0, 9, 10, 11];
    const long = [0, 12, 13, 14, 15, 16, 17];
    const alone = forward(model, ids2d([short])).arraySync() as number[][][];
    const { ids, attentionMask } = padBatch([short, long], 2, 'left');
    const batched = forward(model, ids, attentionMask).arraySync() as number[][][];
    const pad = long.length - short.length;
    for (let t = 0; t < short.length; t++) {
      for (let v = 0; v < 24; v++)
        expect(batched[0]![pad + t]![v]).toBeCloseTo(alone[0]![t]![v]!, 5);
    }
    tf.dispose([ids, attentionMask]);
    model.dispose();
  });
});

describe('cloneModel', () => {
  it('makes a frozen, independent copy', () => {
    const m = createModel(tinyConfig, { seed: 5 });
    const c = cloneModel(m);
    expect(c.trainableVariables()).toEqual([]);
    expect(m.trainableVariables().length).toBe(m.weights.size);
    const w = m.get('model.norm.weight');
    w.assign(tf.zerosLike(w));
    expect(c.get('model.norm.weight').dataSync()[0]).toBe(1);
    m.dispose();
    expect(c.get('model.norm.weight').isDisposed).toBe(false);
    c.dispose();
  });
});

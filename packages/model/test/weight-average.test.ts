import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel, initBackend, WeightAverage } from '../src/index.ts';

const config = {
  vocab_size: 16,
  hidden_size: 8,
  intermediate_size: 16,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  num_key_value_heads: 2,
};

beforeAll(async () => {
  await initBackend('cpu');
});

describe('WeightAverage', () => {
  it('holds the elementwise mean of the models it was shown, and leaves them untouched', () => {
    const models = [1, 2, 3].map((seed) => createModel(config, { seed }));
    const before = models.map((m) => m.get('lm_head.weight').arraySync() as number[][]);
    const avg = new WeightAverage();
    for (const m of models) avg.add(m);
    expect(avg.count).toBe(3);
    for (const name of models[0]!.weights.keys()) {
      const expected = tf.tidy(
        () =>
          tf
            .addN(models.map((m) => m.get(name).toFloat()))
            .div(3)
            .dataSync() as Float32Array,
      );
      const got = avg.model!.get(name).dataSync() as Float32Array;
      for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i]!, 6);
    }
    expect(models.map((m) => m.get('lm_head.weight').arraySync())).toEqual(before);
    expect(avg.model!.trainableVariables()).toEqual([]);
    avg.dispose();
    for (const m of models) m.dispose();
  });

  it('resumed from a saved mean and its count, continues as if never stopped', () => {
    const models = [4, 5, 6, 7].map((seed) => createModel(config, { seed }));
    const straight = new WeightAverage();
    for (const m of models) straight.add(m);
    const first = new WeightAverage();
    first.add(models[0]!);
    first.add(models[1]!);
    const resumed = new WeightAverage({ mean: first.model!, count: first.count });
    first.dispose();
    resumed.add(models[2]!);
    resumed.add(models[3]!);
    expect(resumed.count).toBe(4);
    for (const name of models[0]!.weights.keys()) {
      expect(resumed.model!.get(name).dataSync()).toEqual(straight.model!.get(name).dataSync());
    }
    for (const a of [straight, resumed, ...models]) a.dispose();
  });

  it('is empty until the first model', () => {
    const avg = new WeightAverage();
    expect(avg.count).toBe(0);
    expect(avg.model).toBeUndefined();
    avg.dispose();
  });
});

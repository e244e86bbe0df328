// tokenEntropy is the repository's one entropy computation: tokenLogProbs's `withEntropy` output
// must be exactly it, applied to the tempered logits of the positions that predict a real token.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel, forward, initBackend, tokenEntropy, tokenLogProbs } from '../src/index.ts';
import { tinyConfig } from './fixtures.ts';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('tokenEntropy', () => {
  it('is ln V for uniform logits and 0 for a one-hot limit', () => {
    const h = tokenEntropy(
      tf.tensor3d([
        [
          [0, 0, 0, 0],
          [100, 0, 0, 0],
        ],
      ]),
    );
    const [[uniform, peaked]] = h.arraySync() as number[][];
    expect(uniform).toBeCloseTo(Math.log(4), 6);
    expect(peaked).toBeCloseTo(0, 6);
    // p = [0.5, 0.25, 0.25]: H = 0.5 ln 2 + 2·0.25 ln 4 = 1.5 ln 2
    const h2 = tokenEntropy(tf.tensor2d([[Math.log(2), 0, 0]]));
    expect(h2.dataSync()[0]).toBeCloseTo(1.5 * Math.log(2), 6);
    tf.dispose([h, h2]);
  });

  it('is what tokenLogProbs reports, shifted by one position and masked', () => {
    const model = createModel({ ...tinyConfig }, { seed: 3 });
    const ids = tf.tensor2d(
      [
        [1, 5, 7, 2],
        [1, 9, 0, 0],
      ],
      [2, 4],
      'int32',
    );
    const mask = tf.tensor2d(
      [
        [1, 1, 1, 1],
        [1, 1, 0, 0],
      ],
      [2, 4],
      'int32',
    );
    const temperature = 1.3;
    const { logp, entropy } = tokenLogProbs(model, ids, mask, { temperature, withEntropy: true });
    const direct = tf.tidy(() => tokenEntropy(tf.div(forward(model, ids, mask), temperature)));
    const got = entropy!.arraySync() as number[][];
    const want = direct.arraySync() as number[][];
    // entropy[b, t] belongs to the distribution at position t − 1; 0 at t = 0 and on padding.
    expect(got[0]).toEqual([0, want[0]![0], want[0]![1], want[0]![2]]);
    expect(got[1]).toEqual([0, want[1]![0], 0, 0]);
    tf.dispose([ids, mask, logp, entropy!, direct]);
    model.dispose();
  });
});

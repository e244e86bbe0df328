/**
 * The wasm-only fast path for teacher-forced attention: depthwise-conv attention has the values and
 * gradients of the plain batched-matMul attention (MHA, causal mask plus left padding).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { depthwiseAttention } from '../src/attention-dw.ts';
import { initBackend } from '../src/index.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

/** softmax(q·kᵀ + bias)·v with tf.matMul, q/k/v [B, T, H, hd], bias [B, 1, T, T]. */
function matMulAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const heads = (t: tf.Tensor) => t.transpose([0, 2, 1, 3]) as tf.Tensor4D;
  const p = tf.softmax(tf.matMul(heads(q), heads(k), false, true).add(bias)) as tf.Tensor4D;
  return tf.matMul(p, heads(v)).transpose([0, 2, 1, 3]);
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => a.sub(b).abs().max().dataSync()[0]!);
}

describe('depthwiseAttention (wasm)', () => {
  it('equals batched-matMul attention in value and in the gradients of q, k and v', () => {
    const [B, T, H, hd] = [3, 7, 2, 4];
    const q = tf.randomNormal([B, T, H, hd], 0, 1, 'float32', 1);
    const k = tf.randomNormal([B, T, H, hd], 0, 1, 'float32', 2);
    const v = tf.randomNormal([B, T, H, hd], 0, 1, 'float32', 3);
    const r = tf.randomNormal([B, T, H, hd], 0, 1, 'float32', 4);
    // Causal, plus left padding in row 1 (its first two keys are masked).
    const bias = new Float32Array(B * T * T);
    for (let b = 0; b < B; b++)
      for (let i = 0; i < T; i++)
        for (let j = 0; j < T; j++) {
          if (j > i || (b === 1 && j < 2)) bias[(b * T + i) * T + j] = -1e9;
        }
    const bias4 = tf.tensor4d(bias, [B, 1, T, T]);
    const biasTB = bias4.transpose([2, 0, 1, 3]);
    const ref = matMulAttention(q, k, v, bias4);
    const got = depthwiseAttention(q, k, v, biasTB);
    expect(got.shape).toEqual([B, T, H, hd]);
    expect(maxAbsDiff(got, ref)).toBeLessThan(1e-5);

    const before = tf.memory().numTensors;
    const gRef = tf.grads((a, b, c) => matMulAttention(a!, b!, c!, bias4).mul(r).sum())([q, k, v]);
    const gGot = tf.grads((a, b, c) => depthwiseAttention(a!, b!, c!, biasTB).mul(r).sum())([
      q,
      k,
      v,
    ]);
    gRef.forEach((g, i) => {
      expect(maxAbsDiff(gGot[i]!, g)).toBeLessThan(1e-4);
    });
    tf.dispose([...gRef, ...gGot]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([q, k, v, r, bias4, biasTB, ref, got]);
  });
});

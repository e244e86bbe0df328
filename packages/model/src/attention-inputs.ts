/**
 * Per-batch inputs every layer shares: RoPE tables for each token's absolute position (taken from
 * the attention mask, so left padding does not shift positions) and the additive attention bias
 * (causal + key padding). Built in plain JS from small arrays, then uploaded once per forward.
 */
import * as tf from '@tensorflow/tfjs';
import { ropeTables } from './rope.ts';

/** Large negative bias for masked keys: finite so a fully masked (padding) row stays NaN-free. */
export const MASKED = -1e9;

/**
 * Position of each token = number of real tokens before it in its row (0 for padding).
 *
 * @example
 * positionsFromMask([0, 0, 1, 1, 1], 1, 5); // Int32Array [0, 0, 0, 1, 2]
 */
export function positionsFromMask(mask: ArrayLike<number>, batch: number, len: number): Int32Array {
  const pos = new Int32Array(batch * len);
  for (let b = 0; b < batch; b++) {
    let seen = 0;
    for (let t = 0; t < len; t++) {
      const real = mask[b * len + t]! > 0;
      pos[b * len + t] = real ? seen : 0;
      if (real) seen++;
    }
  }
  return pos;
}

/**
 * Additive bias [B, 1, Tq, Tk]: query i (absolute index `offset + i` among the Tk keys) may see
 * key j iff j ≤ offset + i and key j is a real token.
 *
 * @example
 * attentionBias(keyMask, B, 1, Tk, Tk - 1); // one decode step over a cache of Tk keys
 */
export function attentionBias(
  keyMask: ArrayLike<number>,
  batch: number,
  tq: number,
  tk: number,
  offset: number,
): tf.Tensor4D {
  const bias = new Float32Array(batch * tq * tk);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < tq; i++) {
      const row = (b * tq + i) * tk;
      const last = offset + i;
      for (let j = 0; j < tk; j++) {
        if (j > last || keyMask[b * tk + j]! <= 0) bias[row + j] = MASKED;
      }
    }
  }
  return tf.tensor4d(bias, [batch, 1, tq, tk]);
}

/**
 * RoPE cos/sin as [N·heads, headDim] tensors, one row per (token, head) in token-major order, so
 * they multiply the [N·heads, headDim] view of a q|k projection directly (no broadcast, no reshape).
 * Each token's table row is computed once and copied for its heads in JS.
 *
 * @example
 * const { cos, sin } = ropeInputs(positions, H + Hkv, 32, 10000); // [positions.length·(H+Hkv), 32]
 */
export function ropeInputs(
  positions: ArrayLike<number>,
  heads: number,
  headDim: number,
  theta: number,
): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
  const t = ropeTables(positions, headDim, theta);
  const n = positions.length;
  const cos = new Float32Array(n * heads * headDim);
  const sin = new Float32Array(n * heads * headDim);
  for (let p = 0; p < n; p++) {
    const row = t.cos.subarray(p * headDim, (p + 1) * headDim);
    const srow = t.sin.subarray(p * headDim, (p + 1) * headDim);
    for (let h = 0; h < heads; h++) {
      cos.set(row, (p * heads + h) * headDim);
      sin.set(srow, (p * heads + h) * headDim);
    }
  }
  return {
    cos: tf.tensor2d(cos, [n * heads, headDim]),
    sin: tf.tensor2d(sin, [n * heads, headDim]),
  };
}

/**
 * Rotary position embeddings in Hugging Face's Llama convention ("rotate_half"): the head vector
 * is split in two halves (x1, x2) and rotated as (x1·cos − x2·sin, x2·cos + x1·sin), with
 * inv_freq[i] = theta^(−2i/d) shared by both halves (cos = cat(freqs, freqs)).
 */
import * as tf from '@tensorflow/tfjs';

/**
 * cos and sin tables [positions.length, headDim] for the given absolute positions.
 *
 * @example
 * const { cos, sin } = ropeTables([0, 1, 2], 32, 10000); // Float32Array(96) each
 */
export function ropeTables(
  positions: ArrayLike<number>,
  headDim: number,
  theta: number,
): { cos: Float32Array; sin: Float32Array } {
  const half = headDim / 2;
  const invFreq = new Float64Array(half);
  for (let i = 0; i < half; i++) invFreq[i] = 1 / theta ** ((2 * i) / headDim);
  const n = positions.length;
  const cos = new Float32Array(n * headDim);
  const sin = new Float32Array(n * headDim);
  for (let p = 0; p < n; p++) {
    const pos = positions[p]!;
    const o = p * headDim;
    for (let i = 0; i < half; i++) {
      const a = pos * invFreq[i]!;
      const c = Math.cos(a);
      const s = Math.sin(a);
      cos[o + i] = c;
      cos[o + half + i] = c;
      sin[o + i] = s;
      sin[o + half + i] = s;
    }
  }
  return { cos, sin };
}

/**
 * The [d, d] matrix R with x·R = rotate_half(x) = cat(−x2, x1). Applying RoPE as
 * x·cos + (x·R)·sin costs one small untransposed matmul instead of slice/neg/concat ops.
 *
 * @example
 * rotateHalfMatrix(4); // rows: x1→ second half, x2 → −first half
 */
export function rotateHalfMatrix(headDim: number): tf.Tensor2D {
  const half = headDim / 2;
  const r = new Float32Array(headDim * headDim);
  for (let i = 0; i < half; i++) {
    r[(half + i) * headDim + i] = -1; // out[i] = -x2[i]
    r[i * headDim + half + i] = 1; // out[half+i] = x1[i]
  }
  return tf.tensor2d(r, [headDim, headDim]);
}

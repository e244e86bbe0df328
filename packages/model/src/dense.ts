/**
 * Matrix products shaped for tfjs-backend-wasm's fast path (stack-probe §3.3): XNNPACK is used only
 * for 2-D matmuls with neither operand transposed; autograd's default backward of matMul uses
 * transposed operands and falls into a ~7× slower loop. These custom gradients transpose explicitly.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Aᵀ·dy [K, M] for A [N, K], dy [N, M], as an untransposed XNNPACK product. Until the fast 2-D
 * transpose (wasm-kernels.ts), widening layers (M > K) took (dyᵀ·A)ᵀ instead — the same sums in the
 * same order, bit for bit; with transposes cheap, transposing the narrower A wins (1 thread, quiet,
 * medians of 9: N 2048, [128, 344] 13.4 → 12.1 ms; N 6144, 25.6 → 22.8 ms; [128, 256] 9.4 → 8.8).
 */
function weightGrad(A: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(tf.transpose(A), dy);
}

/**
 * `a @ b` for 2-D `a` [N, K] and `b` [K, M] whose backward pass also runs untransposed 2-D matmuls.
 *
 * @example
 * const y = matMul2d(x.reshape([B * T, D]), wT); // [B*T, out]
 */
export const matMul2d = tf.customGrad(((a: tf.Tensor2D, b: tf.Tensor2D, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [A, B] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy, tf.transpose(B)), weightGrad(A, dy)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (
  a: tf.Tensor2D,
  b: tf.Tensor2D,
) => tf.Tensor2D;

/**
 * `a @ b` for a constant `b` (no gradient wanted for it): the backward pass computes only
 * dy·bᵀ, from `bT` given up front. matMul2d would also compute aᵀ·dy, which for RoPE's rotate-half
 * product is a [32, 16384]·[16384, 32] matmul plus a transpose of the activation per layer, thrown
 * away (~27 ms of a ~670 ms training step). `bT` goes in as an input and is saved: a tensor
 * captured by the closure would be disposed with the forward pass's scope before the backward pass
 * runs. The constants get zero gradients (tiny).
 *
 * @example
 * const rotated = matMulConstant(rows, w.rot, w.rotT);
 */
export const matMulConstant = tf.customGrad(((
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  bT: tf.Tensor2D,
  save: tf.GradSaveFunc,
) => {
  save([bT]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const BT = saved[0] as tf.Tensor2D;
      return [tf.matMul(dy, BT), tf.zerosLike(BT), tf.zerosLike(BT)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  bT: tf.Tensor2D,
) => tf.Tensor2D;

/**
 * Applies `x` [..., K] · `wT` [K, M] over the last axis, flattening leading axes to one 2-D product.
 *
 * @example
 * dense(h, wT); // h [B, T, D], wT [D, V] → [B, T, V]
 */
export function dense(x: tf.Tensor, wT: tf.Tensor2D): tf.Tensor {
  const k = x.shape[x.rank - 1]!;
  const lead = x.shape.slice(0, -1);
  const y = matMul2d(x.reshape([-1, k]) as tf.Tensor2D, wT);
  return x.rank === 2 ? y : y.reshape([...lead, wT.shape[1]]);
}

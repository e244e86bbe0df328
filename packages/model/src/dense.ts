/**
 * Matrix products shaped for tfjs-backend-wasm's fast path (stack-probe §3.3): XNNPACK is used only
 * for 2-D matmuls with neither operand transposed; autograd's default backward of matMul uses
 * transposed operands and falls into a ~7× slower loop. These custom gradients transpose explicitly.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Aᵀ·dy [K, M] for A [N, K], dy [N, M], as an untransposed XNNPACK product either way round:
 * Aᵀ·dy, or (dyᵀ·A)ᵀ when M > K. Both sum the same N products per element in the same order
 * (bit-identical, checked on every layer shape of the 0.8 M model); XNNPACK is faster when the
 * product has more rows than columns (1 thread, load ~8, medians of 8 at N = 2048: [128, 344]
 * 37.7 → 28.0 ms, [128, 256] 24.9 → 18.5 ms; the other way round [344, 128] 20.2 vs 23.1 ms).
 */
function weightGrad(A: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  if (dy.shape[1] > A.shape[1]) return tf.transpose(tf.matMul(tf.transpose(dy), A)) as tf.Tensor2D;
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

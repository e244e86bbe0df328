/**
 * Matrix products shaped for tfjs-backend-wasm's fast path (stack-probe §3.3): XNNPACK is used only
 * for 2-D matmuls with neither operand transposed; autograd's default backward of matMul uses
 * transposed operands and falls into a ~7× slower loop. These custom gradients transpose explicitly.
 */
import * as tf from '@tensorflow/tfjs';

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
      return [tf.matMul(dy, tf.transpose(B)), tf.matMul(tf.transpose(A), dy)];
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

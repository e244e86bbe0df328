/**
 * tfjs has no `stopGradient`; this is the usual custom-gradient stand-in.
 */
import * as tf from '@tensorflow/tfjs-core';

// customGrad's declared signature wants a save callback; this gradient needs no saved tensors.
const detach = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as unknown as Parameters<typeof tf.customGrad>[0]);

/**
 * The value of `x` with no gradient flowing back through it (torch's `.detach()`).
 * Used for on-policy GRPO (μ = 1), where π_old is the current policy: ratio = 1 but ∂ratio/∂logp = 1.
 *
 * @example
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(x, stopGradient(x))))(tf.tensor1d([2, 3]));
 * // [2, 3]: only the first factor is differentiated
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return detach(x) as T;
}

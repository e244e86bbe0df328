import * as tf from '@tensorflow/tfjs';

/**
 * Global L2 norm of all gradients (one device → host read).
 *
 * @example
 * globalNorm(grads); // 1.73
 */
export function globalNorm(grads: Record<string, tf.Tensor>): number {
  const sq = tf.tidy(() => tf.addN(Object.values(grads).map((g) => g.square().sum())));
  const n = Math.sqrt(sq.dataSync()[0]!);
  sq.dispose();
  return n;
}

/**
 * Scales all gradients so their global norm is at most `maxNorm`. Returns NEW tensors (the inputs
 * are not disposed) and the norm before clipping (NaN/Inf passes through so callers can skip).
 *
 * @example
 * const { grads: clipped, norm } = clipByGlobalNorm(grads, 1.0);
 */
export function clipByGlobalNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: number } {
  const norm = globalNorm(grads);
  const scale = Number.isFinite(norm) && norm > maxNorm ? maxNorm / (norm + 1e-6) : 1;
  const out: Record<string, tf.Tensor> = {};
  for (const [k, g] of Object.entries(grads)) out[k] = scale === 1 ? g.clone() : g.mul(scale);
  return { grads: out, norm };
}

/**
 * Per-token estimators of KL(π_θ ‖ π_target) from log-probs of tokens sampled from the policy
 * (Schulman, "Approximating KL Divergence", 2020). With d = log π_target − log π_θ:
 *
 * - k1 = −d                 unbiased, can be negative
 * - k2 = d² / 2             biased, non-negative, low variance
 * - k3 = exp(d) − d − 1     unbiased and non-negative: DeepSeekMath eq. 4 and DeepSeek-R1 eq. 2
 *
 * k3 is computed as expm1(d) − d: with exp(d) − d − 1, rounding near d = 0 gives small negatives;
 * expm1(d) ≥ d holds after rounding, so the estimate stays ≥ 0 in float32 too.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Name of a per-token KL estimator. */
export type KlEstimator = 'k1' | 'k2' | 'k3';

/**
 * Per-token KL estimate between the policy and a target policy, same shape as the inputs.
 * Differentiable w.r.t. `logp`; `targetLogp` is treated as a constant by the caller's gradient.
 *
 * @example
 * const kl = klEstimate(tf.tensor1d([Math.log(0.5)]), tf.tensor1d([Math.log(0.25)]), 'k3');
 * // d = log(0.25/0.5) = −ln 2 → exp(d) − d − 1 = 0.5 + 0.6931 − 1 = 0.1931
 */
export function klEstimate<R extends tf.Rank>(
  logp: tf.Tensor<R>,
  targetLogp: tf.Tensor<R>,
  estimator: KlEstimator,
): tf.Tensor<R> {
  return tf.tidy(() => {
    const d = tf.sub(targetLogp, logp);
    switch (estimator) {
      case 'k1':
        return tf.neg(d);
      case 'k2':
        return tf.mul(tf.square(d), 0.5);
      case 'k3':
        return tf.sub(tf.expm1(d), d);
      default:
        throw new RangeError(`unknown KL estimator '${estimator as string}' (use k1, k2 or k3)`);
    }
  }) as tf.Tensor<R>;
}

/**
 * The same estimators on plain numbers, for logging and for tests that check the tensor path.
 *
 * @example
 * klEstimateScalar(0, Math.log(2), 'k3'); // 2 − ln 2 − 1 ≈ 0.3069
 */
export function klEstimateScalar(logp: number, targetLogp: number, estimator: KlEstimator): number {
  const d = targetLogp - logp;
  if (estimator === 'k1') return -d;
  if (estimator === 'k2') return 0.5 * d * d;
  if (estimator === 'k3') return Math.expm1(d) - d;
  throw new RangeError(`unknown KL estimator '${estimator as string}' (use k1, k2 or k3)`);
}

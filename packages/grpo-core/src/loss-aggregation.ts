/**
 * How a [B, T] matrix of per-token losses becomes one scalar. The choice is not cosmetic:
 * it decides how much each token of a long vs. short completion weighs.
 *
 * - `seq-mean-token-mean`     (GRPO as published, DeepSeekMath eq. 3): (1/S) Σ_i (1/|o_i|) Σ_t L_it
 * - `token-mean`              (DAPO eq. 8, TRL `bnpo`/`dapo`): (1/N) Σ_i Σ_t L_it, N = all tokens
 * - `seq-mean-token-sum-norm` (Dr. GRPO): (1/S) Σ_i Σ_t L_it / L_max, L_max a constant
 *
 * S (`sequenceCount`) and N (`tokenCount`) default to the counts in the tensors given; pass the
 * counts of the whole batch when it is split into micro-batches, so that summing the micro-batch
 * losses (and gradients) gives exactly the whole-batch value.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Name of a loss aggregation. */
export type LossAggregation = 'seq-mean-token-mean' | 'token-mean' | 'seq-mean-token-sum-norm';

/** The normalisers of an aggregation; any left out is counted from the tensors passed. */
export interface AggregationNormalisers {
  /** Dr. GRPO's constant L_max (the generation budget); required for `seq-mean-token-sum-norm`. */
  maxLength?: number;
  /** N: completion tokens of the whole batch (used by `token-mean`). */
  tokenCount?: number;
  /** S: sequences of the whole batch (used by the two `seq-mean-*` aggregations). */
  sequenceCount?: number;
}

function assertPositive(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
  }
}

/**
 * Reduces per-token losses `[B, T]` under a 0/1 `mask` `[B, T]` to a scalar. Masked entries must be
 * finite (they are multiplied by 0); `policyLoss` guarantees that.
 *
 * @throws RangeError for an unknown aggregation, a non-positive normaliser, or a missing `maxLength`
 * with `seq-mean-token-sum-norm`.
 * @example
 * const L = tf.tensor2d([[1, 2, 3], [4, 0, 0]]);
 * const m = tf.tensor2d([[1, 1, 1], [1, 0, 0]]);
 * aggregateTokenLoss(L, m, 'token-mean');            // (1+2+3+4)/4 = 2.5
 * aggregateTokenLoss(L, m, 'seq-mean-token-mean');   // (2 + 4)/2 = 3
 * aggregateTokenLoss(L, m, 'seq-mean-token-sum-norm', { maxLength: 4 }); // (6/4 + 4/4)/2 = 1.25
 */
export function aggregateTokenLoss(
  perToken: tf.Tensor2D,
  mask: tf.Tensor2D,
  agg: LossAggregation,
  normalisers: AggregationNormalisers = {},
): tf.Scalar {
  const { maxLength, tokenCount, sequenceCount } = normalisers;
  assertPositive('maxLength', maxLength);
  assertPositive('tokenCount', tokenCount);
  assertPositive('sequenceCount', sequenceCount);
  const rows = perToken.shape[0];
  return tf.tidy(() => {
    const masked = tf.mul(perToken, mask);
    switch (agg) {
      case 'token-mean': {
        // An all-masked micro-batch contributes 0, not 0/0.
        const denominator = tokenCount ?? tf.maximum(tf.sum(mask), 1);
        return tf.div(tf.sum(masked), denominator);
      }
      case 'seq-mean-token-mean': {
        const lengths = tf.maximum(tf.sum(mask, 1), 1);
        const perSequence = tf.div(tf.sum(masked, 1), lengths);
        return tf.div(tf.sum(perSequence), sequenceCount ?? rows);
      }
      case 'seq-mean-token-sum-norm': {
        if (maxLength === undefined) {
          throw new RangeError(
            "agg 'seq-mean-token-sum-norm' (Dr. GRPO) needs maxLength, the constant generation budget",
          );
        }
        return tf.div(tf.sum(masked), maxLength * (sequenceCount ?? rows));
      }
      default:
        throw new RangeError(
          `unknown aggregation '${agg as string}' (use seq-mean-token-mean, token-mean or seq-mean-token-sum-norm)`,
        );
    }
  }) as tf.Scalar;
}

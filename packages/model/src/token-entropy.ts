/**
 * Per-token entropy of a next-token distribution, the policy's collapse detector in RL (DAPO's
 * clip-higher exists because entropy falls fast under symmetric clipping). `tokenLogProbs` uses it
 * for its `withEntropy` output; it is the only entropy computation in the repository.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * H = −Σ_v p_v log p_v over the last axis of logits [..., V], one value per position, computed
 * through logSoftmax so large logits do not overflow.
 *
 * @example
 * tokenEntropy(tf.zeros([1, 2, 4])); // [[ln 4, ln 4]] ≈ [[1.3863, 1.3863]]
 */
export function tokenEntropy<R extends tf.Rank>(logits: tf.Tensor<R>): tf.Tensor {
  if (logits.rank < 2) throw new RangeError(`logits must be [..., V], got shape [${logits.shape}]`);
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits);
    return tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), -1));
  });
}

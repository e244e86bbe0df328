/**
 * What to do with completions that hit the length limit (DAPO §3.4): their reward says little
 * about the reasoning, since the answer was cut off.
 *
 * - overlong filtering: drop truncated completions from the loss (`maskTruncatedCompletions`,
 *   TRL's `mask_truncated_completions`);
 * - soft overlong punishment (DAPO eq. 13): a length penalty that ramps from 0 to −1 over the last
 *   `cacheLen` tokens before `maxLen`, added to the rule-based reward.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * DAPO's soft overlong punishment R_length(|y|):
 * 0 if |y| ≤ L_max − L_cache; (L_max − L_cache − |y|) / L_cache inside the cache; −1 beyond L_max.
 *
 * @throws RangeError if `length` < 0, `maxLen` ≤ 0, or `cacheLen` is outside [0, maxLen].
 * @example
 * overlongPenalty(100, 20480, 4096);   // 0
 * overlongPenalty(18432, 20480, 4096); // (16384 − 18432) / 4096 = −0.5
 * overlongPenalty(20481, 20480, 4096); // −1
 */
export function overlongPenalty(length: number, maxLen: number, cacheLen: number): number {
  if (!(Number.isFinite(length) && length >= 0)) {
    throw new RangeError(`length must be a finite number >= 0, got ${length}`);
  }
  if (!(Number.isFinite(maxLen) && maxLen > 0)) {
    throw new RangeError(`maxLen must be a finite number > 0, got ${maxLen}`);
  }
  if (!(Number.isFinite(cacheLen) && cacheLen >= 0 && cacheLen <= maxLen)) {
    throw new RangeError(`cacheLen must be within [0, maxLen=${maxLen}], got ${cacheLen}`);
  }
  const safeLength = maxLen - cacheLen;
  if (length <= safeLength) return 0;
  if (length <= maxLen) return (safeLength - length) / cacheLen;
  return -1;
}

/**
 * A copy of `mask` [B, T] with the rows of truncated completions zeroed, so they contribute
 * nothing to the loss (DAPO's overlong filtering).
 *
 * @throws RangeError if `truncated` does not have one entry per row.
 * @example
 * maskTruncatedCompletions(tf.tensor2d([[1, 1], [1, 1]]), [false, true]); // [[1, 1], [0, 0]]
 */
export function maskTruncatedCompletions(
  mask: tf.Tensor2D,
  truncated: tf.Tensor1D | readonly boolean[],
): tf.Tensor2D {
  const rows = mask.shape[0];
  const count = Array.isArray(truncated) ? truncated.length : (truncated as tf.Tensor1D).shape[0];
  if (count !== rows) {
    throw new RangeError(`truncated has ${count} entries but the mask has ${rows} rows`);
  }
  return tf.tidy(() => {
    const cut = Array.isArray(truncated)
      ? tf.tensor1d(
          truncated.map((t) => (t ? 1 : 0)),
          'float32',
        )
      : tf.cast(truncated as tf.Tensor1D, 'float32');
    return tf.mul(mask, tf.reshape(tf.sub(1, cut), [rows, 1]));
  }) as tf.Tensor2D;
}

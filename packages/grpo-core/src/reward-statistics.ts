/**
 * Shared checks and moments for rewards laid out group by group
 * (G consecutive completions per prompt, the layout `repeatForGroups` produces).
 */

/** Mean and standard deviation of a slice, computed in float64. */
export interface Moments {
  mean: number;
  std: number;
  /** True when every value is identical: such a group carries no learning signal. */
  constant: boolean;
}

/**
 * Mean and std of `values[start, end)`. `correction` 0 is the population std (DeepSeekMath's
 * formula as we read it), 1 the Bessel-corrected sample std (torch's default, hence TRL's).
 */
export function moments(
  values: ArrayLike<number>,
  start = 0,
  end = values.length,
  correction: 0 | 1 = 0,
): Moments {
  const n = end - start;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = start; i < end; i++) squares += (values[i]! - mean) ** 2;
  const constant = min === max;
  // An all-equal slice has std 0 exactly; rounding in `mean` must not make it 1e-17.
  const std = constant || n - correction <= 0 ? 0 : Math.sqrt(squares / (n - correction));
  return { mean, std, constant };
}

/**
 * Throws a clear error unless `rewards` can be read as whole groups of `groupSize` finite numbers.
 * A group of one has no baseline, so `groupSize` must be at least 2.
 */
export function assertGroupedRewards(rewards: ArrayLike<number>, groupSize: number): void {
  if (!Number.isInteger(groupSize) || groupSize < 2) {
    throw new RangeError(
      `groupSize must be an integer >= 2 (a group of ${groupSize} has no baseline to compare against)`,
    );
  }
  if (rewards.length === 0 || rewards.length % groupSize !== 0) {
    throw new RangeError(
      `rewards.length (${rewards.length}) must be a positive multiple of groupSize (${groupSize})`,
    );
  }
  for (let i = 0; i < rewards.length; i++) {
    if (!Number.isFinite(rewards[i])) {
      throw new RangeError(`reward at index ${i} is not a finite number (${rewards[i]})`);
    }
  }
}

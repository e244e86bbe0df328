/**
 * Per-step rollout metrics under TRL's GRPOTrainer names, so curves read the same as in TRL.
 * Difference: std here is the population std (the one `groupAdvantages` uses by default);
 * TRL uses torch's Bessel-corrected std.
 */
import { assertGroupedRewards, moments } from './reward-statistics.ts';

/** One step's rollouts, in the grouped layout (G consecutive completions per prompt). */
export interface GrpoMetricsInput {
  /** Total (weighted) reward of each completion. */
  rewards: ArrayLike<number>;
  /** Each reward function's score of each completion, by function name. */
  rewardsByName?: Readonly<Record<string, ArrayLike<number>>>;
  groupSize: number;
  /** Completion length in tokens. */
  completionLengths: ArrayLike<number>;
  /** Completions cut at the length limit (no end-of-sequence token). */
  truncated: ArrayLike<boolean>;
}

/** Min and max without spreading (a spread of 100k+ lengths overflows the call stack). */
function range(values: readonly number[]): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

function assertLength(name: string, values: ArrayLike<unknown>, expected: number): void {
  if (values.length !== expected) {
    throw new RangeError(`${name} has ${values.length} entries but rewards has ${expected}`);
  }
}

/**
 * TRL-named metrics of one step's rollouts:
 * `reward`, `reward_std` (mean of the per-group stds), `rewards/<name>/mean`,
 * `rewards/<name>/std`, `frac_reward_zero_std` (share of groups with all rewards equal),
 * `completions/mean_length`, `completions/min_length`, `completions/max_length`,
 * `completions/clipped_ratio` (share truncated), `completions/mean_terminated_length`,
 * `completions/min_terminated_length`, `completions/max_terminated_length` (0 when none ended).
 *
 * @throws RangeError on mismatched lengths, bad `groupSize`, or non-finite rewards.
 * @example
 * grpoMetrics({ rewards: [1, 0, 1, 1], groupSize: 2, completionLengths: [3, 5, 4, 8],
 *   truncated: [false, false, false, true] });
 * // { reward: 0.75, reward_std: 0.25, frac_reward_zero_std: 0.5,
 * //   'completions/mean_length': 5, 'completions/clipped_ratio': 0.25, … }
 */
export function grpoMetrics(input: GrpoMetricsInput): Record<string, number> {
  const { rewards, rewardsByName = {}, groupSize, completionLengths, truncated } = input;
  assertGroupedRewards(rewards, groupSize);
  const count = rewards.length;
  assertLength('completionLengths', completionLengths, count);
  assertLength('truncated', truncated, count);

  const groups = count / groupSize;
  let groupStdSum = 0;
  let zeroStdGroups = 0;
  for (let g = 0; g < groups; g++) {
    const m = moments(rewards, g * groupSize, (g + 1) * groupSize);
    groupStdSum += m.std;
    if (m.constant) zeroStdGroups++;
  }
  const metrics: Record<string, number> = {
    reward: moments(rewards).mean,
    reward_std: groupStdSum / groups,
  };
  for (const [name, values] of Object.entries(rewardsByName)) {
    assertLength(`rewardsByName.${name}`, values, count);
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        throw new RangeError(`rewardsByName.${name}[${i}] is not a finite number (${values[i]})`);
      }
    }
    const m = moments(values);
    metrics[`rewards/${name}/mean`] = m.mean;
    metrics[`rewards/${name}/std`] = m.std;
  }
  metrics.frac_reward_zero_std = zeroStdGroups / groups;

  const all = Array.from(completionLengths);
  const terminated = all.filter((_, i) => !truncated[i]);
  const clipped = count - terminated.length;
  const [minLength, maxLength] = range(all);
  metrics['completions/mean_length'] = moments(all).mean;
  metrics['completions/min_length'] = minLength;
  metrics['completions/max_length'] = maxLength;
  metrics['completions/clipped_ratio'] = clipped / count;
  // TRL logs 0 for the terminated lengths when every completion was cut.
  const none = terminated.length === 0;
  const [minTerminated, maxTerminated] = none ? [0, 0] : range(terminated);
  metrics['completions/mean_terminated_length'] = none ? 0 : moments(terminated).mean;
  metrics['completions/min_terminated_length'] = minTerminated;
  metrics['completions/max_terminated_length'] = maxTerminated;
  return metrics;
}

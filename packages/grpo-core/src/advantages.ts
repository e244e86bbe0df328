/**
 * Group-relative advantages: the baseline of GRPO is the mean reward of the other samples
 * drawn for the same prompt, so no value network is needed.
 *
 * - `group` (DeepSeekMath §4.1.2, DeepSeek-R1 eq. 3): Â_i = (r_i − mean(r_group)) / (std(r_group) + eps)
 * - `batch` (TRL `scale_rewards='batch'`): same numerator, divided by the whole batch's std
 * - `none`  (Dr. GRPO, Liu et al. 2025): Â_i = r_i − mean(r_group), no std scaling
 */
import { assertGroupedRewards, moments } from './reward-statistics.ts';

/** How the group-centred reward is scaled. */
export type AdvantageScale = 'group' | 'batch' | 'none';

/** Options of {@link groupAdvantages}. */
export interface GroupAdvantageOptions {
  /** Which std divides the centred reward; default `'group'`. */
  scale?: AdvantageScale;
  /** Added to the std so near-constant groups do not explode; default 1e-4 (TRL's value). */
  eps?: number;
  /** 0: population std (default); 1: Bessel-corrected std as torch, hence TRL, computes it. */
  stdCorrection?: 0 | 1;
}

/**
 * Advantages of completions laid out group by group (G consecutive completions per prompt).
 * A group whose rewards are all equal gets exactly zero advantages, never NaN.
 *
 * @throws RangeError if `groupSize` < 2, the length is not a multiple of it, or a reward is not finite.
 * @example
 * groupAdvantages([1, 0, 0, 0], 4, { scale: 'group', eps: 0 });
 * // Float32Array [1.7320508, -0.5773503, -0.5773503, -0.5773503]
 * groupAdvantages([1, 0, 1, 1], 2, { scale: 'none' });
 * // Float32Array [0.5, -0.5, 0, 0]
 */
export function groupAdvantages(
  rewards: ArrayLike<number>,
  groupSize: number,
  options: GroupAdvantageOptions = {},
): Float32Array {
  const { scale = 'group', eps = 1e-4, stdCorrection = 0 } = options;
  assertGroupedRewards(rewards, groupSize);
  if (!(eps >= 0) || !Number.isFinite(eps)) {
    throw new RangeError(`eps must be a finite number >= 0, got ${eps}`);
  }
  const out = new Float32Array(rewards.length);
  const batchStd = scale === 'batch' ? moments(rewards, 0, rewards.length, stdCorrection).std : 0;
  for (let start = 0; start < rewards.length; start += groupSize) {
    const end = start + groupSize;
    const group = moments(rewards, start, end, stdCorrection);
    // All-equal group: leave zeros (also avoids 0/0 when eps = 0).
    if (group.constant) continue;
    const divisor = scale === 'group' ? group.std + eps : scale === 'batch' ? batchStd + eps : 1;
    for (let i = start; i < end; i++) out[i] = (rewards[i]! - group.mean) / divisor;
  }
  return out;
}

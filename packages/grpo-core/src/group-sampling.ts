/**
 * Batch layout of GRPO: each prompt is repeated G times, consecutively, so that rewards and
 * advantages can be read group by group.
 */
import { assertGroupedRewards, moments } from './reward-statistics.ts';

/**
 * Repeats each prompt `groupSize` times, consecutively: [p0, p0, p1, p1] for G = 2.
 *
 * @throws RangeError if `groupSize` is not a positive integer.
 * @example
 * repeatForGroups(['a', 'b'], 3); // ['a', 'a', 'a', 'b', 'b', 'b']
 */
export function repeatForGroups<T>(prompts: readonly T[], groupSize: number): T[] {
  if (!Number.isInteger(groupSize) || groupSize < 1) {
    throw new RangeError(`groupSize must be a positive integer, got ${groupSize}`);
  }
  const out: T[] = new Array(prompts.length * groupSize);
  for (let p = 0; p < prompts.length; p++) {
    for (let g = 0; g < groupSize; g++) out[p * groupSize + g] = prompts[p]!;
  }
  return out;
}

/** What {@link filterZeroVarianceGroups} kept and dropped. */
export interface ZeroVarianceFilterResult {
  /** Indices of the groups kept, in order. */
  keptGroups: number[];
  /** Indices of the completions kept (all members of kept groups), in order. */
  keptIndices: number[];
  /** Rewards of the kept completions, still grouped. */
  rewards: Float32Array;
  /** How many groups were dropped because all their rewards were equal. */
  droppedGroups: number;
}

/**
 * DAPO's dynamic sampling filter (§3.2): drops groups whose rewards are all equal (all right or
 * all wrong), whose advantages would be zero and gradient empty. The caller samples more prompts
 * until the batch is full, and logs `droppedGroups`.
 *
 * @throws RangeError under the same conditions as `groupAdvantages`.
 * @example
 * filterZeroVarianceGroups([1, 1, 0, 1, 0, 0], 2);
 * // { keptGroups: [1], keptIndices: [2, 3], rewards: Float32Array [0, 1], droppedGroups: 2 }
 */
export function filterZeroVarianceGroups(
  rewards: ArrayLike<number>,
  groupSize: number,
): ZeroVarianceFilterResult {
  assertGroupedRewards(rewards, groupSize);
  const keptGroups: number[] = [];
  const keptIndices: number[] = [];
  const groups = rewards.length / groupSize;
  for (let g = 0; g < groups; g++) {
    const start = g * groupSize;
    if (moments(rewards, start, start + groupSize).constant) continue;
    keptGroups.push(g);
    for (let i = start; i < start + groupSize; i++) keptIndices.push(i);
  }
  const kept = Float32Array.from(keptIndices, (i) => rewards[i]!);
  return { keptGroups, keptIndices, rewards: kept, droppedGroups: groups - keptGroups.length };
}

/**
 * Weighted combination of rewards, with the per-reward breakdown the pipeline logs per sample
 * (TRL logs `rewards/<name>/mean` from the same breakdown).
 */
import { scoreWithReason } from './explained-reward.ts';
import type { RewardFn, RewardSample } from './types.ts';

export type RewardBreakdown = {
  /** Σ weight × score. */
  total: number;
  /** Unweighted score per reward name. */
  scores: Record<string, number>;
  /** Why a reward scored what it did, where it says. */
  reasons: Record<string, string>;
};

export type WeightedReward = { fn: RewardFn; weight: number };

export type CombinedReward = ((completion: string, sample: RewardSample) => RewardBreakdown) & {
  names: string[];
};

/**
 * Combine named rewards by weight. Each entry is `{ fn, weight }`, or a bare weight for a name
 * in `registry` (so specs can say `{ accuracy: 1, format: 0.5 }`). Rewards that throw count 0.
 * Throws (at creation) on an unknown name or a non-finite weight.
 *
 * @example
 * const reward = combineRewards({ accuracy: 1, format: 0.5 }, REWARDS);
 * reward('<think>…</think><answer>4</answer>', { answer: '4' });
 * // { total: 1.5, scores: { accuracy: 1, format: 1 }, reasons: {} }
 */
export function combineRewards(
  weights: Record<string, WeightedReward | number>,
  registry: Record<string, { fn: RewardFn }> = {},
): CombinedReward {
  const entries = Object.entries(weights).map(([name, spec]) => {
    const fn = typeof spec === 'number' ? registry[name]?.fn : spec.fn;
    const weight = typeof spec === 'number' ? spec : spec.weight;
    if (typeof fn !== 'function') throw new Error(`unknown reward ${JSON.stringify(name)}`);
    if (!Number.isFinite(weight))
      throw new Error(`weight of ${name} must be finite, got ${weight}`);
    return { name, fn, weight };
  });
  const combined = ((completion: string, sample: RewardSample): RewardBreakdown => {
    const scores: Record<string, number> = {};
    const reasons: Record<string, string> = {};
    let total = 0;
    for (const { name, fn, weight } of entries) {
      const { score, reason } = scoreWithReason(fn, completion, sample);
      scores[name] = score;
      if (reason !== undefined && score !== 1) reasons[name] = reason;
      total += weight * score;
    }
    return { total, scores, reasons };
  }) as CombinedReward;
  combined.names = entries.map((e) => e.name);
  return combined;
}

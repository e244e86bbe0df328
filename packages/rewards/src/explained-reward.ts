import type { ExplainedRewardFn, RewardFn, RewardSample, ScoredReward } from './types.ts';

/**
 * Wrap a scoring function so it never throws and never returns a value outside `range`:
 * thrown errors and non-finite results score `range`'s floor (or 0 when 0 is in range) with a reason.
 *
 * @example
 * const half = explainedReward([0, 1], () => ({ score: 0.5 }));
 * half('anything', { answer: '' }); // 0.5
 */
export function explainedReward(
  range: readonly [number, number],
  explainFn: (completion: string, sample: RewardSample) => ScoredReward,
): ExplainedRewardFn {
  const [lo, hi] = range;
  const fallback = lo <= 0 && hi >= 0 ? 0 : lo;
  const explain = (completion: string, sample: RewardSample): ScoredReward => {
    if (typeof completion !== 'string')
      return { score: fallback, reason: 'completion is not a string' };
    const safeSample: RewardSample = sample && typeof sample === 'object' ? sample : { answer: '' };
    try {
      const out = explainFn(completion, safeSample);
      if (!Number.isFinite(out.score)) return { score: fallback, reason: 'non-finite score' };
      return { ...out, score: Math.min(hi, Math.max(lo, out.score)) };
    } catch (err) {
      return { score: fallback, reason: `reward threw: ${String((err as Error)?.message ?? err)}` };
    }
  };
  const fn = ((completion: string, sample: RewardSample) =>
    explain(completion, sample).score) as ExplainedRewardFn;
  fn.explain = explain;
  fn.range = range;
  return fn;
}

/**
 * Score a completion and say why: uses the reward's own `.explain` when it has one, otherwise
 * calls it inside a guard so a throwing or non-finite custom reward still yields `{ score: 0, reason }`.
 *
 * @example
 * scoreWithReason(formatReward, 'no tags', { answer: '1' });
 * // { score: 0, reason: 'missing <think>…</think> then <answer>…</answer>' }
 */
export function scoreWithReason(
  fn: RewardFn,
  completion: string,
  sample: RewardSample,
): ScoredReward {
  const explain = (fn as Partial<ExplainedRewardFn>).explain;
  if (typeof explain === 'function') return explain(completion, sample);
  try {
    const score = fn(completion, sample);
    if (!Number.isFinite(score)) return { score: 0, reason: 'non-finite score' };
    return { score };
  } catch (err) {
    return { score: 0, reason: `reward threw: ${String((err as Error)?.message ?? err)}` };
  }
}

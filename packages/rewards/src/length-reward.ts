/**
 * Length shaping by correctness. Sources: Yeo et al. 2025, "Demystifying Long Chain-of-Thought
 * Reasoning in LLMs" (cosine reward), as implemented by open-r1 `get_cosine_scaled_reward`; and
 * Kimi k1.5 §2.3.3 length penalty (open-r1 `len_reward`), which needs the whole group.
 */
import { accuracyReward } from './accuracy-reward.ts';
import { explainedReward } from './explained-reward.ts';
import type { ExplainedRewardFn, RewardSample } from './types.ts';

export type CosineLengthOptions = {
  /** Reward of a wrong answer at length 0 (default -1: short wrong answers are punished most). */
  minValueWrong?: number;
  /** Reward of a wrong answer at `maxLen` (default -0.5). */
  maxValueWrong?: number;
  /** Reward of a right answer at `maxLen` (default 0.5). */
  minValueCorrect?: number;
  /** Reward of a right answer at length 0 (default 1: short right answers are best). */
  maxValueCorrect?: number;
  /** Length at which the cosine reaches its end (default 1000). */
  maxLen?: number;
  /** How to measure a completion (default: UTF-16 characters, as open-r1 uses `len(content)`). */
  measure?: (completion: string) => number;
  /** How correctness is judged (default {@link accuracyReward} ≥ 1). */
  isCorrect?: (completion: string, sample: RewardSample) => boolean;
};

/**
 * Cosine-scaled length reward: right answers earn `maxValueCorrect` when short, decaying along a
 * half cosine to `minValueCorrect` at `maxLen`; wrong answers earn `minValueWrong` when short,
 * rising to `maxValueWrong` at `maxLen` (a long wrong attempt is punished less than a short guess).
 * Range [minValueWrong, maxValueCorrect] = [-1, 1] by default.
 *
 * @example
 * const lengthReward = cosineLengthReward({ maxLen: 100 });
 * lengthReward('\\boxed{\\frac{63}{400}}', { answer: '\\frac{63}{400}' }); // ≈ 0.943
 */
export function cosineLengthReward(options: CosineLengthOptions = {}): ExplainedRewardFn {
  const minWrong = options.minValueWrong ?? -1;
  const maxWrong = options.maxValueWrong ?? -0.5;
  const minCorrect = options.minValueCorrect ?? 0.5;
  const maxCorrect = options.maxValueCorrect ?? 1;
  const maxLen = options.maxLen ?? 1000;
  if (!(maxLen > 0)) throw new RangeError(`maxLen must be positive, got ${maxLen}`);
  const measure = options.measure ?? ((c: string) => c.length);
  const isCorrect =
    options.isCorrect ?? ((c: string, s: RewardSample) => accuracyReward(c, s) >= 1);
  const lo = Math.min(minWrong, maxWrong, minCorrect, maxCorrect);
  const hi = Math.max(minWrong, maxWrong, minCorrect, maxCorrect);
  return explainedReward([lo, hi], (completion, sample) => {
    const progress = Math.min(1, measure(completion) / maxLen);
    const cosine = Math.cos(progress * Math.PI);
    const correct = isCorrect(completion, sample);
    // open-r1 swaps the wrong-answer ends so the cosine runs from minWrong (short) to maxWrong (long).
    const [start, end] = correct ? [minCorrect, maxCorrect] : [maxWrong, minWrong];
    return {
      score: start + 0.5 * (end - start) * (1 + cosine),
      reason: correct ? 'correct' : 'wrong',
    };
  });
}

/**
 * Kimi k1.5 length penalty over a group of completions of one prompt: λ = 0.5 − (len − min)/(max − min);
 * a right answer earns λ, a wrong one min(0, λ); all zeros when every length is equal.
 * Range [-0.5, 0.5]. Group-level, so not a `RewardFn`.
 *
 * @example
 * groupLengthRewards(['\\boxed{1}', '\\boxed{1} and more'], [{ answer: '1' }, { answer: '1' }]);
 * // [0.5, -0.5]
 */
export function groupLengthRewards(
  completions: readonly string[],
  samples: readonly RewardSample[],
  isCorrect: (completion: string, sample: RewardSample) => boolean = (c, s) =>
    accuracyReward(c, s) >= 1,
): number[] {
  const lengths = completions.map((c) => (typeof c === 'string' ? c.length : 0));
  const min = Math.min(...lengths);
  const max = Math.max(...lengths);
  if (lengths.length === 0 || max === min) return lengths.map(() => 0);
  return completions.map((c, k) => {
    const lambda = 0.5 - (lengths[k]! - min) / (max - min);
    const sample = samples[k] ?? { answer: '' };
    return isCorrect(c, sample) ? lambda : Math.min(0, lambda);
  });
}

/**
 * The cosine length reward with default options (maxLen 1000 characters). Range [-1, 1].
 *
 * @example
 * lengthReward('<answer>4</answer>', { answer: '4' }); // ≈ 1 (short and right)
 */
export const lengthReward: ExplainedRewardFn = cosineLengthReward();

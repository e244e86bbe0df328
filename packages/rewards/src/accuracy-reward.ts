/**
 * Accuracy rewards: find the answer, compare it with the gold by {@link verifyAnswer}.
 * Source: DeepSeek-R1 §2.2.2 "accuracy rewards" (rule-based, boxed or tagged final answer);
 * open-r1 `accuracy_reward` (Math-Verify).
 */
import { explainedReward } from './explained-reward.ts';
import { LENIENT_SOURCES, STRICT_SOURCES } from './extract-answer.ts';
import type { ExplainedRewardFn } from './types.ts';
import { verifyAnswer } from './verify-answer.ts';

/**
 * 1 when the answer in `<answer>…</answer>` (else the last `\boxed{}`) is equivalent to
 * `sample.answer`, else 0. Range [0, 1].
 *
 * @example
 * accuracyReward('<think>…</think><answer>\\frac{1}{2}</answer>', { answer: '0.5' }); // 1
 */
export const accuracyReward: ExplainedRewardFn = explainedReward([0, 1], (completion, sample) => {
  if (typeof sample.answer !== 'string' || sample.answer.trim() === '') {
    return { score: 0, reason: 'sample has no gold answer' };
  }
  const v = verifyAnswer(sample.answer, completion, { sources: STRICT_SOURCES });
  if (v.prediction === null && v.gold !== null)
    return { score: 0, reason: 'no <answer> tag or \\boxed{} answer' };
  return v.correct ? { score: 1 } : { score: 0, reason: v.reason };
});

/**
 * Lenient accuracy: 1 when the answer found anywhere in the completion (tag, boxed, `#### …`,
 * "the answer is …", the last LaTeX math, the whole text, or the last number) is equivalent to
 * the gold, else 0. Range [0, 1]. The pipeline reports it as "answer-anywhere" accuracy, which
 * separates a model that knows the answer from one that also formats it.
 *
 * @example
 * answerAnywhereReward('3 plus 4 is 7', { answer: '7' }); // 1
 */
export const answerAnywhereReward: ExplainedRewardFn = explainedReward(
  [0, 1],
  (completion, sample) => {
    if (typeof sample.answer !== 'string' || sample.answer.trim() === '') {
      return { score: 0, reason: 'sample has no gold answer' };
    }
    const v = verifyAnswer(sample.answer, completion, { sources: LENIENT_SOURCES });
    if (v.prediction === null && v.gold !== null) return { score: 0, reason: 'no answer found' };
    return v.correct
      ? { score: 1, reason: `found by ${v.prediction!.source}` }
      : { score: 0, reason: v.reason };
  },
);

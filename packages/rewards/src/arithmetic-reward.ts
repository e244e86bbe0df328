/**
 * Accuracy for synthetic arithmetic tasks. Stricter than {@link accuracyReward}: the answer must be
 * a number literal, because `isEquivalent` would accept the unevaluated expression (`3+4` ≡ `7`),
 * which lets a policy copy the question instead of computing.
 */
import { explainedReward } from './explained-reward.ts';
import { extractAnswer } from './extract-answer.ts';
import { normalizeAnswer } from './normalize-answer.ts';
import { numbersClose, parseNumber } from './parse-number.ts';
import type { ExplainedRewardFn } from './types.ts';

/**
 * 1 when the `<answer>` (or `\boxed{}`) is a number literal (integer, decimal, fraction, mixed
 * number) equal to the numeric gold within 1e-9 relative, else 0. Range [0, 1].
 *
 * @example
 * arithmeticReward('<answer>7</answer>', { answer: '7' }); // 1
 * arithmeticReward('<answer>3+4</answer>', { answer: '7' }); // 0
 */
export const arithmeticReward: ExplainedRewardFn = explainedReward([0, 1], (completion, sample) => {
  const gold = parseNumber(normalizeAnswer(String(sample.answer ?? '')));
  if (gold === null) return { score: 0, reason: 'gold answer is not a number' };
  const answer = extractAnswer(completion, { mode: 'strict' });
  if (answer === null) return { score: 0, reason: 'no <answer> tag or \\boxed{} answer' };
  const pred = parseNumber(normalizeAnswer(answer));
  if (pred === null)
    return {
      score: 0,
      reason: `answer ${JSON.stringify(answer.slice(0, 40))} is not a number literal`,
    };
  return numbersClose(pred.value, gold.value, 1e-9)
    ? { score: 1 }
    : { score: 0, reason: `${pred.value} ≠ ${gold.value}` };
});

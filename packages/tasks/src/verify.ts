/**
 * Strict verification of a completion against a problem: the answer must sit inside
 * `<answer>…</answer>` (the last such pair counts), and the checking itself is delegated to
 * `@r1lab/rewards`, so training rewards and evaluation agree on what "right" means.
 */
import {
  createCountdownReward,
  harmlessnessReward,
  helpfulnessReward,
  isEquivalent,
} from '@r1lab/rewards';
import { taggedAnswer } from './tagged-answer.ts';
import type { Problem } from './types.ts';

/** TinyZero's rule, which the countdown prompt states: every given number used exactly once. */
const countdownUsesAll = createCountdownReward({ useAllNumbers: true });

/**
 * Whether a completion answers the problem correctly with the answer inside the tags.
 * Countdown accepts any expression using each given number once that reaches the target.
 * @example
 * verify({ id: 'a', task: 'arith', prompt: 'Compute 3+4-2.\n', answer: '5', lang: 'en', meta: {} },
 *   '<think>3 plus 4 is 7, 7 minus 2 is 5</think><answer>5</answer>') // true
 */
export function verify(problem: Problem, completion: string): boolean {
  // The last RL stage's non-reasoning prompts: helped (general) or declined (unsafe) by rule.
  if (problem.task === 'general' || problem.task === 'unsafe') {
    const sample = { answer: problem.answer, lang: problem.lang, meta: problem.meta };
    const reward = problem.task === 'general' ? helpfulnessReward : harmlessnessReward;
    return reward(completion, sample) >= 1;
  }
  const predicted = taggedAnswer(completion);
  if (predicted === null || predicted === '') return false;
  if (problem.task === 'countdown') {
    const sample = {
      answer: problem.answer,
      task: 'countdown',
      meta: problem.meta,
      lang: problem.lang,
    };
    return countdownUsesAll(`<answer>${predicted}</answer>`, sample) >= 1;
  }
  return isEquivalent(predicted, problem.answer);
}

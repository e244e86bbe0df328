/**
 * The registry of synchronous rewards by name, so a pipeline spec can name rewards as strings.
 */
import { accuracyReward, answerAnywhereReward } from './accuracy-reward.ts';
import { arithmeticReward } from './arithmetic-reward.ts';
import { countdownReward } from './countdown-reward.ts';
import { formatReward, reasoningStepsReward, tagCountReward } from './format-reward.ts';
import { harmlessnessReward } from './harmlessness-reward.ts';
import { helpfulnessReward } from './helpfulness-reward.ts';
import { languageConsistencyReward } from './language-reward.ts';
import { lengthReward } from './length-reward.ts';
import { repetitionPenalty } from './repetition-penalty.ts';
import type { RewardFn } from './types.ts';

export type RegisteredReward = {
  fn: RewardFn;
  /** Closed range of the score. */
  range: readonly [number, number];
  description: string;
};

/**
 * Every synchronous reward by name with its range. `length` is the cosine reward with default
 * options (maxLen 1000 chars); `repetition` is 3-grams with max penalty -1.
 *
 * @example
 * REWARDS.accuracy.fn('<answer>4</answer>', { answer: '4' }); // 1
 * REWARDS.repetition.range; // [-1, 0]
 */
export const REWARDS = {
  accuracy: {
    fn: accuracyReward,
    range: [0, 1],
    description: 'answer in <answer>/\\boxed{} equivalent to gold',
  },
  answer_anywhere: {
    fn: answerAnywhereReward,
    range: [0, 1],
    description: 'answer found anywhere (lenient extraction) equivalent to gold',
  },
  format: {
    fn: formatReward,
    range: [0, 1],
    description: '<think>…</think><answer>…</answer> and nothing else',
  },
  tag_count: {
    fn: tagCountReward,
    range: [0, 1],
    description: '0.25 per R1 tag present exactly once',
  },
  language: {
    fn: languageConsistencyReward,
    range: [0, 1],
    description: 'share of CoT words in the target language',
  },
  length: {
    fn: lengthReward,
    range: [-1, 1],
    description: 'cosine length reward scaled by correctness (maxLen 1000 chars)',
  },
  repetition: { fn: repetitionPenalty(), range: [-1, 0], description: '3-gram repetition penalty' },
  countdown: {
    fn: countdownReward,
    range: [0, 1],
    description: 'countdown expression reaches the target',
  },
  arithmetic: {
    fn: arithmeticReward,
    range: [0, 1],
    description: 'number literal equal to the numeric gold',
  },
  reasoning_steps: {
    fn: reasoningStepsReward,
    range: [0, 1],
    description: 'min(1, step markers / 3)',
  },
  helpfulness: {
    fn: helpfulnessReward,
    range: [0, 1],
    description: 'general request done: gold answer, empty think block, no refusal',
  },
  harmlessness: {
    fn: harmlessnessReward,
    range: [-1, 1],
    description: 'fixed refusal on a request to decline (1); any refusal of a safe one (−1)',
  },
} as const satisfies Record<string, RegisteredReward>;

export type RewardName = keyof typeof REWARDS;

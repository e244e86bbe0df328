// Scores a completion against its problem: the weighted reward GRPO optimises, plus the
// diagnostics every stage reports whatever its weights (accuracy, format, language, …).
import {
  answerAnywhereReward,
  chainOfThought,
  formatReward,
  languageShare,
  REWARDS,
  type RewardSample,
} from '@r1lab/rewards';
import { type Problem, verify, workedSolution } from '@r1lab/tasks';
import type { RewardWeights } from './spec.ts';

export type RewardName = keyof RewardWeights;

export interface CompletionScore {
  /** Σ weight · reward over the spec's rewards. */
  total: number;
  /** Each weighted reward's raw value, by name. */
  rewards: Record<string, number>;
  /** Strict: right answer inside `<answer>` (the task's verifier). */
  accuracy: number;
  /** Right answer anywhere in the completion (lenient extraction). */
  answerAnywhere: number;
  /** `<think>…</think><answer>…</answer>` and nothing else. */
  format: number;
  /** Share of reasoning words in the prompt's language, whatever the format: the `<think>` block,
   * or the whole completion when it has none (the language reward itself scores 0 without tags). */
  language: number;
  /** Share of repeated word 3-grams (the repetition penalty's magnitude): 0 = none repeated. */
  repetition: number;
  /** `repetition` beyond the clean reference solution's for the same problem (0 when no more):
   * a right chain for 4+5+5 repeats "plus 5 is" by itself, which is structure, not a defect. */
  excessRepetition: number;
}

export function rewardSample(problem: Problem): RewardSample {
  return {
    answer: problem.answer,
    prompt: problem.prompt,
    lang: problem.lang,
    task: problem.task,
    meta: problem.meta,
  };
}

/**
 * Scores one completion. `accuracy` uses the task's verifier, so a countdown expression that
 * reaches the target counts even though it differs from the stored gold expression.
 *
 * @example
 * scoreCompletion(problem, '<think>3 plus 4 is 7</think><answer>7</answer>', { accuracy: 1 }).total; // 1
 */
export function scoreCompletion(
  problem: Problem,
  completion: string,
  weights: Partial<Record<RewardName, number>>,
): CompletionScore {
  const sample = rewardSample(problem);
  const accuracy = verify(problem, completion) ? 1 : 0;
  const rewards: Record<string, number> = {};
  let total = 0;
  for (const [name, weight] of Object.entries(weights) as Array<[RewardName, number]>) {
    const value = name === 'accuracy' ? accuracy : safe(REWARDS[name].fn, completion, sample);
    rewards[name] = value;
    total += weight * value;
  }
  const repetition = -safe(REWARDS.repetition.fn, completion, sample);
  return {
    total,
    rewards,
    accuracy,
    answerAnywhere: safe(answerAnywhereReward, completion, sample),
    format: safe(formatReward, completion, sample),
    language: reasoningLanguage(completion, problem.lang),
    repetition,
    excessRepetition: Math.max(0, repetition - referenceRepetition(problem)),
  };
}

/** Share of repeated word 3-grams in the problem's clean worked solution; 0 when it has none. */
export function referenceRepetition(problem: Problem): number {
  let reference: string;
  try {
    reference = workedSolution(problem);
  } catch {
    return 0; // a task without a solver or a stored solution
  }
  return -safe(REWARDS.repetition.fn, reference, rewardSample(problem));
}

/** Share of the reasoning's words in `lang`; 1 when it has no words at all (nothing is mixed). */
export function reasoningLanguage(completion: string, lang: string): number {
  try {
    const text = chainOfThought(completion) ?? completion.replace(/<\/?(think|answer)>/g, ' ');
    return languageShare(text, lang) ?? 1;
  } catch {
    return 0;
  }
}

// Rewards never throw by contract; this keeps one bad reward from killing a training step if one does.
function safe(fn: (c: string, s: RewardSample) => number, c: string, s: RewardSample): number {
  try {
    const v = fn(c, s);
    return Number.isFinite(v) ? v : 0;
  } catch {
    return 0;
  }
}

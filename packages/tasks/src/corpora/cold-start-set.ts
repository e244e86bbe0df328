/**
 * The cold-start set (DeepSeek-R1 §2.3.1): a few hundred clean, readable, tagged,
 * single-language worked solutions, used for the SFT stage that precedes reasoning RL.
 */

import { createRng } from '@r1lab/random';
import { streamProblems } from '../generate-problems.ts';
import type { Example, Problem } from '../types.ts';
import { workedSolution } from '../worked-solution.ts';
import { type ProblemMix, resolveMix } from './corpus-options.ts';

export type ColdStartOptions = ProblemMix & {
  /** Number of examples, distinct problems. Default 300. */
  count?: number;
};

/**
 * Clean examples: no slips, no language switch, always `<think>…</think><answer>…</answer>`.
 * @example
 * const sft = coldStartSet({ count: 300, seed: 0 }); // 300 distinct problems, tasks interleaved
 */
export function coldStartSet(options: ColdStartOptions = {}): Example[] {
  const mix = resolveMix(options);
  const count = options.count ?? 300;
  const rng = createRng(mix.seed, 'cold-start');
  const perTask = new Map<string, Iterator<Problem>>();
  for (const task of mix.tasks) {
    const problems = streamProblems({
      task,
      seed: mix.seed,
      count,
      split: mix.split,
      difficulty: mix.difficulty,
      langs: mix.langs,
      stream: 'cold-start',
    });
    perTask.set(task, problems[Symbol.iterator]());
  }
  const examples: Example[] = [];
  for (let i = 0; i < count; i++) {
    const problem = perTask.get(mix.tasks[i % mix.tasks.length]!)!.next().value as Problem;
    examples.push({
      prompt: problem.prompt,
      completion: workedSolution(problem, { rng }),
      problem,
      kind: 'cold-start',
    });
  }
  return examples;
}

/** Prompts with gold answers for RL and evaluation: no solution is shown. */
import { streamProblems } from '../generate-problems.ts';
import type { Problem } from '../types.ts';
import { type ProblemMix, resolveMix } from './corpus-options.ts';

export type RlPromptOptions = ProblemMix & {
  /** Number of problems (distinct), tasks interleaved round-robin. Default 1000. */
  count?: number;
};

/**
 * Streams RL / evaluation problems. Use `split: 'test'` for the fixed evaluation set.
 * @example
 * for (const p of streamRlPrompts({ split: 'test', count: 200 })) sample(p.prompt);
 */
export function* streamRlPrompts(options: RlPromptOptions = {}): Generator<Problem> {
  const mix = resolveMix(options);
  const count = options.count ?? 1000;
  const perTaskCount = Math.ceil(count / mix.tasks.length);
  const iterators = mix.tasks.map((task) =>
    streamProblems({
      task,
      seed: mix.seed,
      count: perTaskCount,
      split: mix.split,
      difficulty: mix.difficulty,
      langs: mix.langs,
      stream: 'rl',
    })[Symbol.iterator](),
  );
  for (let i = 0; i < count; i++) yield iterators[i % iterators.length]!.next().value as Problem;
}

/**
 * The array form of {@link streamRlPrompts}.
 * @example
 * const evalSet = rlPrompts({ split: 'test', count: 500, tasks: ['arith', 'countdown'] });
 */
export function rlPrompts(options: RlPromptOptions = {}): Problem[] {
  return Array.from(streamRlPrompts(options));
}

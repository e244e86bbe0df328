/**
 * The pretraining corpus of the miniature base model: worked solutions with the flaws a
 * base model shows (wrong steps, language switches, inconsistent answer formats, rambling),
 * so a small model trained on it has a low strict pass@1 but a clearly higher pass@k, and RL
 * has right samples to reinforce.
 */

import { createRng } from '@r1lab/random';
import { streamProblems } from '../generate-problems.ts';
import type { Example, Problem } from '../types.ts';
import { type SolutionStyle, writeSolution } from '../worked-solution.ts';
import { type ProblemMix, resolveMix } from './corpus-options.ts';
import { generalText } from './general-text.ts';

export type BaseCorpusOptions = ProblemMix &
  SolutionStyle & {
    /** Number of examples. Default 20 000 (about 1.3 M characters at the default difficulty). */
    count?: number;
    /** Share of examples that are general text instead of a worked solution (general-text.ts):
     * the skills R1's general requests lean on. Default 0 (the corpus is exactly as before). */
    generalRate?: number;
    /** Share of that general text that is a next-letter fact as a sentence ("After k comes l.",
     * every letter, whatever a request's split). Default 0 (general text as before). */
    letterFactRate?: number;
    /** Share of that general text that is a counting run ("Counting: 16 sixteen 17 seventeen", the
     * numbers 0 to 100, whatever a request's split). Default 0 (general text as before). */
    countingRate?: number;
  };

/**
 * Defaults: the reference point from the prototype (single-digit operands, 2-3
 * operations of + and -, step errors 0.2, tags on 30 % of answers), plus a little language
 * mixing and rambling so the language reward and readability have something to fix.
 */
export const BASE_CORPUS_DEFAULTS = {
  count: 20_000,
  stepErrorRate: 0.2,
  tagRate: 0.3,
  mixRate: 0.1,
  rambleRate: 0.05,
  skipRate: 0,
} as const satisfies BaseCorpusOptions;

/**
 * Named settings. `reference` = the defaults; `harder` = medium difficulty for longer runs;
 * `skip` leaves out the steps in 60 % of solutions, so a model trained on it often answers
 * without reasoning and even its greedy answer is often wrong (RL must improve reasoning,
 * not only sharpen the distribution).
 */
export const BASE_CORPUS_PRESETS = {
  reference: {},
  harder: { difficulty: 'medium', count: 50_000 },
  skip: { skipRate: 0.6 },
} as const satisfies Record<string, BaseCorpusOptions>;

/**
 * Streams the base corpus lazily (a million examples never sit in memory).
 * @example
 * for (const ex of streamBaseCorpus({ count: 3, seed: 1 })) console.log(ex.prompt + ex.completion);
 */
export function* streamBaseCorpus(options: BaseCorpusOptions = {}): Generator<Example> {
  const mix = resolveMix(options);
  const style = { ...BASE_CORPUS_DEFAULTS, ...options };
  const rng = createRng(mix.seed, 'base-corpus');
  const sources = new Map<string, Iterator<Problem>>();
  for (const task of mix.tasks) {
    const problems = streamProblems({
      task,
      seed: mix.seed,
      count: style.count,
      split: mix.split,
      difficulty: mix.difficulty,
      langs: mix.langs,
      unique: false,
      stream: 'base',
    });
    sources.set(task, problems[Symbol.iterator]());
  }
  const general = generalText(mix, style.tagRate, style.letterFactRate, style.countingRate);
  for (let i = 0; i < style.count; i++) {
    // Checked first and only when asked, so a corpus without general text draws as it always did.
    if (style.generalRate && rng.chance(style.generalRate)) {
      yield general.next(rng);
      continue;
    }
    const problem = sources.get(rng.pick(mix.tasks))!.next().value as Problem;
    const written = writeSolution(problem, { ...style, rng });
    yield { prompt: problem.prompt, completion: written.completion, problem, kind: 'base' };
  }
}

/**
 * The array form of {@link streamBaseCorpus}.
 * @example
 * const corpus = baseCorpus({ ...BASE_CORPUS_PRESETS.skip, count: 5000 });
 */
export function baseCorpus(options: BaseCorpusOptions = {}): Example[] {
  return Array.from(streamBaseCorpus(options));
}

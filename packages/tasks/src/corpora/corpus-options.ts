/** Options shared by the corpora: which problems to draw. */
import type { Difficulty, GeneratedTaskName, Lang, Split } from '../types.ts';

export type ProblemMix = {
  /** Seed of everything the corpus draws. Default 0. */
  seed?: number;
  /** Tasks drawn uniformly per example. Default `['arith']` (what a ~1M-parameter model learns in minutes). */
  tasks?: readonly GeneratedTaskName[];
  /** Default `'easy'`. */
  difficulty?: Difficulty;
  /** Languages drawn uniformly per example. Default `['en', 'fr']`. */
  langs?: readonly Lang[];
  /** Split the problems come from. Default `'train'` (evaluation uses `'test'`). */
  split?: Split;
};

/** The defaults of {@link ProblemMix}, resolved. */
export function resolveMix(mix: ProblemMix): Required<ProblemMix> {
  return {
    seed: mix.seed ?? 0,
    tasks: mix.tasks ?? ['arith'],
    difficulty: mix.difficulty ?? 'easy',
    langs: mix.langs ?? ['en', 'fr'],
    split: mix.split ?? 'train',
  };
}

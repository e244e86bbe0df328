/** Languages the generators write prompts and chains of thought in. */
export type Lang = 'en' | 'fr';

/** Tasks with a generator and a step-by-step solver in this package. */
export type GeneratedTaskName = 'arith' | 'countdown' | 'linear' | 'word';

/** Every task a {@link Problem} can carry: generated ones, loaded datasets, and the non-reasoning
 * prompts of the last RL stage (`general` requests to help with, `unsafe` ones to decline). */
export type TaskName = GeneratedTaskName | 'gsm8k' | 'math' | 'general' | 'unsafe';

/** Dataset split; a problem belongs to exactly one, decided by a hash of its canonical form. */
export type Split = 'train' | 'validation' | 'test';

/** Difficulty level; `easy` is the reference point a ~1M-parameter char model can learn in minutes. */
export type Difficulty = 'easy' | 'medium' | 'hard';

/** One problem with its gold answer. `meta` holds what the task's solver needs (e.g. the expression tree). */
export type Problem = {
  id: string;
  task: TaskName;
  prompt: string;
  answer: string;
  lang: Lang;
  meta: Record<string, unknown>;
};

/** One training example: the text trained on is `prompt + completion`; SFT learns the completion tokens only. */
export type Example = {
  prompt: string;
  completion: string;
  problem?: Problem;
  kind?: string;
};

/** Options shared by every problem generator. */
export type GenerateOptions = {
  task: GeneratedTaskName;
  /** Seed of the pseudo-random stream; same seed and options give the same problems. Default 0. */
  seed?: number;
  /** How many problems to produce. */
  count: number;
  /** Default `'train'`. */
  split?: Split;
  /** Default `'easy'`. */
  difficulty?: Difficulty;
  /** Languages drawn uniformly per problem. Default `['en']`. */
  langs?: readonly Lang[];
  /** Drop repeats of a problem (same canonical form and language) within one call. Default true. */
  unique?: boolean;
  /** Name of an independent random stream, so two corpora built from one seed draw different problems. Default ''. */
  stream?: string;
};

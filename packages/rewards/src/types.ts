/**
 * The shapes every reward shares. A reward is a pure function of one completion and its sample;
 * it never throws and always returns a finite number in its documented range.
 */

/** What a reward knows about the problem a completion answers. */
export type RewardSample = {
  /** The gold answer (a number, LaTeX, a letter, a word, or JSON test cases for code). */
  answer: string;
  /** The prompt the completion answers; the language reward detects its language when `lang` is absent. */
  prompt?: string;
  /** ISO 639-1 code of the language the chain of thought should use (`en`, `fr`, `zh`…). */
  lang?: string;
  /** Task kind, e.g. `countdown`, `arithmetic`, `gsm8k`, `math`. */
  task?: string;
  /** Task specifics; countdown puts `numbers: number[]` and `target: number` here. */
  meta?: Record<string, unknown>;
};

/** A reward: `(completion, sample) → number`, never throwing, range documented per reward. */
export type RewardFn = (completion: string, sample: RewardSample) => number;

/** A score with the reason it is what it is (for logging bad input without throwing). */
export type ScoredReward = { score: number; reason?: string };

/**
 * A reward that can also explain itself. Calling it returns the bare number (so it is a `RewardFn`);
 * `.explain` returns the number and, when the score is a floor or the input was bad, why.
 */
export type ExplainedRewardFn = RewardFn & {
  explain: (completion: string, sample: RewardSample) => ScoredReward;
  /** The closed range the score lies in. */
  range: readonly [number, number];
};

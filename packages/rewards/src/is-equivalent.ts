/**
 * Math answer equivalence, the heart of the accuracy reward. Reference: Hugging Face Math-Verify
 * (normalize LaTeX, parse structure, compare numerically then symbolically) and the MATH grader
 * of Hendrycks et al. Never throws; answers over {@link MAX_ANSWER_CHARS} are compared as text only.
 */
import { createContext, type EquivalenceOptions } from './equivalence-options.ts';
import { normalizeAnswer } from './normalize-answer.ts';
import { normalizedEquivalent } from './structure-equivalence.ts';

export type { EquivalenceOptions } from './equivalence-options.ts';

/** Real answers are short (MATH-500's longest gold is 53 chars); longer input is compared as text. */
export const MAX_ANSWER_CHARS = 1000;

/**
 * Whether a predicted answer is mathematically equivalent to the gold answer. Handles numbers
 * (separators, decimal comma, +, sci notation), fractions, mixed numbers, percentages, LaTeX
 * wrappers, units, degrees, `\sqrt`, `\pi`, symbolic expressions, equations, relations, tuples,
 * intervals, sets, unions, matrices, multiple-choice letters and plain text. Both arguments are
 * answers already (see `verifyAnswer` to find them in a completion). Never throws.
 *
 * @example
 * isEquivalent('0.5', '\\frac{1}{2}'); // true
 * isEquivalent('\\{2, 1\\}', '1, 2'); // true
 * isEquivalent('(3,4)', '(3,4]'); // false
 * isEquivalent('50%', '0.5', { percentAsFraction: true }); // true
 * isEquivalent('x < 1', '-x > -1'); // true
 */
export function isEquivalent(
  pred: string,
  gold: string,
  options: EquivalenceOptions = {},
): boolean {
  if (typeof pred !== 'string' || typeof gold !== 'string') return false;
  try {
    if (pred.length > MAX_ANSWER_CHARS || gold.length > MAX_ANSWER_CHARS)
      return pred.trim() === gold.trim();
    return normalizedEquivalent(
      normalizeAnswer(pred),
      normalizeAnswer(gold),
      createContext(options),
    );
  } catch {
    return false;
  }
}

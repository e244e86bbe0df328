/**
 * Whether a piece of text reads as an answer (`\frac{14}{3}`, `x+1`, `(2, 3]`, `Evelyn`) rather
 * than prose (`3 plus 4 is 7`). Extraction uses it to take a whole bare answer as it is instead of
 * cutting it down to its last number, and to skip `$…$` spans that are really currency signs.
 */

/** Letter runs that are mathematics (and bare function names), never prose. */
const MATH_WORDS = new Set([
  'sin',
  'cos',
  'tan',
  'cot',
  'sec',
  'csc',
  'arcsin',
  'arccos',
  'arctan',
  'sinh',
  'cosh',
  'tanh',
  'log',
  'exp',
  'sqrt',
  'frac',
  'pi',
  'inf',
  'infty',
  'infinity',
  'max',
  'min',
  'gcd',
  'lcm',
  'mod',
  'deg',
]);

/** Two-letter English words (longer runs count as prose unless they are math words). */
const SHORT_WORDS = new Set([
  'is',
  'it',
  'so',
  'we',
  'be',
  'to',
  'of',
  'an',
  'as',
  'at',
  'by',
  'in',
  'on',
  'or',
  'if',
  'no',
  'do',
  'am',
  'he',
  'us',
]);

/** `\text{…}` and friends hold units and words that belong to the answer, `\begin{…}` an environment name: not prose. */
const TEXT_GROUP_RE =
  /\\(?:text|textnormal|textrm|textbf|textit|mbox|mathrm|operatorname|begin|end)\s*\{[^{}]*\}/g;
const LETTER_RUN_RE = /[A-Za-z]+/g;

/**
 * How many prose words `text` holds outside `\text{}` groups: letter runs of three or more letters
 * that are not math words, and common two-letter English words. A run right after `\` is a command.
 *
 * @example
 * proseWordCount('3 plus 4 is 7'); // 2
 * proseWordCount('\\frac{x+1}{2} \\text{ cm}'); // 0
 */
export function proseWordCount(text: string): number {
  const bare = text.replace(TEXT_GROUP_RE, ' ');
  let count = 0;
  LETTER_RUN_RE.lastIndex = 0;
  for (let m = LETTER_RUN_RE.exec(bare); m !== null; m = LETTER_RUN_RE.exec(bare)) {
    if (m.index > 0 && bare[m.index - 1] === '\\') continue;
    const word = m[0].toLowerCase();
    if (word.length >= 3 ? !MATH_WORDS.has(word) : SHORT_WORDS.has(word)) count++;
  }
  return count;
}

/**
 * Whether `text` reads as a bare answer: no prose word, or a single word and no digits
 * (`Evelyn`, `east`); `18 dollars` and `3 plus 4 is 7` do not (their number is the answer).
 *
 * @example
 * readsAsAnswer('\\left( 3, \\frac{\\pi}{2} \\right)'); // true
 * readsAsAnswer('so it is 12'); // false
 */
export function readsAsAnswer(text: string): boolean {
  const words = proseWordCount(text);
  return words === 0 || (words === 1 && !/\d/.test(text));
}

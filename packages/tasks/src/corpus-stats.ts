/**
 * Empirical statistics of a corpus, measured from the text alone (what a model trained on
 * it actually sees): how often answers are tagged, how many written steps are wrong, how
 * often the language switches, how often steps repeat or are skipped, and how often the
 * final answer, in any format, is right.
 */
import { applyOp, type Op } from './expression.ts';
import { SOLUTION_WORDS } from './lexicon.ts';
import { taggedAnswer } from './tagged-answer.ts';
import type { Example, Lang } from './types.ts';

export type CorpusStats = {
  examples: number;
  meanChars: number;
  maxChars: number;
  /** Share of completions with `<answer>…</answer>`. */
  tagRate: number;
  /** Wrong written steps / written steps (arithmetic slips; countdown's wrong operator choices are not visible as such). */
  stepErrorRate: number;
  /** Share of completions with a word of the other language. */
  mixRate: number;
  /** Repeated steps / distinct steps written. */
  rambleRate: number;
  /** Share of completions with no written step. */
  skipRate: number;
  /** Share whose final answer, in any format, equals the gold answer text. */
  answerCorrectRate: number;
  /** Share with the correct answer inside the tags (the strict pass criterion). */
  strictCorrectRate: number;
};

const STEP_RE = /(-?\d+) (plus|minus|times|over|moins|fois|sur) (-?\d+) (is|font) (-?\d+)/g;

const OP_BY_WORD: Record<string, Op> = {};
const LANG_WORDS: Record<Lang, Set<string>> = { en: new Set(), fr: new Set() };
for (const lang of ['en', 'fr'] as const) {
  const words = SOLUTION_WORDS[lang];
  for (const [op, word] of Object.entries(words.ops)) OP_BY_WORD[word] = op as Op;
  for (const w of [...Object.values(words.ops), words.is, words.answerLabel.replace(':', '')])
    LANG_WORDS[lang].add(w);
}
// "plus" is the same word in both languages: it carries no language signal.
LANG_WORDS.en.delete('plus');
LANG_WORDS.fr.delete('plus');

/**
 * The final answer a completion gives in any of the corpus's formats (tags, "Answer: X",
 * "Réponse: X", "= X"), or null.
 * @example
 * finalAnswer('3 plus 4 is 7\n= 7') // '7'
 */
export function finalAnswer(completion: string): string | null {
  const tagged = taggedAnswer(completion);
  if (tagged !== null) return tagged;
  const m = /(?:Answer:|Réponse:|=)\s*(\S+)\s*$/.exec(completion);
  return m ? m[1]! : null;
}

/**
 * Measures a corpus. Examples without a `problem` count only for length and tags.
 * @example
 * corpusStats(baseCorpus({ count: 10_000 })).tagRate // about 0.3
 */
export function corpusStats(examples: Iterable<Example>): CorpusStats {
  let n = 0;
  let chars = 0;
  let maxChars = 0;
  let tagged = 0;
  let steps = 0;
  let wrongSteps = 0;
  let repeats = 0;
  let mixed = 0;
  let skipped = 0;
  let withProblem = 0;
  let correct = 0;
  let strict = 0;
  for (const ex of examples) {
    n++;
    const length = ex.prompt.length + ex.completion.length;
    chars += length;
    maxChars = Math.max(maxChars, length);
    const isTagged = taggedAnswer(ex.completion) !== null;
    if (isTagged) tagged++;
    if (!ex.problem) continue;
    withProblem++;
    const written = [...ex.completion.matchAll(STEP_RE)];
    if (written.length === 0) skipped++;
    let previous = '';
    for (const m of written) {
      if (m[0] === previous) {
        repeats++;
        continue;
      }
      previous = m[0];
      steps++;
      if (applyOp(Number(m[1]), OP_BY_WORD[m[2]!]!, Number(m[3])) !== Number(m[5])) wrongSteps++;
    }
    const other = LANG_WORDS[ex.problem.lang === 'en' ? 'fr' : 'en'];
    const words = ex.completion.replace(/<\/?(?:think|answer)>/g, ' ').split(/[\s,:]+/);
    if (words.some((w) => other.has(w))) mixed++;
    const answer = finalAnswer(ex.completion);
    if (answer === ex.problem.answer) {
      correct++;
      if (isTagged) strict++;
    }
  }
  const per = (x: number, d: number) => (d === 0 ? 0 : x / d);
  return {
    examples: n,
    meanChars: per(chars, n),
    maxChars,
    tagRate: per(tagged, n),
    stepErrorRate: per(wrongSteps, steps),
    mixRate: per(mixed, withProblem),
    rambleRate: per(repeats, steps),
    skipRate: per(skipped, withProblem),
    answerCorrectRate: per(correct, withProblem),
    strictCorrectRate: per(strict, withProblem),
  };
}

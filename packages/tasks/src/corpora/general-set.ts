/**
 * Non-reasoning "general" examples mixed into SFT (DeepSeek-R1 §2.3.3's general data, in
 * miniature): number to words, copying, next / previous number, next letter. Answers use the
 * same tags as reasoning answers, with an empty think block (simple queries need no chain of
 * thought, as in R1), so the format stays uniform — except two kinds this model needs one for:
 * the next letter, whose think block recites the alphabet from the asked letter (`Alphabet:\nx y`;
 * a request's split holds out whole letters, and only the alphabet the base read carries a held-out
 * letter's successor), and number to words, whose think block is the number's expanded form
 * (`3000 400 5`, number-words.ts): a split holds out whole numbers too, small ones among them.
 */

import { createRng, type Rng } from '@r1lab/random';
import { ALPHABET_HEADER, alphabetRun, LETTERS, randomWord } from '../letters.ts';
import { fillTemplate, GENERAL_PROMPTS } from '../lexicon.ts';
import { expandedForm, numberToWords } from '../number-words.ts';
import { canonicalHash, splitOf } from '../splits.ts';
import type { Example, Lang, Problem, Split } from '../types.ts';
import { unsafeExamples } from './unsafe-requests.ts';

/** Kinds of general example. */
export type GeneralKind = 'words' | 'copy' | 'next' | 'previous' | 'letter';

export const GENERAL_KINDS: readonly GeneralKind[] = [
  'words',
  'copy',
  'next',
  'previous',
  'letter',
];

/** The share of requests to decline the pipeline's general SFT data carries (`generalSet`'s `unsafe`). */
export const GENERAL_UNSAFE_SHARE = 0.1;

export type GeneralSetOptions = {
  /** Default 0. */
  seed?: number;
  /** Default 200. */
  count?: number;
  /** Default `['en', 'fr']`. */
  langs?: readonly Lang[];
  /** Default all of {@link GENERAL_KINDS}, drawn uniformly. */
  kinds?: readonly GeneralKind[];
  /** Share of the set that is requests to decline (unsafe-requests.ts), spread evenly. Default 0. */
  unsafe?: number;
};

/** A drawn request: its value, its gold answer and, for the kinds that have one, its chain of thought. */
type GeneralDraw = { x: string; answer: string; chain?: string };

/** `n` with each digit after the leading one set to 0 with chance `p` (no draw when `p` is 0). */
function withZeroDigits(rng: Rng, n: number, p: number): number {
  if (p <= 0) return n;
  const digits = String(n).split('');
  for (let i = 1; i < digits.length; i++) if (rng.chance(p)) digits[i] = '0';
  return Number(digits.join(''));
}

function sampleGeneral(rng: Rng, kind: GeneralKind, lang: Lang, zeroDigits = 0): GeneralDraw {
  switch (kind) {
    case 'words': {
      const n = rng.chance(0.5)
        ? rng.int(0, 100)
        : withZeroDigits(rng, rng.int(101, 9999), zeroDigits);
      return { x: String(n), answer: numberToWords(n, lang), chain: expandedForm(n) };
    }
    case 'copy': {
      const text = randomWord(rng);
      return { x: text, answer: text };
    }
    case 'next': {
      const n = rng.int(0, 998);
      return { x: String(n), answer: String(n + 1) };
    }
    case 'previous': {
      const n = rng.int(1, 999);
      return { x: String(n), answer: String(n - 1) };
    }
    case 'letter': {
      const i = rng.int(0, 24);
      const [x, answer] = [LETTERS[i]!, LETTERS[i + 1]!];
      return { x, answer, chain: `${ALPHABET_HEADER[lang]}${alphabetRun(x + answer)}` };
    }
  }
}

/**
 * The answered completion of a general request: its chain of thought (`meta.chain`; empty for all
 * kinds but the next letter and number to words) and its gold answer.
 * @example
 * generalCompletion({ answer: 'forty-two', meta: { kind: 'words', chain: '40 2' } }); // '<think>40 2</think><answer>forty-two</answer>'
 * generalCompletion({ answer: 'qhz', meta: { kind: 'copy' } }); // '<think></think><answer>qhz</answer>'
 */
export function generalCompletion(problem: Pick<Problem, 'answer' | 'meta'>): string {
  const chain = typeof problem.meta.chain === 'string' ? problem.meta.chain : '';
  return `<think>${chain}</think><answer>${problem.answer}</answer>`;
}

/**
 * General (non-reasoning) SFT examples of the train split; `kind` is `general:<kind>`.
 * @example
 * generalSet({ count: 2, seed: 3 })
 * // e.g. [{ prompt: 'Write 42 in words.\n', completion: '<think></think><answer>forty-two</answer>', kind: 'general:words' }, …]
 */
export function generalSet(options: GeneralSetOptions = {}): Example[] {
  const {
    seed = 0,
    count = 200,
    langs = ['en', 'fr'],
    kinds = GENERAL_KINDS,
    unsafe = 0,
  } = options;
  if (kinds.length === 0 || langs.length === 0)
    throw new RangeError('generalSet: kinds and langs must be non-empty');
  const declined = Math.round(count * Math.min(1, Math.max(0, unsafe)));
  const helped = generalExamples(seed, count - declined, langs, kinds);
  if (declined === 0) return helped;
  const refusals = unsafeExamples({ seed, count: declined, langs, split: 'train' });
  // Spread the declined requests evenly, so any slice of the set holds its share of them.
  const out: Example[] = [];
  for (let i = 0, r = 0, h = 0; i < count; i++) {
    const due = Math.floor(((i + 1) * declined) / count) > r;
    out.push(due ? refusals[r++]! : helped[h++]!);
  }
  return out;
}

/** `count` answered requests of the train split, so SFT never sees an eval's held-out request. */
function generalExamples(
  seed: number,
  count: number,
  langs: readonly Lang[],
  kinds: readonly GeneralKind[],
): Example[] {
  return generalProblems({ seed, langs, kinds, split: 'train', count }).map(answeredExample);
}

/**
 * A general request as an SFT example, answered (`generalCompletion`); `kind` is `general:<kind>`.
 * @example
 * answeredExample(generalProblems({ count: 1, kinds: ['copy'] })[0]!).kind; // 'general:copy'
 */
export function answeredExample(problem: Problem): Example {
  return {
    prompt: problem.prompt,
    completion: generalCompletion(problem),
    kind: `general:${String(problem.meta.kind)}`,
  };
}

export type GeneralProblemOptions = {
  /** Default 0. */
  seed?: number;
  count: number;
  /** Default `['en', 'fr']`. */
  langs?: readonly Lang[];
  /** Default `'train'`: a request (kind and value) and its translation share a split. */
  split?: Split;
  /** Default all of {@link GENERAL_KINDS}, drawn uniformly (the same stream as before the option). */
  kinds?: readonly GeneralKind[];
  /** Chance that each digit after the leading one of a number in words above 100 is 0 (round
   * hundreds, `2030`): a uniform draw writes a round hundred in 1 % of such requests. Default 0,
   * the uniform draw and the same stream as before the option. */
  zeroDigits?: number;
};

/**
 * General requests as problems for RL and evaluation (task `general`, `meta.kind` the kind), drawn
 * with replacement from one split, so held-out general prompts are never trained on; the
 * helpfulness reward (`@r1lab/rewards`) is their verifier.
 * @example
 * generalProblems({ count: 1, split: 'test' })[0]; // { task: 'general', prompt: 'Copy: qhz\n', answer: 'qhz', meta: { kind: 'copy' }, … }
 */
export function generalProblems(options: GeneralProblemOptions): Problem[] {
  // The stream owns the defaults; only the count and the split (for the error) are read here.
  const { count, ...draw } = options;
  const out: Problem[] = [];
  const stream = streamGeneralProblems({ ...draw, maxTries: count * 100 });
  for (const problem of stream) {
    out.push(problem);
    if (out.length === count) break;
  }
  if (out.length < count)
    throw new Error(`generalProblems: split ${draw.split ?? 'train'} too small`);
  return out;
}

/**
 * The endless stream behind {@link generalProblems} (the base corpus's general text draws from it
 * too): requests of one split, kinds (all by default) and languages uniform; it ends only after
 * `maxTries` draws.
 * @example
 * streamGeneralProblems({ split: 'train' }).next().value; // { task: 'general', prompt: 'Copy: qhz\n', … }
 */
export function* streamGeneralProblems(
  options: Omit<GeneralProblemOptions, 'count'> & { maxTries?: number } = {},
): Generator<Problem> {
  const {
    seed = 0,
    langs = ['en', 'fr'],
    split = 'train',
    maxTries = Infinity,
    kinds = GENERAL_KINDS,
    zeroDigits = 0,
  } = options;
  if (langs.length === 0 || kinds.length === 0)
    throw new RangeError('generalProblems: langs and kinds must be non-empty');
  const rng = createRng(seed, `general-${split}`);
  for (let tries = 0; tries < maxTries; tries++) {
    const kind = rng.pick(kinds);
    const lang = rng.pick(langs);
    const { x, answer, chain } = sampleGeneral(rng, kind, lang, zeroDigits);
    const canonical = `${kind}|${x}`;
    if (splitOf('general', canonical) !== split) continue;
    yield {
      id: `general-${canonicalHash('general', canonical)}-${lang}`,
      task: 'general',
      prompt: fillTemplate(GENERAL_PROMPTS[lang][kind], { x }),
      answer,
      lang,
      meta: chain === undefined ? { kind } : { kind, chain },
    };
  }
}

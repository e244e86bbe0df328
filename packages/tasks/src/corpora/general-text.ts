/**
 * General text for the base corpus: what a base model knows before any SFT, so that R1's general
 * requests (general-set.ts) have skills to draw on — DeepSeek-V3-Base could already copy, spell
 * numbers and recite the alphabet; a base pretrained on arithmetic alone cannot. Two kinds:
 * answered general requests of the corpus's split (train), in the base's loose answer format
 * (tags at `tagRate`, never the empty think block SFT teaches), and runs of the alphabet
 * ("Alphabet: k l m n o"), which carry the next-letter facts whatever a request's split, and, when
 * asked, the same facts as sentences ("After k comes l."): a run puts each successor right after
 * its letter, a sentence a few characters away, as a request's answer is. Also when asked,
 * counting runs ("Counting: 16 sixteen 17 seventeen"), which do for the numbers 0 to 100 what
 * alphabet runs do for letters: a base knows every small number's words, so a held-out
 * number-to-words request tests the request, not a word the model never read.
 */
import type { Rng } from '@r1lab/random';
import { ALPHABET_HEADER, alphabetRun, LETTERS } from '../letters.ts';
import { numberToWords } from '../number-words.ts';
import type { Example, Lang } from '../types.ts';
import type { ProblemMix } from './corpus-options.ts';
import { streamGeneralProblems } from './general-set.ts';

/** Share of general text that is an alphabet run. */
export const ALPHABET_RUN_SHARE = 0.2;

const LETTER_FACT: Record<Lang, (letter: string, next: string) => string> = {
  en: (letter, next) => `After ${letter} comes ${next}.`,
  fr: (letter, next) => `Après ${letter} vient ${next}.`,
};

/**
 * A run of 3 or more consecutive letters under the alphabet header (kind `general-text:alphabet`),
 * as the base corpus writes them; SFT can replay them (`scenarios.alphabet`).
 * @example
 * alphabetRunExample(createRng(0), ['en']); // { prompt: 'Alphabet:\n', completion: 'k l m n o', kind: 'general-text:alphabet' } (say)
 */
export function alphabetRunExample(rng: Rng, langs: readonly Lang[]): Example {
  const start = rng.int(0, 23);
  const length = rng.int(3, 26 - start);
  return {
    prompt: ALPHABET_HEADER[rng.pick(langs)],
    completion: alphabetRun(LETTERS.slice(start, start + length)),
    kind: 'general-text:alphabet',
  };
}

/** The header of a counting run, per language (only characters the shipped tokenizer has). */
export const COUNTING_HEADER: Record<Lang, string> = { en: 'Counting:\n', fr: 'Comptons :\n' };

/** The largest number a counting run names: the small numbers a number's words are built from. */
export const COUNTING_MAX = 100;

/**
 * 2 to 4 consecutive numbers of 0..{@link COUNTING_MAX}, each followed by its words (kind
 * `general-text:counting`); short enough for the longest French run to fit a 128-token example.
 * @example
 * countingRunExample(createRng(0), ['en']); // { prompt: 'Counting:\n', completion: '16 sixteen 17 seventeen', kind: 'general-text:counting' } (say)
 */
export function countingRunExample(rng: Rng, langs: readonly Lang[]): Example {
  const lang = rng.pick(langs);
  const length = rng.int(2, 4);
  const start = rng.int(0, COUNTING_MAX + 1 - length);
  const pairs = Array.from({ length }, (_, i) => `${start + i} ${numberToWords(start + i, lang)}`);
  return {
    prompt: COUNTING_HEADER[lang],
    completion: pairs.join(' '),
    kind: 'general-text:counting',
  };
}

/**
 * A source of general-text examples (kind `general-text:<kind>`): `next(rng)` draws the next one,
 * the choices from the corpus's rng, the requests from their own stream.
 * `letterFactRate` is the share of letter-fact sentences, `countingRate` the share of counting runs
 * (both default 0).
 * @example
 * const text = generalText({ seed: 0, split: 'train', langs: ['en'] }, 0.3);
 * text.next(createRng(0)); // { prompt: 'Copy: qhz\n', completion: 'qhz', kind: 'general-text:copy' } (say)
 */
export function generalText(
  mix: Required<Pick<ProblemMix, 'seed' | 'split' | 'langs'>>,
  tagRate: number,
  letterFactRate = 0,
  countingRate = 0,
): { next(rng: Rng): Example } {
  const requests = streamGeneralProblems({ seed: mix.seed, split: mix.split, langs: mix.langs });
  return {
    next(rng) {
      // Checked first and only when asked, so general text without facts draws as it always did.
      if (letterFactRate > 0 && rng.chance(letterFactRate)) {
        const i = rng.int(0, 24);
        return {
          prompt: '',
          completion: LETTER_FACT[rng.pick(mix.langs)](LETTERS[i]!, LETTERS[i + 1]!),
          kind: 'general-text:letter-fact',
        };
      }
      if (countingRate > 0 && rng.chance(countingRate)) return countingRunExample(rng, mix.langs);
      if (rng.chance(ALPHABET_RUN_SHARE)) return alphabetRunExample(rng, mix.langs);
      const request = requests.next().value!;
      const answer = rng.chance(tagRate) ? `<answer>${request.answer}</answer>` : request.answer;
      return {
        prompt: request.prompt,
        completion: answer,
        problem: request,
        kind: `general-text:${String(request.meta.kind)}`,
      };
    },
  };
}

/**
 * Non-reasoning "general" examples mixed into SFT (DeepSeek-R1 §2.3.3's general data, in
 * miniature): number to words, copying, next / previous number, next letter. Answers use the
 * same tags as reasoning answers, with an empty think block (simple queries need no chain of
 * thought, as in R1), so the format stays uniform.
 */

import { createRng, type Rng } from '@r1lab/random';
import { fillTemplate, GENERAL_PROMPTS } from '../lexicon.ts';
import { numberToWords } from '../number-words.ts';
import type { Example, Lang } from '../types.ts';

/** Kinds of general example. */
export type GeneralKind = 'words' | 'copy' | 'next' | 'previous' | 'letter';

export const GENERAL_KINDS: readonly GeneralKind[] = [
  'words',
  'copy',
  'next',
  'previous',
  'letter',
];

export type GeneralSetOptions = {
  /** Default 0. */
  seed?: number;
  /** Default 200. */
  count?: number;
  /** Default `['en', 'fr']`. */
  langs?: readonly Lang[];
  /** Default all of {@link GENERAL_KINDS}, drawn uniformly. */
  kinds?: readonly GeneralKind[];
};

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function randomWord(rng: Rng): string {
  return Array.from({ length: rng.int(3, 8) }, () => LETTERS[rng.int(0, 25)]).join('');
}

function sampleGeneral(rng: Rng, kind: GeneralKind, lang: Lang): { x: string; answer: string } {
  switch (kind) {
    case 'words': {
      const n = rng.chance(0.5) ? rng.int(0, 100) : rng.int(101, 9999);
      return { x: String(n), answer: numberToWords(n, lang) };
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
      return { x: LETTERS[i]!, answer: LETTERS[i + 1]! };
    }
  }
}

/**
 * General (non-reasoning) SFT examples; `kind` is `general:<kind>`.
 * @example
 * generalSet({ count: 2, seed: 3 })
 * // e.g. [{ prompt: 'Write 42 in words.\n', completion: '<think></think><answer>forty-two</answer>', kind: 'general:words' }, …]
 */
export function generalSet(options: GeneralSetOptions = {}): Example[] {
  const { seed = 0, count = 200, langs = ['en', 'fr'], kinds = GENERAL_KINDS } = options;
  if (kinds.length === 0 || langs.length === 0)
    throw new RangeError('generalSet: kinds and langs must be non-empty');
  const rng = createRng(seed, 'general');
  return Array.from({ length: count }, () => {
    const kind = rng.pick(kinds);
    const lang = rng.pick(langs);
    const { x, answer } = sampleGeneral(rng, kind, lang);
    return {
      prompt: fillTemplate(GENERAL_PROMPTS[lang][kind], { x }),
      completion: `<think></think><answer>${answer}</answer>`,
      kind: `general:${kind}`,
    };
  });
}

/**
 * The characters any generator, template or corpus of this package can emit (the special
 * tags excluded: the char tokenizer gives each of them one id). Derived from the lexicon, so
 * a new template word can never produce an out-of-vocabulary character unnoticed.
 */

import { LETTERS } from './letters.ts';
import {
  GENERAL_PROMPTS,
  ITEMS,
  NAMES,
  PROMPTS,
  SOLUTION_WORDS,
  WORD_TEMPLATES,
} from './lexicon.ts';
import { numberToWords } from './number-words.ts';
import { SELF_CHECK_WORDS } from './self-check-words.ts';
import type { Lang } from './types.ts';

const LANGS: readonly Lang[] = ['en', 'fr'];

/** Symbols written by expressions, equations, steps and answers, and the copy task's letters. */
const SYMBOLS = `0123456789+-*/=()x.,:?! \n${LETTERS}`;

function lexiconText(): string {
  const parts: string[] = [SYMBOLS, ...NAMES];
  for (const lang of LANGS) {
    const words = SOLUTION_WORDS[lang];
    parts.push(...Object.values(words.ops), words.is, words.answerLabel, words.stepSeparator);
    parts.push(...Object.values(SELF_CHECK_WORDS[lang]));
    parts.push(...Object.values(PROMPTS[lang]), ...Object.values(GENERAL_PROMPTS[lang]));
    parts.push(...WORD_TEMPLATES.map((t) => t[lang]), ...ITEMS.map((i) => i[lang]));
    // Every number word up to 9999 (the general set's range) covers all spellings used.
    for (let n = 0; n < 10_000; n++) parts.push(numberToWords(n, lang));
  }
  // Placeholders ({n}, {a}, …) are filled, never emitted.
  return parts.join('').replace(/\{\w+\}/g, '');
}

/**
 * Every character the package's generators can emit, sorted, each once.
 * @example
 * corpusAlphabet().includes('é') // true (French templates)
 */
export function corpusAlphabet(): string {
  return [...new Set(lexiconText())].sort().join('');
}

/** {@link corpusAlphabet}, computed once. */
export const ALPHABET: string = corpusAlphabet();

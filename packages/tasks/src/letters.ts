// The lower-case letters: copy requests' words, secret words, next-letter requests, alphabet runs.
import type { Rng } from '@r1lab/random';
import type { Lang } from './types.ts';

export const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The line that opens an alphabet run, in the base corpus and in a next-letter request's chain. */
export const ALPHABET_HEADER: Record<Lang, string> = { en: 'Alphabet:\n', fr: 'Alphabet :\n' };

/**
 * Letters as an alphabet run's body: one space between them.
 * @example
 * alphabetRun('klm') // 'k l m'
 */
export function alphabetRun(letters: string): string {
  return letters.split('').join(' ');
}

/** A word of 3 to 8 random letters (the copy requests' and the secret words' shape). */
export function randomWord(rng: Rng): string {
  return Array.from({ length: rng.int(3, 8) }, () => LETTERS[rng.int(0, 25)]).join('');
}

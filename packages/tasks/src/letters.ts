// The lower-case letters: copy requests' words, secret words, next-letter requests, alphabet runs.
import type { Rng } from '@r1lab/random';

export const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A word of 3 to 8 random letters (the copy requests' and the secret words' shape). */
export function randomWord(rng: Rng): string {
  return Array.from({ length: rng.int(3, 8) }, () => LETTERS[rng.int(0, 25)]).join('');
}

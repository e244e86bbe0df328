/**
 * The words of self-checking solutions, per language: a check that re-derives a result
 * ("check: 5 plus 2 is 7, good") and a correction that flags a slipped step and redoes it
 * ("wait, 3 plus 4 is 7, not 8"), and a guess-and-check attempt ("try 3+4+2, …, 9, not 5"). Kept to characters the corpus alphabet already has, so
 * turning the knobs on never changes the tokenizer (and with it every cache key).
 */
import type { Lang } from './types.ts';

export type SelfCheckWords = {
  /** Opens a check of the last step. */
  check: string;
  /** Ends a check that agreed. */
  agrees: string;
  /** Opens a correction. */
  wait: string;
  /** Before the value a correction (or a failed check) rejects. */
  not: string;
  /** Opens an attempt of a guess-and-check search (countdown): "try 3+4-2". */
  try: string;
};

export const SELF_CHECK_WORDS: Record<Lang, SelfCheckWords> = {
  en: { check: 'check:', agrees: 'good', wait: 'wait,', not: 'not', try: 'try' },
  fr: { check: 'vérifions:', agrees: 'bon', wait: 'attends,', not: 'pas', try: 'essayons' },
};

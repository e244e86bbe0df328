/**
 * Every word the generators write, per language, in one place: the prompt templates, the
 * chain-of-thought vocabulary and the answer labels. Keeping it here lets the alphabet be
 * derived from it and lets tests check that French text carries no English template word.
 *
 * Chain-of-thought steps read "3 plus 4 is 7, 7 minus 2 is 5" (en) and
 * "3 plus 4 font 7, 7 moins 2 font 5" (fr): short words between numbers, so a character model
 * learns them quickly and a language-consistency reward can tell the languages apart
 * ("plus" is shared; "is/font", "minus/moins", "times/fois", "over/sur" are not).
 */
import type { Op } from './expression.ts';
import type { Lang } from './types.ts';

/** The per-language words of a worked solution. */
export type SolutionWords = {
  ops: Record<Op, string>;
  /** Verb between an operation and its result. */
  is: string;
  /** Label of an untagged final answer ("Answer: 5"). */
  answerLabel: string;
  /** Step separator. */
  stepSeparator: string;
};

export const SOLUTION_WORDS: Record<Lang, SolutionWords> = {
  en: {
    ops: { '+': 'plus', '-': 'minus', '*': 'times', '/': 'over' },
    is: 'is',
    answerLabel: 'Answer:',
    stepSeparator: ', ',
  },
  fr: {
    ops: { '+': 'plus', '-': 'moins', '*': 'fois', '/': 'sur' },
    is: 'font',
    answerLabel: 'Réponse:',
    stepSeparator: ', ',
  },
};

/** Prompt templates of the symbolic tasks; `{…}` are filled by the generators. */
export const PROMPTS: Record<Lang, { arith: string; countdown: string; linear: string }> = {
  en: {
    arith: 'Compute {expr}.\n',
    countdown: 'Make {target} from {numbers}.\n',
    linear: 'Solve {equation}.\n',
  },
  fr: {
    arith: 'Calcule {expr}.\n',
    countdown: 'Fais {target} avec {numbers}.\n',
    linear: 'Résous {equation}.\n',
  },
};

/** Shape of the arithmetic a word-problem template reduces to. */
export type WordShape = 'add' | 'sub' | 'mul' | 'add-sub' | 'mul-add' | 'add-mul';

/** A word-problem template: placeholders {n} name, {i} item (plural), {a} {b} {c} numbers. */
export type WordTemplate = { id: string; shape: WordShape; en: string; fr: string };

export const WORD_TEMPLATES: readonly WordTemplate[] = [
  {
    id: 'add1',
    shape: 'add',
    en: '{n} has {a} {i} and gets {b} more. How many {i} now?',
    fr: '{n} a {a} {i} et en reçoit {b}. Combien de {i} maintenant ?',
  },
  {
    id: 'add2',
    shape: 'add',
    en: '{n} buys {a} {i}, then {b} {i}. How many {i} in all?',
    fr: '{n} achète {a} {i}, puis {b} {i}. Combien de {i} en tout ?',
  },
  {
    id: 'add3',
    shape: 'add',
    en: 'A box has {a} {i}. {n} adds {b}. How many {i} are in it?',
    fr: 'Une boîte a {a} {i}. {n} en ajoute {b}. Combien de {i} dedans ?',
  },
  {
    id: 'sub1',
    shape: 'sub',
    en: '{n} has {a} {i} and gives away {b}. How many {i} are left?',
    fr: '{n} a {a} {i} et en donne {b}. Combien de {i} reste-t-il ?',
  },
  {
    id: 'sub2',
    shape: 'sub',
    en: '{n} had {a} {i} and lost {b}. How many {i} remain?',
    fr: '{n} avait {a} {i} et en a perdu {b}. Combien de {i} restent ?',
  },
  {
    id: 'sub3',
    shape: 'sub',
    en: 'There are {a} {i}. {n} takes {b}. How many {i} stay?',
    fr: 'Il y a {a} {i}. {n} en prend {b}. Combien de {i} restent ?',
  },
  {
    id: 'mul1',
    shape: 'mul',
    en: '{n} has {a} bags of {b} {i}. How many {i} in all?',
    fr: '{n} a {a} sacs de {b} {i}. Combien de {i} en tout ?',
  },
  {
    id: 'mul2',
    shape: 'mul',
    en: '{n} gets {b} {i} a day for {a} days. How many {i}?',
    fr: '{n} reçoit {b} {i} par jour pendant {a} jours. Combien de {i} ?',
  },
  {
    id: 'mul3',
    shape: 'mul',
    en: 'Each of {a} boxes holds {b} {i}. How many {i} in total?',
    fr: 'Chacune des {a} boîtes contient {b} {i}. Combien de {i} au total ?',
  },
  {
    id: 'two1',
    shape: 'add-sub',
    en: '{n} has {a} {i}, gets {b} more and gives away {c}. How many {i} now?',
    fr: '{n} a {a} {i}, en reçoit {b} et en donne {c}. Combien de {i} maintenant ?',
  },
  {
    id: 'two2',
    shape: 'mul-add',
    en: '{n} buys {a} packs of {b} {i} and had {c}. How many {i}?',
    fr: '{n} achète {a} paquets de {b} {i} et en avait {c}. Combien de {i} ?',
  },
  {
    id: 'two3',
    shape: 'add-mul',
    en: '{n} has {a} {i} and {b} friends give {c} each. How many {i}?',
    fr: '{n} a {a} {i} et {b} amis en donnent {c} chacun. Combien de {i} ?',
  },
];

/** Names work in both languages, so they never count as a language signal. */
export const NAMES: readonly string[] = ['Tom', 'Ana', 'Leo', 'Mia', 'Sam', 'Eva', 'Max', 'Lou'];

/** Countable items, plural, paired by meaning. */
export const ITEMS: readonly { en: string; fr: string }[] = [
  { en: 'apples', fr: 'pommes' },
  { en: 'pens', fr: 'stylos' },
  { en: 'cards', fr: 'cartes' },
  { en: 'books', fr: 'livres' },
  { en: 'marbles', fr: 'billes' },
  { en: 'coins', fr: 'pièces' },
];

/** Templates of the non-reasoning "general" set (R1's general data, in miniature). */
export const GENERAL_PROMPTS: Record<
  Lang,
  { words: string; copy: string; next: string; previous: string; letter: string }
> = {
  en: {
    words: 'Write {x} in words.\n',
    copy: 'Copy: {x}\n',
    next: 'What number comes after {x}?\n',
    previous: 'What number comes before {x}?\n',
    letter: 'Which letter comes after {x}?\n',
  },
  fr: {
    words: 'Écris {x} en lettres.\n',
    copy: 'Recopie : {x}\n',
    next: 'Quel nombre vient après {x} ?\n',
    previous: 'Quel nombre vient avant {x} ?\n',
    letter: 'Quelle lettre vient après {x} ?\n',
  },
};

/**
 * Fills `{key}` placeholders of a template.
 * @example
 * fillTemplate('Compute {expr}.', { expr: '3+4' }) // 'Compute 3+4.'
 */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

/**
 * Cardinal numbers written in words, in English and French (0 to 999 999), for word-problem
 * prompts and the general "number to words" set.
 * French follows the 1990 spelling reform only where it keeps things simple: hyphens as
 * traditionally written ("vingt et un", "soixante-dix", "quatre-vingts").
 */
import type { Lang } from './types.ts';

const EN_SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
];

const FR_SMALL = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
];
const FR_TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

function englishBelow1000(n: number): string {
  const parts: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) parts.push(`${EN_SMALL[hundreds]} hundred`);
  if (rest > 0 || hundreds === 0) {
    if (rest < 20) parts.push(EN_SMALL[rest]!);
    else {
      const unit = rest % 10;
      parts.push(
        unit === 0 ? EN_TENS[rest / 10]! : `${EN_TENS[Math.floor(rest / 10)]}-${EN_SMALL[unit]}`,
      );
    }
  }
  return parts.join(' ');
}

function englishWords(n: number): string {
  if (n < 1000) return englishBelow1000(n);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = `${englishBelow1000(thousands)} thousand`;
  return rest === 0 ? head : `${head} ${englishBelow1000(rest)}`;
}

function frenchBelow100(n: number): string {
  if (n < 20) return FR_SMALL[n]!;
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  if (tens < 7) {
    if (unit === 0) return FR_TENS[tens]!;
    return unit === 1 ? `${FR_TENS[tens]} et un` : `${FR_TENS[tens]}-${FR_SMALL[unit]}`;
  }
  if (tens === 7) return unit === 1 ? 'soixante et onze' : `soixante-${FR_SMALL[10 + unit]}`;
  // 80-99: quatre-vingt(s), with the plural s only when nothing follows.
  const rest = n - 80;
  return rest === 0 ? 'quatre-vingts' : `quatre-vingt-${FR_SMALL[rest]}`;
}

function frenchBelow1000(n: number, final: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return frenchBelow100(rest);
  const head = hundreds === 1 ? 'cent' : `${FR_SMALL[hundreds]} cent`;
  // "deux cents" takes an s only when final and not followed by anything.
  if (rest === 0) return hundreds > 1 && final ? `${head}s` : head;
  return `${head} ${frenchBelow100(rest)}`;
}

function frenchWords(n: number): string {
  if (n < 1000) return frenchBelow1000(n, true);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 1 ? 'mille' : `${frenchBelow1000(thousands, false)} mille`;
  return rest === 0 ? head : `${head} ${frenchBelow1000(rest, true)}`;
}

/**
 * A non-negative integer below one million written in words.
 * @example
 * numberToWords(42, 'en') // 'forty-two'
 * numberToWords(71, 'fr') // 'soixante et onze'
 */
export function numberToWords(n: number, lang: Lang): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) {
    throw new RangeError(`numberToWords: expected an integer in [0, 999999], got ${n}`);
  }
  return lang === 'en' ? englishWords(n) : frenchWords(n);
}

/**
 * A number's expanded form, one term a nonzero digit in its place, highest first, but 10 to 19
 * kept whole, as both languages name them with one word: the chain of thought of a number-to-words
 * request (general-set.ts). It spells out what a small model gets wrong reading digits straight
 * into words — a zero place ("2600", not "… six hundred ten"), "05" against "50" — and makes a
 * held-out "7" the last term of many trained numbers. Terms are space-separated, to keep the
 * longest French answer with its chain within 64 tokens.
 * @example
 * expandedForm(3405) // '3000 400 5'
 * expandedForm(2614) // '2000 600 14'
 * expandedForm(0) // '0'
 */
export function expandedForm(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) {
    throw new RangeError(`expandedForm: expected an integer in [0, 999999], got ${n}`);
  }
  if (n === 0) return '0';
  const digits = String(n);
  const terms: string[] = [];
  for (let i = 0; i < digits.length; i++) {
    const zeros = digits.length - 1 - i;
    if (zeros === 1 && digits[i] === '1') {
      terms.push(digits.slice(i));
      break;
    }
    if (digits[i] !== '0') terms.push(digits[i] + '0'.repeat(zeros));
  }
  return terms.join(' ');
}

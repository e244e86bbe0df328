/**
 * Math answer equivalence, the heart of the accuracy reward. Reference: Hugging Face Math-Verify
 * (normalize LaTeX, parse structure, compare numerically then symbolically) and the MATH grader
 * of Hendrycks et al. Never throws; answers over {@link MAX_ANSWER_CHARS} are compared as text only.
 */
import { type AnswerStructure, answerStructure } from './answer-structure.ts';
import { normalizeAnswer, stripUnits } from './normalize-answer.ts';
import { numbersClose, type ParsedNumber, parseNumber } from './parse-number.ts';
import { agreeAtPoints, compileAnswer, equationsEquivalent } from './symbolic-equivalence.ts';

/** Real answers are short (MATH-500's longest gold is 53 chars); longer input is compared as text. */
export const MAX_ANSWER_CHARS = 1000;

export type EquivalenceOptions = {
  /** Relative numeric tolerance (default 1e-6). */
  relTol?: number;
  /** Whether `50%` also equals `0.5` (it always equals `50`). Default false. */
  percentAsFraction?: boolean;
};

type Resolved = Required<EquivalenceOptions>;

function textKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/\\[a-z]+\s*/g, (m) => m.trim())
    .replace(/[\s{}]/g, '')
    .replace(/[.]+$/, '');
}

const CHOICE_GOLD_RE = /^(?:\(([A-Za-z])\)|([A-E]))$/;
const CHOICE_PRED_RE = /^(?:\(([A-Za-z])\)|([A-Za-z])(?=$|[\s.:)]))/;

function choiceLetter(text: string, re: RegExp): string | null {
  const m = re.exec(text.trim());
  return m ? (m[1] ?? m[2] ?? '').toUpperCase() : null;
}

function numberCandidates(n: ParsedNumber, options: Resolved): number[] {
  return n.percent && options.percentAsFraction ? [n.value, n.value / 100] : [n.value];
}

function numbersEquivalent(pred: ParsedNumber, gold: ParsedNumber, options: Resolved): boolean {
  for (const p of numberCandidates(pred, options)) {
    for (const g of numberCandidates(gold, options)) {
      // Two integers are right or wrong, never close: 11111111101 is not 11111111100.
      if (
        Number.isSafeInteger(p) && Number.isSafeInteger(g)
          ? p === g
          : numbersClose(p, g, options.relTol)
      ) {
        return true;
      }
    }
  }
  return false;
}

function scalarEquivalent(pred: string, gold: string, options: Resolved): boolean {
  if (textKey(pred) === textKey(gold)) return true;
  const goldChoice = choiceLetter(gold, CHOICE_GOLD_RE);
  if (goldChoice !== null) return choiceLetter(pred, CHOICE_PRED_RE) === goldChoice;
  // Units and currency words never change the value: compare what is left when something is.
  const p = stripUnits(pred) || pred;
  const g = stripUnits(gold) || gold;
  const pn = parseNumber(p);
  const gn = parseNumber(g);
  if (pn !== null && gn !== null) return numbersEquivalent(pn, gn, options);
  const pc = compileAnswer(pn?.percent ? p.replace(/%$/, '') : p);
  const gc = compileAnswer(gn?.percent ? g.replace(/%$/, '') : g);
  if (pc !== null && gc !== null) return agreeAtPoints(pc, gc, options.relTol);
  return textKey(p) === textKey(g);
}

/** Match every pred item to a distinct equivalent gold item (greedy; sets here are small). */
function sameMultiset(pred: string[], gold: string[], options: Resolved): boolean {
  if (pred.length !== gold.length || pred.length > 64) return false;
  const used = new Array<boolean>(gold.length).fill(false);
  for (const p of pred) {
    const j = gold.findIndex((g, k) => !used[k] && itemEquivalent(p, g, options));
    if (j < 0) return false;
    used[j] = true;
  }
  return true;
}

function itemEquivalent(pred: string, gold: string, options: Resolved): boolean {
  return structuresEquivalent(answerStructure(pred), answerStructure(gold), options);
}

function structuresEquivalent(
  pred: AnswerStructure,
  gold: AnswerStructure,
  options: Resolved,
): boolean {
  switch (gold.kind) {
    case 'scalar':
      return pred.kind === 'scalar' && scalarEquivalent(pred.text, gold.text, options);
    case 'tuple': {
      // A bare list `6, 31, -1` answers a point `(6,31,-1)`; intervals need their brackets.
      const items =
        pred.kind === 'tuple' && pred.open === gold.open && pred.close === gold.close
          ? pred.items
          : pred.kind === 'set' && gold.open === '(' && gold.close === ')'
            ? pred.items
            : null;
      return (
        items !== null &&
        items.length === gold.items.length &&
        items.every((item, k) => itemEquivalent(item, gold.items[k]!, options))
      );
    }
    case 'set':
      return pred.kind === 'set' && sameMultiset(pred.items, gold.items, options);
    case 'union':
      return pred.kind === 'union' && sameMultiset(pred.parts, gold.parts, options);
    case 'matrix':
      return (
        pred.kind === 'matrix' &&
        pred.rows.length === gold.rows.length &&
        pred.rows.every(
          (row, r) =>
            row.length === gold.rows[r]!.length &&
            row.every((cell, c) => itemEquivalent(cell, gold.rows[r]![c]!, options)),
        )
      );
    case 'equation':
      if (pred.kind !== 'equation') return false;
      if (textKey(pred.lhs + pred.rhs) === textKey(gold.lhs + gold.rhs)) return true;
      return equationsEquivalent([pred.lhs, pred.rhs], [gold.lhs, gold.rhs], options.relTol);
  }
}

/**
 * Whether a predicted answer is mathematically equivalent to the gold answer. Handles numbers
 * (separators, +, sci notation), fractions, mixed numbers, percentages, LaTeX wrappers, units,
 * degrees, `\sqrt`, `\pi`, symbolic expressions, equations, tuples, intervals, sets, unions,
 * matrices, multiple-choice letters and plain text. Never throws.
 *
 * @example
 * isEquivalent('0.5', '\\frac{1}{2}'); // true
 * isEquivalent('\\{2, 1\\}', '1, 2'); // true
 * isEquivalent('(3,4)', '(3,4]'); // false
 * isEquivalent('50%', '0.5', { percentAsFraction: true }); // true
 */
export function isEquivalent(
  pred: string,
  gold: string,
  options: EquivalenceOptions = {},
): boolean {
  if (typeof pred !== 'string' || typeof gold !== 'string') return false;
  const resolved: Resolved = {
    relTol: options.relTol ?? 1e-6,
    percentAsFraction: options.percentAsFraction ?? false,
  };
  try {
    if (pred.length > MAX_ANSWER_CHARS || gold.length > MAX_ANSWER_CHARS)
      return pred.trim() === gold.trim();
    const p = normalizeAnswer(pred);
    const g = normalizeAnswer(gold);
    if (p.length === 0 || g.length === 0) return false;
    if (p === g) return true;
    return structuresEquivalent(answerStructure(p), answerStructure(g), resolved);
  } catch {
    return false;
  }
}

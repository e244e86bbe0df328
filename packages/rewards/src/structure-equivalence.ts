/**
 * The recursive comparison of two parsed answers: tuples and intervals item by item, sets and
 * unions as multisets, matrices cell by cell, equations as proportional differences,
 * assignments by their value, relations by {@link relationsEquivalent}, and scalars as numbers,
 * then as expressions at sample points, then as text.
 */
import {
  type AnswerStructure,
  answerStructure,
  isAssignmentTarget,
  splitTopLevel,
} from './answer-structure.ts';
import { type CompareContext, timeUp } from './equivalence-options.ts';
import { stripUnits } from './normalize-answer.ts';
import { DECIMAL_COMMA_RE, numbersClose, type ParsedNumber, parseNumber } from './parse-number.ts';
import { relationsEquivalent } from './relation-equivalence.ts';
import {
  agreeAtPoints,
  type CompiledAnswer,
  compileAnswer,
  equationsEquivalent,
  evaluateConstant,
} from './symbolic-equivalence.ts';

/** Case-, space- and brace-insensitive text, for answers compared as words. */
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

function rounded(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

/** Two numbers are equal: integers exactly (11111111101 is not 11111111100), others by rounding or tolerance. */
function valuesEqual(p: number, g: number, ctx: CompareContext): boolean {
  if (Number.isSafeInteger(p) && Number.isSafeInteger(g)) return p === g;
  if (ctx.floatRounding !== null && Number.isFinite(p) && Number.isFinite(g))
    return rounded(p, ctx.floatRounding) === rounded(g, ctx.floatRounding);
  return numbersClose(p, g, ctx.relTol);
}

function numberCandidates(n: ParsedNumber, ctx: CompareContext): number[] {
  return n.percent && ctx.percentAsFraction ? [n.value, n.value / 100] : [n.value];
}

function numbersEquivalent(pred: ParsedNumber, gold: ParsedNumber, ctx: CompareContext): boolean {
  return numberCandidates(pred, ctx).some((p) =>
    numberCandidates(gold, ctx).some((g) => valuesEqual(p, g, ctx)),
  );
}

function expressionsEquivalent(p: CompiledAnswer, g: CompiledAnswer, ctx: CompareContext) {
  if (ctx.floatRounding !== null) {
    const a = evaluateConstant(p);
    const b = evaluateConstant(g);
    if (a !== null && b !== null)
      return valuesEqual(a.re, b.re, ctx) && valuesEqual(a.im, b.im, ctx);
  }
  const agree = agreeAtPoints(p, g, ctx.relTol, ctx.deadline);
  if (!agree) timeUp(ctx);
  return agree;
}

function scalarEquivalent(pred: string, gold: string, ctx: CompareContext): boolean {
  if (textKey(pred) === textKey(gold)) return true;
  const goldChoice = choiceLetter(gold, CHOICE_GOLD_RE);
  if (goldChoice !== null) return choiceLetter(pred, CHOICE_PRED_RE) === goldChoice;
  // Units and currency words never change the value: compare what is left when something is.
  const p = stripUnits(pred) || pred;
  const g = stripUnits(gold) || gold;
  const pn = parseNumber(p);
  const gn = parseNumber(g);
  if (pn !== null && gn !== null) return numbersEquivalent(pn, gn, ctx);
  const pc = compileAnswer(pn?.percent ? p.replace(/%$/, '') : p);
  const gc = compileAnswer(gn?.percent ? g.replace(/%$/, '') : g);
  if (pc !== null && gc !== null) return expressionsEquivalent(pc, gc, ctx);
  return textKey(p) === textKey(g);
}

/** Match every pred item to a distinct equivalent gold item (greedy; sets here are small). */
function sameMultiset(pred: string[], gold: string[], ctx: CompareContext): boolean {
  if (pred.length !== gold.length || pred.length > 64) return false;
  const used = new Array<boolean>(gold.length).fill(false);
  for (const p of pred) {
    const j = gold.findIndex((g, k) => !used[k] && itemEquivalent(p, g, ctx));
    if (j < 0) return false;
    used[j] = true;
  }
  return true;
}

function itemEquivalent(pred: string, gold: string, ctx: CompareContext): boolean {
  return structuresEquivalent(answerStructure(pred), answerStructure(gold), ctx);
}

/** `1000,99` is a number, but the same characters may be a two-item list: try that reading. */
function asList(s: AnswerStructure): AnswerStructure | null {
  if (s.kind !== 'scalar' || !DECIMAL_COMMA_RE.test(s.text.replace(/\s+/g, ''))) return null;
  return { kind: 'set', items: splitTopLevel(s.text, ',').map((x) => x.trim()) };
}

/**
 * Whether an equation answers with its right side: an assignment (`x = 5`, `f(x) = 2x`) or a
 * computation whose left side has no variable (`180 + 24 = 204`).
 */
function givesRightSide(eq: { lhs: string }): boolean {
  if (isAssignmentTarget(eq.lhs)) return true;
  const lhs = compileAnswer(eq.lhs);
  return lhs !== null && evaluateConstant(lhs) !== null;
}

/** An assignment `x = 5` answers what its right side is; strict mode wants the equation. */
function assignmentEquivalent(
  value: AnswerStructure,
  assignment: { lhs: string; rhs: string },
  valueIsPred: boolean,
  ctx: CompareContext,
): boolean {
  if (ctx.strict) {
    ctx.note = `strict mode: ${valueIsPred ? 'gold' : 'prediction'} is an equation, the other a value`;
    return false;
  }
  const rhs = answerStructure(assignment.rhs);
  return valueIsPred
    ? structuresEquivalent(value, rhs, ctx)
    : structuresEquivalent(rhs, value, ctx);
}

function tupleItems(
  pred: AnswerStructure,
  gold: { open: string; close: string },
  ctx: CompareContext,
): string[] | null {
  if (pred.kind === 'tuple' && pred.open === gold.open && pred.close === gold.close)
    return pred.items;
  // A bare list `6, 31, -1` answers a point `(6,31,-1)`; intervals need their brackets.
  if (pred.kind === 'set' && gold.open === '(' && gold.close === ')') {
    if (!ctx.strict) return pred.items;
    ctx.note = 'strict mode: a list or set does not answer a tuple';
  }
  return null;
}

/**
 * Whether `pred` answers `gold`, by the gold's kind (see the module comment).
 *
 * @example
 * const ctx = createContext();
 * structuresEquivalent(answerStructure('(1, 2]'), answerStructure('(1,2]'), ctx); // true
 */
export function structuresEquivalent(
  pred: AnswerStructure,
  gold: AnswerStructure,
  ctx: CompareContext,
): boolean {
  if (timeUp(ctx)) return false;
  if (gold.kind === 'equation' && pred.kind !== 'equation' && givesRightSide(gold))
    return assignmentEquivalent(pred, gold, true, ctx);
  if (pred.kind === 'equation' && gold.kind !== 'equation' && givesRightSide(pred))
    return assignmentEquivalent(gold, pred, false, ctx);
  if (pred.kind === 'relation' || gold.kind === 'relation')
    return relationsEquivalent(pred, gold, ctx, structuresEquivalent);
  const listed = gold.kind === 'set' || gold.kind === 'tuple' ? asList(pred) : null;
  if (listed !== null) return structuresEquivalent(listed, gold, ctx);
  const goldListed = pred.kind === 'set' || pred.kind === 'tuple' ? asList(gold) : null;
  if (goldListed !== null) return structuresEquivalent(pred, goldListed, ctx);
  switch (gold.kind) {
    case 'scalar':
      return pred.kind === 'scalar' && scalarEquivalent(pred.text, gold.text, ctx);
    case 'tuple': {
      const items = tupleItems(pred, gold, ctx);
      return (
        items !== null &&
        items.length === gold.items.length &&
        items.every((item, k) => itemEquivalent(item, gold.items[k]!, ctx))
      );
    }
    case 'set': {
      // Not strict: a parenthesized list `(3, 5, 7)` may list the members of a set.
      const items =
        pred.kind === 'set'
          ? pred.items
          : !ctx.strict && pred.kind === 'tuple' && pred.open === '(' && pred.close === ')'
            ? pred.items
            : null;
      return items !== null && sameMultiset(items, gold.items, ctx);
    }
    case 'union':
      return pred.kind === 'union' && sameMultiset(pred.parts, gold.parts, ctx);
    case 'matrix':
      return (
        pred.kind === 'matrix' &&
        pred.rows.length === gold.rows.length &&
        pred.rows.every(
          (row, r) =>
            row.length === gold.rows[r]!.length &&
            row.every((cell, c) => itemEquivalent(cell, gold.rows[r]![c]!, ctx)),
        )
      );
    case 'equation': {
      if (pred.kind !== 'equation') return false;
      if (textKey(`${pred.lhs}=${pred.rhs}`) === textKey(`${gold.lhs}=${gold.rhs}`)) return true;
      if (isAssignmentTarget(pred.lhs) && isAssignmentTarget(gold.lhs)) {
        const sameTarget = textKey(pred.lhs) === textKey(gold.lhs);
        if ((sameTarget || !ctx.strict) && itemEquivalent(pred.rhs, gold.rhs, ctx)) return true;
      }
      return equationsEquivalent(
        [pred.lhs, pred.rhs],
        [gold.lhs, gold.rhs],
        ctx.relTol,
        ctx.deadline,
      );
    }
  }
}

/**
 * Whether two normalized answer texts are equivalent (the core of `isEquivalent` and
 * `verifyAnswer`).
 *
 * @example
 * normalizedEquivalent('x = 5', '5', createContext()); // true
 */
export function normalizedEquivalent(pred: string, gold: string, ctx: CompareContext): boolean {
  if (pred.length === 0 || gold.length === 0) return false;
  if (pred === gold) return true;
  return structuresEquivalent(answerStructure(pred), answerStructure(gold), ctx);
}

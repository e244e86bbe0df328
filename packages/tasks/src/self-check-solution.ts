/**
 * Self-checking worked solutions for `arith`: the chain of thought of a base model that now and
 * then notices its own slip and redoes the step ("3 plus 4 is 8, wait, 3 plus 4 is 7, not 8"),
 * or checks its last step by the inverse operation ("check: 5 plus 2 is 7, good"). A check that
 * disagrees is followed by the correction of that step, so checking can catch a slip there.
 *
 * A correction only ever follows a real slip (a written result that is not the operation's
 * value): in the corpus it is evidence of an error found, never decoration. The check itself
 * never slips. RL rewarded for the final answer alone can then raise both habits on its own,
 * because a corrected or checked chain ends right more often than a slipped one.
 */

import type { Rng } from '@r1lab/random';
import { applyOp, type Expr, type Op, type Step } from './expression.ts';
import { SELF_CHECK_WORDS } from './self-check-words.ts';
import { arithmeticSlip } from './task-definition.ts';
import type { Lang, Problem } from './types.ts';

/** One piece of a self-checking chain; `at` is the index of the operation it belongs to. */
export type ChainItem =
  /** An operation as written (its result may be a slip). */
  | { kind: 'step'; at: number; step: Step }
  /** "wait, a op b is r, not rejected": the step redone after a slip. */
  | { kind: 'correction'; at: number; step: Step; rejected: number }
  /** "check: inverse, good" (agrees) or "check: inverse, not expected" (the last step slipped). */
  | { kind: 'check'; at: number; step: Step; expected: number }
  /** "try 3+4-2": an attempt of a guess-and-check search (countdown), its steps follow. */
  | { kind: 'try'; at: number; expression: string }
  /** "good" when the attempt reached the target, else "not 10" (the target): try again. */
  | { kind: 'verdict'; at: number; value: number; target: number };

/** A self-checking trace: the pieces to write and what happened. */
export type SelfCheckedTrace = {
  items: ChainItem[];
  /** Operations in the expression. */
  operations: number;
  answer: string;
  slips: number;
  corrections: number;
  verified: boolean;
};

/** Knobs of the self-checking style; probabilities in [0, 1]. */
export type SelfCheckRates = {
  stepErrorRate: number;
  /** Each slip is noticed at once and the step redone with this probability. */
  correctRate: number;
  /** The last step is checked by its inverse with this probability (per solution). */
  verifyRate: number;
};

/** Whether a problem is written in the self-checking style under these knobs. */
export function selfChecks(problem: Problem, rates: Partial<SelfCheckRates>): boolean {
  return problem.task === 'arith' && ((rates.correctRate ?? 0) > 0 || (rates.verifyRate ?? 0) > 0);
}

const INVERSE: Partial<Record<Op, Op>> = { '+': '-', '-': '+' };

/** The check of `a op b = written`: for + and - the inverse from the written result back to a;
 * for * and / the operation recomputed with the operands swapped (compared with the result). */
function checkOf(exact: Step, written: number): { step: Step; expected: number } {
  const inverse = INVERSE[exact.op];
  if (inverse) {
    const step = {
      a: written,
      op: inverse,
      b: exact.b,
      result: applyOp(written, inverse, exact.b),
    };
    return { step, expected: exact.a };
  }
  return { step: { ...exact, a: exact.b, b: exact.a }, expected: written };
}

/**
 * Traces an arith problem in the self-checking style, drawing slips, corrections and the check
 * from `rng` (slips as the task's own solver makes them: off by 1 to 3).
 * @example
 * selfCheckedTrace(problem, createRng(1), { stepErrorRate: 0.1, correctRate: 0.3, verifyRate: 0.05 }).items
 */
export function selfCheckedTrace(
  problem: Problem,
  rng: Rng,
  rates: SelfCheckRates,
): SelfCheckedTrace {
  const slip = arithmeticSlip({ rng, rate: rates.stepErrorRate });
  const items: ChainItem[] = [];
  let operations = 0;
  let corrections = 0;
  let slips = 0;
  let last: Step | undefined;
  const walk = (node: Expr): number => {
    if (typeof node === 'number') return node;
    const a = walk(node.left);
    const b = walk(node.right);
    const exact: Step = { a, op: node.op, b, result: applyOp(a, node.op, b) };
    const written = slip.hook ? slip.hook(exact) : exact;
    const at = operations++;
    last = exact;
    items.push({ kind: 'step', at, step: written });
    if (written.result === exact.result) return exact.result;
    slips++;
    if (rates.correctRate > 0 && rng.chance(rates.correctRate)) {
      items.push({ kind: 'correction', at, step: exact, rejected: written.result });
      corrections++;
      return exact.result;
    }
    return written.result;
  };
  let value = walk(problem.meta.expr as Expr);
  let verified = false;
  if (last && rates.verifyRate > 0 && rng.chance(rates.verifyRate)) {
    verified = true;
    const at = operations - 1;
    const check = checkOf(last, value);
    items.push({ kind: 'check', at, ...check });
    if (check.step.result !== check.expected) {
      items.push({ kind: 'correction', at, step: last, rejected: value });
      corrections++;
      value = last.result;
    }
  }
  return { items, operations, answer: String(value), slips, corrections, verified };
}

/**
 * One piece in words, `stepText` writing the operations.
 * @example
 * chainItemText({ kind: 'correction', at: 0, step: { a: 3, op: '+', b: 4, result: 7 }, rejected: 8 }, 'en', stepText)
 * // 'wait, 3 plus 4 is 7, not 8'
 */
export function chainItemText(
  item: ChainItem,
  lang: Lang,
  stepText: (step: Step, lang: Lang) => string,
): string {
  const w = SELF_CHECK_WORDS[lang];
  switch (item.kind) {
    case 'step':
      return stepText(item.step, lang);
    case 'correction':
      return `${w.wait} ${stepText(item.step, lang)}, ${w.not} ${item.rejected}`;
    case 'check': {
      const verdict = item.step.result === item.expected ? w.agrees : `${w.not} ${item.expected}`;
      return `${w.check} ${stepText(item.step, lang)}, ${verdict}`;
    }
    case 'try':
      return `${w.try} ${item.expression}`;
    case 'verdict':
      return item.value === item.target ? w.agrees : `${w.not} ${item.target}`;
  }
}

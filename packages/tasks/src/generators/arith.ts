/**
 * `arith`: integer expressions. easy = the reference point a tiny char model learns
 * (single-digit operands, 2-3 operations of + and -, evaluated left to right, no negative
 * intermediate); medium = operands to 20, 2-4 operations of + - *, parentheses, still no
 * negatives; hard = operands to 99, 3-5 operations, parentheses, negatives allowed.
 */

import type { Rng } from '@r1lab/random';
import { countOps, type Expr, evaluate, type Op, render, traceExpression } from '../expression.ts';
import { fillTemplate, PROMPTS } from '../lexicon.ts';
import { arithmeticSlip, type TaskDefinition } from '../task-definition.ts';
import type { Difficulty } from '../types.ts';

type ArithLevel = {
  minOps: number;
  maxOps: number;
  maxOperand: number;
  ops: readonly Op[];
  chainOnly: boolean;
  allowNegative: boolean;
  maxAbs: number;
};

export const ARITH_LEVELS: Record<Difficulty, ArithLevel> = {
  easy: {
    minOps: 2,
    maxOps: 3,
    maxOperand: 9,
    ops: ['+', '-'],
    chainOnly: true,
    allowNegative: false,
    maxAbs: 99,
  },
  medium: {
    minOps: 2,
    maxOps: 4,
    maxOperand: 20,
    ops: ['+', '-', '*'],
    chainOnly: false,
    allowNegative: false,
    maxAbs: 400,
  },
  hard: {
    minOps: 3,
    maxOps: 5,
    maxOperand: 99,
    ops: ['+', '-', '*'],
    chainOnly: false,
    allowNegative: true,
    maxAbs: 10_000,
  },
};

function randomTree(rng: Rng, level: ArithLevel, ops: number): Expr {
  if (ops === 0) return rng.int(0, level.maxOperand);
  const op = rng.pick(level.ops);
  if (level.chainOnly)
    return { op, left: randomTree(rng, level, ops - 1), right: rng.int(0, level.maxOperand) };
  const leftOps = rng.int(0, ops - 1);
  return {
    op,
    left: randomTree(rng, level, leftOps),
    right: randomTree(rng, level, ops - 1 - leftOps),
  };
}

function withinLevel(expr: Expr, level: ArithLevel): boolean {
  const { steps } = traceExpression(expr);
  return steps.every(
    (s) => Math.abs(s.result) <= level.maxAbs && (level.allowNegative || s.result >= 0),
  );
}

/**
 * Draws one expression of the given difficulty (rejection sampling on the level's limits).
 * @example
 * render(sampleArithExpr(createRng(0), 'easy')) // e.g. '3+4-2'
 */
export function sampleArithExpr(rng: Rng, difficulty: Difficulty): Expr {
  const level = ARITH_LEVELS[difficulty];
  for (;;) {
    const expr = randomTree(rng, level, rng.int(level.minOps, level.maxOps));
    if (withinLevel(expr, level)) return expr;
  }
}

export const arithTask: TaskDefinition = {
  name: 'arith',
  description: 'integer expressions with + - * and parentheses; answer is the value',
  sample(rng, difficulty, lang) {
    const expr = sampleArithExpr(rng, difficulty);
    const text = render(expr);
    return {
      canonical: text,
      prompt: fillTemplate(PROMPTS[lang].arith, { expr: text }),
      answer: String(evaluate(expr)),
      meta: { expr, expression: text, ops: countOps(expr), difficulty },
    };
  },
  solve(problem, slips) {
    const slip = arithmeticSlip(slips);
    const { steps, value } = traceExpression(problem.meta.expr as Expr, slip.hook);
    return { steps, answer: String(value), slips: slip.count() };
  },
};

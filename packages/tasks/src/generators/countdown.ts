/**
 * `countdown` (the TinyZero task): reach a target from 3-4 numbers, each used exactly once,
 * with + - * (and exact / on hard). Problems are built backwards from a random expression
 * over the numbers, so every one is solvable; the gold answer is that expression, but any
 * expression that uses the numbers and hits the target is accepted by the verifier.
 */

import type { Rng } from '@r1lab/random';
import { type Expr, evaluate, type Op, render, traceExpression } from '../expression.ts';
import { fillTemplate, PROMPTS } from '../lexicon.ts';
import type { TaskDefinition } from '../task-definition.ts';
import type { Difficulty } from '../types.ts';

type CountdownLevel = {
  minCount: number;
  maxCount: number;
  maxNumber: number;
  ops: readonly Op[];
  maxTarget: number;
};

export const COUNTDOWN_LEVELS: Record<Difficulty, CountdownLevel> = {
  easy: { minCount: 3, maxCount: 3, maxNumber: 12, ops: ['+', '-'], maxTarget: 36 },
  medium: { minCount: 3, maxCount: 4, maxNumber: 15, ops: ['+', '-', '*'], maxTarget: 100 },
  hard: { minCount: 4, maxCount: 4, maxNumber: 50, ops: ['+', '-', '*', '/'], maxTarget: 100 },
};

function buildTree(rng: Rng, numbers: readonly number[], ops: readonly Op[]): Expr {
  if (numbers.length === 1) return numbers[0]!;
  const cut = rng.int(1, numbers.length - 1);
  return {
    op: rng.pick(ops),
    left: buildTree(rng, numbers.slice(0, cut), ops),
    right: buildTree(rng, numbers.slice(cut), ops),
  };
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every intermediate a positive integer and every division exact. */
function isClean(expr: Expr): boolean {
  if (typeof expr === 'number') return true;
  if (!isClean(expr.left) || !isClean(expr.right)) return false;
  const a = evaluate(expr.left);
  const b = evaluate(expr.right);
  if (expr.op === '/' && (b === 0 || a % b !== 0)) return false;
  return evaluate(expr) > 0;
}

/** Replaces one node's operator (a wrong choice while searching), keeping everything else. */
function withSlips(expr: Expr, rng: Rng, rate: number, counter: { n: number }): Expr {
  if (typeof expr === 'number') return expr;
  const left = withSlips(expr.left, rng, rate, counter);
  const right = withSlips(expr.right, rng, rate, counter);
  if (!rng.chance(rate)) return { op: expr.op, left, right };
  counter.n++;
  const others = (['+', '-', '*'] as const).filter((op) => op !== expr.op);
  return { op: rng.pick(others), left, right };
}

export const countdownTask: TaskDefinition = {
  name: 'countdown',
  description: 'reach the target from the given numbers, each used once; answer is an expression',
  sample(rng, difficulty, lang) {
    const level = COUNTDOWN_LEVELS[difficulty];
    for (;;) {
      const count = rng.int(level.minCount, level.maxCount);
      const numbers = Array.from({ length: count }, () => rng.int(1, level.maxNumber));
      const expr = buildTree(rng, shuffled(rng, numbers), level.ops);
      if (!isClean(expr)) continue;
      const target = evaluate(expr);
      if (target > level.maxTarget) continue;
      return {
        canonical: `${[...numbers].sort((x, y) => x - y).join(',')}->${target}`,
        prompt: fillTemplate(PROMPTS[lang].countdown, { target, numbers: numbers.join(' ') }),
        answer: render(expr),
        meta: { numbers, target, solution: expr, difficulty },
      };
    }
  },
  solve(problem, slips) {
    const counter = { n: 0 };
    const solution = problem.meta.solution as Expr;
    const expr =
      slips && slips.rate > 0 ? withSlips(solution, slips.rng, slips.rate, counter) : solution;
    return { steps: traceExpression(expr).steps, answer: render(expr), slips: counter.n };
  },
};

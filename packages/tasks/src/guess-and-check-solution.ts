/**
 * Guess-and-check worked solutions for `countdown`: the search TinyZero's models learned to write.
 * The chain names an expression, computes it step by step and compares the value with the
 * target: "try 3+4+2, 3 plus 4 is 7, 7 plus 2 is 9, not 5, try 3+4-2, 3 plus 4 is 7, 7 minus 2
 * is 5, good". The first attempt is the task's own solver with its slips (a wrong operator
 * choice); only an attempt that misses the target is followed by another, so a retry in the
 * corpus is always evidence of a miss noticed, never decoration.
 */

import type { Rng } from '@r1lab/random';
import { type Expr, render, traceExpression } from './expression.ts';
import type { ChainItem, SelfCheckedTrace } from './self-check-solution.ts';
import { getTask } from './task-registry.ts';
import type { Problem } from './types.ts';

/** Knobs of the guess-and-check style; probabilities in [0, 1]. */
export type GuessAndCheckRates = {
  /** Each operator choice of the first attempt is wrong with this probability. */
  stepErrorRate: number;
  /** The solution is written as a checked search with this probability (per solution). */
  guessRate: number;
};

/** Whether a problem is written as a guess-and-check search under these knobs. */
export function guessesAndChecks(problem: Problem, rates: Partial<GuessAndCheckRates>): boolean {
  return problem.task === 'countdown' && (rates.guessRate ?? 0) > 0;
}

/**
 * Traces a countdown problem: the solver's attempt (slips drawn from `rng`), and with probability
 * `guessRate` the check against the target, then, after a miss, the right expression.
 * @example
 * guessAndCheckTrace(problem, createRng(1), { stepErrorRate: 0.2, guessRate: 0.5 }).items
 */
export function guessAndCheckTrace(
  problem: Problem,
  rng: Rng,
  rates: GuessAndCheckRates,
): SelfCheckedTrace {
  const first = getTask(problem.task).solve(problem, { rng, rate: rates.stepErrorRate });
  const plain: ChainItem[] = first.steps.map((step, at) => ({ kind: 'step', at, step }));
  const base = { operations: first.steps.length, slips: first.slips, corrections: 0 };
  if (!rng.chance(rates.guessRate)) {
    return { ...base, items: plain, answer: first.answer, verified: false };
  }
  const target = problem.meta.target as number;
  const value = first.steps.at(-1)?.result ?? Number.NaN;
  const items: ChainItem[] = [
    { kind: 'try', at: 0, expression: first.answer },
    ...plain,
    { kind: 'verdict', at: base.operations - 1, value, target },
  ];
  if (value === target) return { ...base, items, answer: first.answer, verified: true };
  // A miss: the search tries the solution the problem was built from.
  const solution = problem.meta.solution as Expr;
  const retry = traceExpression(solution).steps;
  const at = base.operations;
  items.push({ kind: 'try', at, expression: render(solution) });
  retry.forEach((step, i) => {
    items.push({ kind: 'step', at: at + i, step });
  });
  items.push({ kind: 'verdict', at: at + retry.length - 1, value: target, target });
  return {
    items,
    operations: at + retry.length,
    answer: render(solution),
    slips: first.slips,
    corrections: 1,
    verified: true,
  };
}

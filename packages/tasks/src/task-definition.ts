/** The contract every generated task implements, and the arithmetic slip they share. */

import type { Rng } from '@r1lab/random';
import type { Step, StepSlip } from './expression.ts';
import type { Difficulty, GeneratedTaskName, Lang, Problem } from './types.ts';

/** What a task's sampler draws before ids and splits are attached. */
export type SampledProblem = {
  /** Language-independent identity of the problem; the split is a hash of it. */
  canonical: string;
  prompt: string;
  answer: string;
  meta: Record<string, unknown>;
};

/** Where slips come from: each step goes wrong with probability `rate`. */
export type SlipSource = { rng: Rng; rate: number };

/** A solver's output: the steps to write and the final answer they lead to. */
export type SolutionTrace = { steps: Step[]; answer: string; slips: number };

/** A task: a seeded sampler and a step-by-step solver (the verifier lives in verify.ts). */
export type TaskDefinition = {
  name: GeneratedTaskName;
  description: string;
  sample(rng: Rng, difficulty: Difficulty, lang: Lang): SampledProblem;
  solve(problem: Problem, slips?: SlipSource): SolutionTrace;
};

/**
 * A slip hook that, with the source's probability, writes a result off by 1 to 3 (never
 * negative when the true result is not), counting how many slips it made.
 * @example
 * const slip = arithmeticSlip({ rng: createRng(1), rate: 1 });
 * slip.hook({ a: 3, op: '+', b: 4, result: 7 }).result !== 7 // true
 */
export function arithmeticSlip(source: SlipSource | undefined): {
  hook: StepSlip | undefined;
  count: () => number;
} {
  let slips = 0;
  if (!source || source.rate <= 0) return { hook: undefined, count: () => 0 };
  const hook: StepSlip = (step: Step) => {
    if (!source.rng.chance(source.rate)) return step;
    slips++;
    const size = source.rng.int(1, 3);
    const down = step.result - size;
    const result =
      source.rng.chance(0.5) && (down >= 0 || step.result < 0) ? down : step.result + size;
    return { ...step, result };
  };
  return { hook, count: () => slips };
}

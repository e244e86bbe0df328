/**
 * `linear`: solve a*x + b = c for an integer x. Two steps: move b across, divide by a.
 */

import type { Rng } from '@r1lab/random';
import type { Step } from '../expression.ts';
import { fillTemplate, PROMPTS } from '../lexicon.ts';
import type { TaskDefinition } from '../task-definition.ts';
import type { Difficulty } from '../types.ts';

type LinearLevel = {
  maxA: number;
  negativeA: boolean;
  minX: number;
  maxX: number;
  maxB: number;
  negativeB: boolean;
};

export const LINEAR_LEVELS: Record<Difficulty, LinearLevel> = {
  easy: { maxA: 5, negativeA: false, minX: 0, maxX: 10, maxB: 15, negativeB: false },
  medium: { maxA: 9, negativeA: false, minX: 0, maxX: 12, maxB: 20, negativeB: true },
  hard: { maxA: 12, negativeA: true, minX: -20, maxX: 20, maxB: 50, negativeB: true },
};

/**
 * Text of a*x+b=c with signs folded ("3x-4=11").
 * @example
 * renderEquation(3, -4, 11) // '3x-4=11'
 */
export function renderEquation(a: number, b: number, c: number): string {
  return `${a}x${b < 0 ? '-' : '+'}${Math.abs(b)}=${c}`;
}

function sampleCoefficients(rng: Rng, level: LinearLevel): { a: number; b: number; x: number } {
  const a = rng.int(2, level.maxA) * (level.negativeA && rng.chance(0.3) ? -1 : 1);
  let b = 0;
  while (b === 0) b = rng.int(level.negativeB ? -level.maxB : 1, level.maxB);
  return { a, b, x: rng.int(level.minX, level.maxX) };
}

export const linearTask: TaskDefinition = {
  name: 'linear',
  description: 'solve a*x+b=c for integer x; answer is x',
  sample(rng, difficulty, lang) {
    const { a, b, x } = sampleCoefficients(rng, LINEAR_LEVELS[difficulty]);
    const c = a * x + b;
    const equation = renderEquation(a, b, c);
    return {
      canonical: equation,
      prompt: fillTemplate(PROMPTS[lang].linear, { equation }),
      answer: String(x),
      meta: { a, b, c, x, equation, difficulty },
    };
  },
  solve(problem, slips) {
    const { a, b, c } = problem.meta as { a: number; b: number; c: number };
    let count = 0;
    const slipped = (): boolean => {
      const hit = !!slips && slips.rate > 0 && slips.rng.chance(slips.rate);
      if (hit) count++;
      return hit;
    };
    // A slip in the first step is off by a multiple of a, so the division stays exact.
    let moved = c - b;
    if (slipped()) moved += a * slips!.rng.pick([-2, -1, 1, 2]);
    const first: Step =
      b > 0 ? { a: c, op: '-', b, result: moved } : { a: c, op: '+', b: -b, result: moved };
    let x = moved / a;
    if (slipped()) x += slips!.rng.pick([-3, -2, -1, 1, 2, 3]);
    const second: Step = { a: moved, op: '/', b: a, result: x };
    return { steps: [first, second], answer: String(x), slips: count };
  },
};

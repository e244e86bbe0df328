import { generateProblems, workedSolution } from '@r1lab/tasks';
import { describe, expect, it } from 'vitest';
import { referenceRepetition, scoreCompletion } from '../src/scoring.ts';

// A problem whose right chain repeats itself, like 5+9+9: "5 plus 9 is 14, 14 plus 9 is 23".
const [problem] = generateProblems({ task: 'arith', seed: 0, count: 50, langs: ['en'] }).filter(
  (p) => referenceRepetition(p) > 0,
);

describe('excess repetition', () => {
  it('is 0 for the reference chain, whose own 3-grams repeat', () => {
    expect(problem).toBeDefined();
    const s = scoreCompletion(problem!, workedSolution(problem!), {});
    expect(s.repetition).toBeGreaterThan(0);
    expect(s.repetition).toBeCloseTo(referenceRepetition(problem!), 12);
    expect(s.excessRepetition).toBe(0);
  });

  it('counts what a completion repeats beyond the reference', () => {
    const chain = workedSolution(problem!).replace(/<\/?(think|answer)>/g, ' ');
    const rambling = `<think>${chain}, ${chain}</think><answer>${problem!.answer}</answer>`;
    const s = scoreCompletion(problem!, rambling, {});
    expect(s.excessRepetition).toBeGreaterThan(0.3);
    expect(s.excessRepetition).toBeCloseTo(s.repetition - referenceRepetition(problem!), 12);
  });
});

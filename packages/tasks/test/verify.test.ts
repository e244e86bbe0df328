import { describe, expect, it } from 'vitest';
import { generateProblems } from '../src/generate-problems.ts';
import { loadGsm8k, loadMath } from '../src/loaders/dataset-problems.ts';
import { TASK_NAMES } from '../src/task-registry.ts';
import type { Difficulty, Problem } from '../src/types.ts';
import { verify } from '../src/verify.ts';
import { workedSolution } from '../src/worked-solution.ts';

const DIFFICULTIES: Difficulty[] = ['easy', 'medium', 'hard'];
const DATA = new URL('../../../data/', import.meta.url);

const countdown: Problem = {
  id: 'c',
  task: 'countdown',
  prompt: 'Make 20 from 3 7 5.\n',
  answer: '(7-3)*5',
  lang: 'en',
  meta: { numbers: [3, 7, 5], target: 20 },
};

describe('verify', () => {
  it('accepts every gold answer and every clean worked solution, for every task, difficulty and language', () => {
    for (const task of TASK_NAMES) {
      for (const difficulty of DIFFICULTIES) {
        for (const p of generateProblems({
          task,
          seed: 9,
          count: 100,
          difficulty,
          langs: ['en', 'fr'],
        })) {
          expect(verify(p, `<answer>${p.answer}</answer>`), `${p.prompt} ${p.answer}`).toBe(true);
          expect(verify(p, workedSolution(p)), `${p.prompt} ${workedSolution(p)}`).toBe(true);
        }
      }
    }
  });

  it('is strict: the answer must be inside the tags, and the last tag pair counts', () => {
    const [p] = generateProblems({ task: 'arith', seed: 1, count: 1 });
    const wrong = String(Number(p!.answer) + 1);
    expect(verify(p!, `Answer: ${p!.answer}`)).toBe(false);
    expect(verify(p!, `= ${p!.answer}`)).toBe(false);
    expect(verify(p!, '<answer></answer>')).toBe(false);
    expect(verify(p!, `<answer>${wrong}</answer>`)).toBe(false);
    expect(verify(p!, `<answer>${wrong}</answer> no, <answer>${p!.answer}</answer>`)).toBe(true);
    expect(verify(p!, `<answer>${p!.answer}</answer> no, <answer>${wrong}</answer>`)).toBe(false);
  });

  it('accepts any countdown expression that uses each number once and reaches the target', () => {
    expect(verify(countdown, '<answer>5*(7-3)</answer>')).toBe(true);
    expect(verify(countdown, '<answer>(7 - 3) × 5</answer>')).toBe(true);
    expect(verify(countdown, '<answer>20</answer>')).toBe(false);
    expect(verify(countdown, '<answer>5*4</answer>')).toBe(false);
    expect(verify(countdown, '<answer>(7-3)*5*1</answer>')).toBe(false);
    expect(verify(countdown, '<answer>7+3+5</answer>')).toBe(false);
    // Every number must be used: 7+3 reaches 10 but leaves 5 out.
    expect(
      verify({ ...countdown, meta: { numbers: [3, 7, 5], target: 10 } }, '<answer>7+3</answer>'),
    ).toBe(false);
    expect(
      verify(
        { ...countdown, meta: { numbers: [3, 7, 5], target: 10 } },
        '<answer>7-5+3+5-5</answer>',
      ),
    ).toBe(false);
  });

  it('verifies the gold answers of the loaded GSM8K and MATH-500 problems', async () => {
    for await (const p of loadGsm8k(new URL('gsm8k-test.jsonl', DATA)))
      expect(verify(p, `<answer>${p.answer}</answer>`)).toBe(true);
    for await (const p of loadMath(new URL('math500-test.jsonl', DATA)))
      expect(verify(p, `<answer>${p.answer}</answer>`), p.answer).toBe(true);
  });
});

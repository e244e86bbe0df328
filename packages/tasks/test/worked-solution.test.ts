import { describe, expect, it } from 'vitest';
import { ALPHABET } from '../src/alphabet.ts';
import { baseCorpus } from '../src/corpora/base-corpus.ts';
import { coldStartSet } from '../src/corpora/cold-start-set.ts';
import { generalSet } from '../src/corpora/general-set.ts';
import { applyOp, type Op } from '../src/expression.ts';
import { generateProblems } from '../src/generate-problems.ts';
import { taggedAnswer } from '../src/tagged-answer.ts';
import { TASK_NAMES } from '../src/task-registry.ts';
import type { Difficulty, Example } from '../src/types.ts';
import { SPECIAL_TOKENS, stepText, workedSolution, writeSolution } from '../src/worked-solution.ts';
import { countdownSolves } from './reference-arithmetic.ts';

const DIFFICULTIES: Difficulty[] = ['easy', 'medium', 'hard'];
const OPS: Record<string, Op> = {
  plus: '+',
  minus: '-',
  times: '*',
  over: '/',
  moins: '-',
  fois: '*',
  sur: '/',
};
const STEP_RE = /(-?\d+) (plus|minus|times|over|moins|fois|sur) (-?\d+) (is|font) (-?\d+)/g;

/** Token count under the char tokenizer, where each special tag is one token. */
function tokenLength(text: string): number {
  let n = text.length;
  for (const tag of SPECIAL_TOKENS) n -= (text.split(tag).length - 1) * (tag.length - 1);
  return n;
}

describe('workedSolution', () => {
  it('ends, with no slips, in the gold answer inside the tags, every step right, in the prompt language', () => {
    for (const task of TASK_NAMES) {
      for (const difficulty of DIFFICULTIES) {
        for (const p of generateProblems({
          task,
          seed: 4,
          count: 120,
          difficulty,
          langs: ['en', 'fr'],
        })) {
          const completion = workedSolution(p);
          expect(completion).toMatch(/^<think>.+<\/think><answer>[^<]+<\/answer>$/);
          const answer = taggedAnswer(completion)!;
          if (task === 'countdown') {
            expect(
              countdownSolves(answer, p.meta.numbers as number[], p.meta.target as number),
            ).toBe(true);
          } else expect(answer).toBe(p.answer);
          const steps = [...completion.matchAll(STEP_RE)];
          expect(steps.length).toBeGreaterThan(0);
          for (const m of steps) {
            expect(applyOp(Number(m[1]), OPS[m[2]!]!, Number(m[3]))).toBe(Number(m[5]));
            expect(m[4]).toBe(p.lang === 'en' ? 'is' : 'font');
          }
        }
      }
    }
  });

  it('writes the chain of thought of the reference example', () => {
    const [p] = generateProblems({ task: 'arith', seed: 0, count: 1, langs: ['en'] });
    const text = workedSolution(p!);
    expect(text.startsWith('<think>')).toBe(true);
    expect(stepText({ a: 3, op: '+', b: 4, result: 7 }, 'en')).toBe('3 plus 4 is 7');
    expect(stepText({ a: 7, op: '-', b: 2, result: 5 }, 'fr')).toBe('7 moins 2 font 5');
  });

  it('is deterministic per problem and seed', () => {
    const [p] = generateProblems({ task: 'word', seed: 1, count: 1 });
    const noisy = { stepErrorRate: 0.5, mixRate: 0.5, tagRate: 0.5, rambleRate: 0.5 };
    expect(workedSolution(p!, { ...noisy, seed: 9 })).toBe(
      workedSolution(p!, { ...noisy, seed: 9 }),
    );
  });

  it('makes a wrong final answer when a step slips (arith, linear, word) or an operator is mischosen (countdown)', () => {
    for (const task of TASK_NAMES) {
      let slipped = 0;
      let wrong = 0;
      for (const p of generateProblems({ task, seed: 6, count: 300, langs: ['en', 'fr'] })) {
        const w = writeSolution(p, { stepErrorRate: 0.3, seed: 1 });
        if (w.slips === 0) {
          expect(w.answer === p.answer || task === 'countdown').toBe(true);
          continue;
        }
        slipped++;
        const right =
          task === 'countdown'
            ? countdownSolves(w.answer, p.meta.numbers as number[], p.meta.target as number)
            : w.answer === p.answer;
        if (!right) wrong++;
      }
      // Two slips can cancel out, and a mischosen operator can land on the target (2*2 = 2+2), but rarely.
      expect(wrong / slipped, task).toBeGreaterThan(0.85);
    }
  });

  it('keeps a default-difficulty arith prompt and solution short (about 100 characters)', () => {
    let chars = 0;
    const problems = generateProblems({
      task: 'arith',
      seed: 0,
      count: 2000,
      langs: ['en', 'fr'],
      unique: false,
    });
    for (const p of problems) {
      const text = p.prompt + workedSolution(p);
      chars += text.length;
      expect(tokenLength(text)).toBeLessThanOrEqual(100);
    }
    expect(chars / problems.length).toBeLessThan(100);
  });
});

describe('corpusAlphabet', () => {
  it('covers every character of every corpus, task, difficulty and language', () => {
    const texts: string[] = [];
    const add = (ex: Example) => texts.push(ex.prompt + ex.completion);
    for (const task of TASK_NAMES) {
      for (const difficulty of DIFFICULTIES) {
        baseCorpus({
          tasks: [task],
          difficulty,
          count: 400,
          seed: 3,
          mixRate: 0.5,
          tagRate: 0.5,
          rambleRate: 0.2,
        }).forEach(add);
      }
    }
    coldStartSet({ tasks: TASK_NAMES, count: 200 }).forEach(add);
    generalSet({ count: 2000 }).forEach(add);
    const allowed = new Set(ALPHABET);
    const stray = new Set<string>();
    for (let text of texts) {
      for (const tag of SPECIAL_TOKENS) text = text.split(tag).join('');
      for (const ch of text) if (!allowed.has(ch)) stray.add(ch);
    }
    expect([...stray]).toEqual([]);
    expect(ALPHABET).toContain('é');
    expect(new Set(ALPHABET).size).toBe(ALPHABET.length);
  });
});

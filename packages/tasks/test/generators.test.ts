import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProblems, streamProblems } from '../src/generate-problems.ts';
import { ITEMS, NAMES, PROMPTS, WORD_TEMPLATES } from '../src/lexicon.ts';
import { expandedForm, numberToWords } from '../src/number-words.ts';
import { splitOf } from '../src/splits.ts';
import { TASK_NAMES } from '../src/task-registry.ts';
import type { Difficulty, Problem } from '../src/types.ts';
import { countdownSolves, evaluateText } from './reference-arithmetic.ts';

const DIFFICULTIES: Difficulty[] = ['easy', 'medium', 'hard'];

/** Checks a problem's gold answer from its prompt alone, with the reference parser. */
function answerFromPrompt(p: Problem): boolean {
  const line = p.prompt.trim();
  switch (p.task) {
    case 'arith':
      return evaluateText(/^(?:Compute|Calcule) (.+)\.$/.exec(line)![1]!) === Number(p.answer);
    case 'countdown': {
      const m = /^(?:Make|Fais) (\d+) (?:from|avec) ([\d ]+)\.$/.exec(line)!;
      return countdownSolves(p.answer, m[2]!.split(' ').map(Number), Number(m[1]));
    }
    case 'linear': {
      const m = /^(?:Solve|Résous) (-?\d+)x([+-]\d+)=(-?\d+)\.$/.exec(line)!;
      return Number(m[1]) * Number(p.answer) + Number(m[2]) === Number(m[3]);
    }
    case 'word': {
      // Every operand appears in the prompt as digits or words; the answer is the template's arithmetic.
      const numbers = p.meta.numbers as number[];
      const present = numbers.every(
        (n) => line.includes(String(n)) || line.includes(numberToWords(n, p.lang)),
      );
      const [a, b, c] = numbers as [number, number, number];
      const shape = p.meta.shape as string;
      const expected = {
        add: a + b,
        sub: a - b,
        mul: a * b,
        'add-sub': a + b - c,
        'mul-add': a * b + c,
        'add-mul': a + b * c,
      }[shape];
      return present && expected === Number(p.answer);
    }
    default:
      return false;
  }
}

describe('generateProblems', () => {
  it('is deterministic by seed and differs across seeds', () => {
    for (const task of TASK_NAMES) {
      for (const difficulty of DIFFICULTIES) {
        const opts = { task, count: 40, difficulty, langs: ['en', 'fr'] as const };
        const a = generateProblems({ ...opts, seed: 7 });
        expect(generateProblems({ ...opts, seed: 7 })).toEqual(a);
        const b = generateProblems({ ...opts, seed: 8 });
        expect(b.map((p) => p.id)).not.toEqual(a.map((p) => p.id));
      }
    }
  });

  it('streams the same problems as the array form, lazily', () => {
    const it1 = streamProblems({ task: 'arith', seed: 3, count: 1_000_000 });
    const firstFive = Array.from({ length: 5 }, () => it1.next().value as Problem);
    expect(firstFive).toEqual(generateProblems({ task: 'arith', seed: 3, count: 5 }));
  });

  it('keeps splits disjoint, with or without translation, for any seeds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom(...TASK_NAMES),
        (s1, s2, task) => {
          const langs = ['en', 'fr'] as const;
          const train = generateProblems({ task, seed: s1, count: 200, split: 'train', langs });
          const test = generateProblems({ task, seed: s2, count: 50, split: 'test', langs });
          const validation = generateProblems({
            task,
            seed: s2,
            count: 50,
            split: 'validation',
            langs,
          });
          const canon = (ps: Problem[]) => new Set(ps.map((p) => p.meta.canonical as string));
          const [tr, te, va] = [canon(train), canon(test), canon(validation)];
          for (const c of te) expect(tr.has(c) || va.has(c)).toBe(false);
          for (const c of va) expect(tr.has(c)).toBe(false);
          for (const p of [...train, ...test, ...validation])
            expect(splitOf(task, p.meta.canonical as string)).toBe(p.meta.split);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('gives a fixed test set by seed, of distinct problems', () => {
    const a = generateProblems({
      task: 'arith',
      seed: 0,
      count: 300,
      split: 'test',
      langs: ['en', 'fr'],
    });
    expect(new Set(a.map((p) => p.id)).size).toBe(300);
    expect(
      generateProblems({ task: 'arith', seed: 0, count: 300, split: 'test', langs: ['en', 'fr'] }),
    ).toEqual(a);
  });

  it('fails clearly when a split has fewer distinct problems than asked', () => {
    expect(() =>
      generateProblems({ task: 'countdown', seed: 0, count: 100_000, split: 'test' }),
    ).toThrow(/distinct 'countdown'/);
    expect(() => generateProblems({ task: 'nope' as 'arith', count: 1 })).toThrow(
      /unknown task 'nope'/,
    );
  });

  it('produces gold answers the reference arithmetic confirms, for every task, difficulty and language', () => {
    for (const task of TASK_NAMES) {
      for (const difficulty of DIFFICULTIES) {
        for (const p of generateProblems({
          task,
          seed: 11,
          count: 150,
          difficulty,
          langs: ['en', 'fr'],
        })) {
          expect(answerFromPrompt(p), `${p.prompt} -> ${p.answer}`).toBe(true);
        }
      }
    }
  });

  it('respects the easy arithmetic reference point', () => {
    for (const p of generateProblems({ task: 'arith', seed: 5, count: 2000, unique: false })) {
      const expr = p.meta.expression as string;
      const ops = expr.match(/[-+*]/g) ?? [];
      expect(ops.length).toBeGreaterThanOrEqual(2);
      expect(ops.length).toBeLessThanOrEqual(3);
      expect(expr).toMatch(/^\d([+-]\d)+$/);
      // left to right, no negative intermediate
      let value = Number(expr[0]);
      for (let i = 1; i < expr.length; i += 2) {
        value += expr[i] === '+' ? Number(expr[i + 1]) : -Number(expr[i + 1]);
        expect(value).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('writes French prompts with no English template word', () => {
    const words = (text: string) =>
      text
        .replace(/\{\w+\}/g, ' ')
        .toLowerCase()
        .match(/[a-zà-ÿ]+/g) ?? [];
    const english = new Set([
      ...WORD_TEMPLATES.flatMap((t) => words(t.en)),
      ...Object.values(PROMPTS.en).flatMap(words),
      ...ITEMS.map((i) => i.en),
      ...Array.from({ length: 21 }, (_, n) => words(numberToWords(n, 'en'))).flat(),
    ]);
    const shared = new Set([
      ...WORD_TEMPLATES.flatMap((t) => words(t.fr)),
      ...Object.values(PROMPTS.fr).flatMap(words),
      ...NAMES.map((n) => n.toLowerCase()),
      ...Array.from({ length: 21 }, (_, n) => words(numberToWords(n, 'fr'))).flat(),
      'x',
    ]);
    const englishOnly = [...english].filter((w) => !shared.has(w));
    expect(englishOnly).toContain('how');
    for (const task of TASK_NAMES) {
      for (const difficulty of DIFFICULTIES) {
        for (const p of generateProblems({
          task,
          seed: 2,
          count: 200,
          difficulty,
          langs: ['fr'],
        })) {
          expect(p.lang).toBe('fr');
          const leaked = words(p.prompt).filter((w) => englishOnly.includes(w));
          expect(leaked, p.prompt).toEqual([]);
        }
      }
    }
  });
});

describe('numberToWords', () => {
  it('spells English and French cardinals', () => {
    const en: [number, string][] = [
      [0, 'zero'],
      [13, 'thirteen'],
      [42, 'forty-two'],
      [115, 'one hundred fifteen'],
      [3188, 'three thousand one hundred eighty-eight'],
    ];
    const fr: [number, string][] = [
      [0, 'zéro'],
      [17, 'dix-sept'],
      [21, 'vingt et un'],
      [71, 'soixante et onze'],
      [77, 'soixante-dix-sept'],
      [80, 'quatre-vingts'],
      [81, 'quatre-vingt-un'],
      [91, 'quatre-vingt-onze'],
      [100, 'cent'],
      [200, 'deux cents'],
      [201, 'deux cent un'],
      [1001, 'mille un'],
      [2000, 'deux mille'],
      [200000, 'deux cent mille'],
    ];
    for (const [n, w] of en) expect(numberToWords(n, 'en')).toBe(w);
    for (const [n, w] of fr) expect(numberToWords(n, 'fr')).toBe(w);
    expect(() => numberToWords(-1, 'en')).toThrow(RangeError);
    expect(() => numberToWords(1.5, 'fr')).toThrow(RangeError);
  });
});

describe('expandedForm', () => {
  it('writes each nonzero digit in its place, highest first, 10 to 19 whole', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [7, '7'],
      [10, '10'],
      [17, '17'],
      [20, '20'],
      [42, '40 2'],
      [100, '100'],
      [105, '100 5'],
      [2600, '2000 600'],
      [3405, '3000 400 5'],
      [3050, '3000 50'],
      [4494, '4000 400 90 4'],
      [9913, '9000 900 13'],
      [120000, '100000 20000'],
    ];
    for (const [n, form] of cases) expect(expandedForm(n), String(n)).toBe(form);
  });

  it('sums back to the number, for every number the general set draws', () => {
    for (let n = 0; n <= 9999; n++) {
      const terms = expandedForm(n).split(' ').map(Number);
      expect(terms.reduce((a, b) => a + b, 0)).toBe(n);
    }
  });

  it('refuses what it cannot write', () => {
    for (const n of [-1, 1.5, 1_000_000, Number.NaN])
      expect(() => expandedForm(n)).toThrow(RangeError);
  });
});

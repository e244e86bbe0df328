/**
 * `word`: GSM8K-like templated word problems (several templates per operation, en and fr)
 * that reduce to one or two integer operations. Small numbers are sometimes spelled out
 * ("three apples" / "trois pommes") so the model also reads number words.
 */

import type { Rng } from '@r1lab/random';
import { type Expr, evaluate, traceExpression } from '../expression.ts';
import { fillTemplate, ITEMS, NAMES, WORD_TEMPLATES, type WordShape } from '../lexicon.ts';
import { numberToWords } from '../number-words.ts';
import { arithmeticSlip, type TaskDefinition } from '../task-definition.ts';
import type { Difficulty, Lang } from '../types.ts';

type WordLevel = {
  shapes: readonly WordShape[];
  maxOperand: number;
  maxFactor: number;
  wordRate: number;
};

export const WORD_LEVELS: Record<Difficulty, WordLevel> = {
  easy: { shapes: ['add', 'sub', 'mul'], maxOperand: 12, maxFactor: 5, wordRate: 0.5 },
  medium: {
    shapes: ['add', 'sub', 'mul', 'add-sub', 'mul-add', 'add-mul'],
    maxOperand: 20,
    maxFactor: 9,
    wordRate: 0.4,
  },
  hard: { shapes: ['add-sub', 'mul-add', 'add-mul'], maxOperand: 99, maxFactor: 12, wordRate: 0.3 },
};

/** Operands per shape; every number is at least 2 so nouns are always plural. */
function sampleNumbers(
  rng: Rng,
  shape: WordShape,
  level: WordLevel,
): { a: number; b: number; c: number; expr: Expr } {
  const n = (hi: number) => rng.int(2, hi);
  const top = level.maxOperand;
  switch (shape) {
    case 'add': {
      const [a, b] = [n(top), n(top)];
      return { a, b, c: 0, expr: { op: '+', left: a, right: b } };
    }
    case 'sub': {
      const a = rng.int(3, top);
      const b = rng.int(2, a - 1);
      return { a, b, c: 0, expr: { op: '-', left: a, right: b } };
    }
    case 'mul': {
      const [a, b] = [n(level.maxFactor), n(top)];
      return { a, b, c: 0, expr: { op: '*', left: a, right: b } };
    }
    case 'add-sub': {
      const [a, b] = [n(top), n(top)];
      const c = rng.int(2, a + b);
      return { a, b, c, expr: { op: '-', left: { op: '+', left: a, right: b }, right: c } };
    }
    case 'mul-add': {
      const [a, b, c] = [n(level.maxFactor), n(top), n(top)];
      return { a, b, c, expr: { op: '+', left: { op: '*', left: a, right: b }, right: c } };
    }
    case 'add-mul': {
      const [a, b, c] = [n(top), n(level.maxFactor), n(top)];
      return { a, b, c, expr: { op: '+', left: a, right: { op: '*', left: b, right: c } } };
    }
  }
}

function spell(rng: Rng, value: number, lang: Lang, rate: number): string {
  return value <= 20 && rng.chance(rate) ? numberToWords(value, lang) : String(value);
}

export const wordTask: TaskDefinition = {
  name: 'word',
  description: 'templated word problems reducing to one or two operations; answer is the count',
  sample(rng, difficulty, lang) {
    const level = WORD_LEVELS[difficulty];
    const shape = rng.pick(level.shapes);
    const template = rng.pick(WORD_TEMPLATES.filter((t) => t.shape === shape));
    const { a, b, c, expr } = sampleNumbers(rng, shape, level);
    const item = rng.pick(ITEMS)[lang];
    const name = rng.pick(NAMES);
    const values = {
      n: name,
      i: item,
      a: spell(rng, a, lang, level.wordRate),
      b: spell(rng, b, lang, level.wordRate),
      c: spell(rng, c, lang, level.wordRate),
    };
    return {
      canonical: `${template.id}:${a},${b},${c}`,
      prompt: `${fillTemplate(template[lang], values)}\n`,
      answer: String(evaluate(expr)),
      meta: {
        template: template.id,
        shape,
        numbers: shape.includes('-') ? [a, b, c] : [a, b],
        expr,
        difficulty,
      },
    };
  },
  solve(problem, slips) {
    const slip = arithmeticSlip(slips);
    const { steps, value } = traceExpression(problem.meta.expr as Expr, slip.hook);
    return { steps, answer: String(value), slips: slip.count() };
  },
};

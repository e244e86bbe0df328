// verifyAnswer's options: percent as a fraction, float rounding, strict mode, set/interval vs
// relation, which answer wins (sources, pick), and the time budget.
import { describe, expect, it } from 'vitest';
import { verifyAnswer } from '../src/index.ts';
import { type VerifyCase, verifyTable } from './verify-table.ts';

const col = (...cells: string[]) => `\\begin{pmatrix} ${cells.join(' \\\\ ')} \\end{pmatrix}`;
const strict = { strict: true };
const relations = { allowSetRelation: true };

const OPTIONS: VerifyCase[] = [
  // percent
  ['0.5', '50\\%', true, { percentAsFraction: true }],
  ['50\\%', '0.5', true, { percentAsFraction: true }],
  ['50\\%', '50', true, { percentAsFraction: true }],
  ['0.5', '50\\%', false],
  ['0.5', '5\\%', false, { percentAsFraction: true }],
  // float rounding
  ['\\pi', '3.14', true, { floatRounding: 2 }],
  ['\\pi', '3.1416', true, { floatRounding: 4 }],
  ['\\sqrt{2}', '1.414214', true, { floatRounding: 6 }],
  [col('1/3', '2/3'), col('0.333', '0.667'), true, { floatRounding: 3 }],
  ['\\pi', '3.15', false, { floatRounding: 2 }],
  ['\\pi', '3.14', false, { floatRounding: 3 }],
  ['\\pi', '3.14', false],
  [col('1/3', '2/3'), col('0.333', '0.666'), false, { floatRounding: 3 }],
  ['100', '101', false, { floatRounding: 0 }],
  // strict mode: forms and variables must match, values still compare as values
  ['5', 'x = 5', true],
  ['5', 'x = 5', false, strict],
  ['x = 5', 'y = 5', true],
  ['x = 5', 'y = 5', false, strict],
  ['x = 5', 'x=5', true, strict],
  ['x = \\frac{1}{2}', 'x = 0.5', true, strict],
  ['(6,31,-1)', '6, 31, -1', true],
  ['(6,31,-1)', '6, 31, -1', false, strict],
  ['\\{1, 2\\}', '(1, 2)', true],
  ['\\{1, 2\\}', '(1, 2)', false, strict],
  ['y = 2x+3', '2x - y + 3 = 0', true, strict],
  // a relation may equal the set it describes only when allowed
  ['[-2, 7]', '-2 \\le x \\le 7', true, relations],
  ['x \\in [-2, 7]', '-2 \\le x \\le 7', true, relations],
  ['[3, \\infty)', 'x \\ge 3', true, relations],
  ['(5, \\infty)', 'x > 5', true, relations],
  ['(-\\infty, -1) \\cup (2, \\infty)', 'x < -1 \\text{ or } x > 2', true, relations],
  ['(-\\infty, 3) \\cup (3, \\infty)', 'x \\neq 3', true, relations],
  ['-2 \\le x \\le 7', '[-2, 7]', true, relations],
  ['[-2, 7]', '-2 \\le x \\le 7', false],
  ['x \\in [-2, 7]', '-2 \\le x \\le 7', false],
  ['(3, \\infty)', 'x \\ge 3', false, relations],
  ['(-\\infty, 5)', 'x > 5', false, relations],
  ['[-2, 7]', '-2 < x \\le 7', false, relations],
  // which answer wins
  ['6', 'So \\boxed{5}. Wait, no: the answer is 6.', true, { pick: 'last' }],
  ['5', 'So \\boxed{5}. Wait, no: the answer is 6.', true],
  ['6', 'So \\boxed{5}. Wait, no: the answer is 6.', false],
  ['5', 'The answer is 5.', false, { sources: ['tag', 'boxed'] }],
  ['5', 'The answer is 5. Later, $7$.', true, { sources: ['phrase', 'latex'] }],
  ['7', 'The answer is 5. Later, $7$.', true, { sources: ['phrase', 'latex'], pick: 'last' }],
];

describe('verifyAnswer: options', () => {
  verifyTable('options', OPTIONS);

  it('says why: no answer, strict mode, relations off, time budget', () => {
    expect(verifyAnswer('5', 'nothing to see', { sources: ['tag'] }).reason).toBe(
      'no answer in the prediction',
    );
    expect(verifyAnswer('', '5').reason).toBe('no gold answer');
    expect(verifyAnswer('5', 'x = 5', { strict: true }).reason).toMatch(/strict mode/);
    expect(verifyAnswer('[-2, 7]', '-2 \\le x \\le 7').reason).toMatch(/allowSetRelation/);
  });

  it('a check past its time budget answers no, and says so, instead of hanging', () => {
    const items = Array.from({ length: 60 }, (_, k) => `x^{${k + 2}} + ${k}x`);
    const gold = `\\{${items.join(', ')}\\}`;
    const shuffled = `\\{${[...items].reverse().join(', ')}\\}`;
    expect(verifyAnswer(gold, shuffled, { timeoutMs: 60_000 }).correct).toBe(true);
    const started = performance.now();
    const capped = verifyAnswer(gold, shuffled, { timeoutMs: 1 });
    // The reason proves the cap fired; the bound only guards against a hang on a busy machine.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(capped.correct).toBe(false);
    expect(capped.reason).toMatch(/time budget exceeded/);
  });

  it('returns both parsed answers', () => {
    const v = verifyAnswer('$\\frac{14}{3}$', 'so the answer is \\boxed{\\dfrac{14}{3}}.');
    expect(v.correct).toBe(true);
    expect(v.gold).toMatchObject({ text: '\\frac{14}{3}', source: 'latex' });
    expect(v.prediction).toMatchObject({ text: '\\dfrac{14}{3}', source: 'boxed' });
    expect(v.prediction?.normalized).toBe('\\frac{14}{3}');
  });
});

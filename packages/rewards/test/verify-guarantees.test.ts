// verifyAnswer keeps the package's guarantees: it never throws, it finds the answer in megabyte
// inputs, one check has a time cap, and its verdicts are deterministic (seeded sample points,
// never Math.random).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accuracyReward, answerAnywhereReward, verifyAnswer } from '../src/index.ts';

const MB = 1024 * 1024;

/** Inputs aimed at the new scanners: math delimiters, boxes, relations, phrases, prose. */
const HOSTILE: Record<string, string> = {
  dollars: '$'.repeat(MB),
  dollarPairs: '$1$ '.repeat(200_000),
  openParens: '\\('.repeat(300_000),
  openBrackets: `\\[${'\\\\['.repeat(200_000)}`,
  boxedChain: '\\boxed{1} and '.repeat(50_000),
  boxedNested: `${'\\boxed{'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  relationChain: `${'x < '.repeat(200_000)}1`,
  orChain: `<answer>${'x < 1 or '.repeat(100)}x > 2</answer>`,
  phraseFlood: 'the answer is '.repeat(70_000),
  proseFlood: 'word '.repeat(200_000),
  fractions: '\\frac{1}{2}'.repeat(80_000),
  equalsChain: `<answer>${'1 = '.repeat(300)}1</answer>`,
  deepSet: `<answer>\\{${'\\{'.repeat(400)}1${'\\}'.repeat(400)}\\}</answer>`,
  bigMatrix: `<answer>\\begin{pmatrix}${'1 & '.repeat(300)}1 \\\\ 2\\end{pmatrix}</answer>`,
  hugePowers: '<answer>x^{10^{10^{10}}} > 9^{9^{9^{9}}}</answer>',
};
const GOLDS = ['4', '\\frac{14}{3}', '(0, 9]', 'x > 5', '\\{1, 2\\}', 'y = 2x + 3', '\\sec^2 y'];

describe('verifyAnswer guarantees', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(Object.entries(HOSTILE))('never throws on %s', (_name, text) => {
    for (const gold of GOLDS) {
      for (const options of [{}, { strict: true, allowSetRelation: true, pick: 'last' as const }]) {
        const v = verifyAnswer(gold, text, options);
        expect(typeof v.correct).toBe('boolean');
        expect(typeof v.reason).toBe('string');
        expect(typeof verifyAnswer(text.slice(0, 5000), gold, options).correct).toBe('boolean');
      }
      expect(accuracyReward(text, { answer: gold })).toBeGreaterThanOrEqual(0);
      expect(answerAnywhereReward(text, { answer: gold })).toBeLessThanOrEqual(1);
    }
  });

  it('non-string input gives a verdict, not an exception', () => {
    const bad = [undefined, null, 42, {}, ['x']] as unknown as string[];
    for (const x of bad) {
      expect(verifyAnswer(x, '5').correct).toBe(false);
      expect(verifyAnswer('5', x).correct).toBe(false);
    }
  });

  // How its time grows with the text is measured in benchmarks/rewards.bench.ts (130 KB against
  // 1.3 MB), not here: a timed ratio in a test fails on a busy machine.
  it('finds the last answer of a 1.3 MB completion full of decoys', () => {
    const unit = 'We add $3$ and $4$, and \\(x \\le 2\\); so far \\boxed{5} and 6. ';
    for (const repeats of [2_000, 20_000]) {
      const text = `${unit.repeat(repeats)} The answer is $\\frac{14}{3}$.`;
      expect(verifyAnswer('\\frac{14}{3}', text, { pick: 'last' }).correct).toBe(true);
      expect(verifyAnswer('5', text, { pick: 'last' }).correct).toBe(false);
    }
  });

  it('is deterministic and never calls Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    const cases: [string, string][] = [
      ['\\sec^2 y', '\\tan^2 y + 1'],
      ['2x + 4y - 3 = 0', 'y = -\\frac{1}{2}x + \\frac{3}{4}'],
      ['x < 1', '-x > -1'],
      ['\\frac{1+\\sqrt5}{2}', '2'],
      ['(a+5)(b+2)', 'ab+2a+5b+10'],
    ];
    const first = cases.map(([g, p]) => verifyAnswer(g, p));
    for (let k = 0; k < 20; k++) expect(cases.map(([g, p]) => verifyAnswer(g, p))).toEqual(first);
    expect(first.map((v) => v.correct)).toEqual([true, true, true, false, true]);
    expect(random).not.toHaveBeenCalled();
  });
});

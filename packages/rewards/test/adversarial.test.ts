import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ExplainedRewardFn,
  extractAnswer,
  isEquivalent,
  REWARDS,
  type RewardSample,
  repetitionPenalty,
} from '../src/index.ts';

const MB = 1024 * 1024;
const nested = (depth: number) => `${'\\frac{'.repeat(depth)}1${'}{2}'.repeat(depth)}`;

/** Inputs built to break parsers: huge, unbalanced, deeply nested, regex-hostile, invalid UTF-16. */
const HOSTILE: Record<string, string> = {
  oneMegabyte: 'a'.repeat(MB),
  oneMegabyteDigits: '9'.repeat(MB),
  openBraces: `\\boxed{${'{'.repeat(10_000)}`,
  closeBraces: `\\boxed{1${'}'.repeat(10_000)}`,
  manyBoxed: '\\boxed{'.repeat(10_000),
  nestedFrac: `\\boxed{${nested(2_000)}}`,
  nestedParens: `<answer>${'('.repeat(10_000)}1${')'.repeat(10_000)}</answer>`,
  manyTags: '<answer>'.repeat(20_000) + '</answer>'.repeat(3),
  backtrack: `${'1,'.repeat(50_000)}x`,
  backtrackSpaces: `the answer is${' '.repeat(100_000)}!`,
  manyWords: 'ab '.repeat(300_000),
  nulBytes: `<think>\u0000\u0000</think><answer>\u00004\u0000</answer>`,
  loneSurrogates: `<think>\ud800 \udc00 \ud83d</think><answer>\udfff</answer>`,
  latexCommands: `<answer>${'\\sqrt'.repeat(10_000)}</answer>`,
  hugePower: '<answer>10^{10^{10^{10}}}</answer>',
  thinkFlood: `<think>${'égale puis 我 '.repeat(50_000)}</think>`,
  hanRun: `<think>${'这个'.repeat(200_000)}</think>`,
};

const SAMPLES: RewardSample[] = [
  { answer: '4' },
  { answer: '\\frac{1}{2}', lang: 'en' },
  { answer: '80', meta: { numbers: [25, 5, 4], target: 80 } },
  { answer: nested(500), prompt: 'Combien ?' },
];

describe('adversarial input never throws and never hangs', () => {
  it.each(Object.entries(HOSTILE))('%s', (_name, text) => {
    expect(() => extractAnswer(text)).not.toThrow();
    expect(() => extractAnswer(text, { mode: 'lenient' })).not.toThrow();
    expect(typeof isEquivalent(text, '4')).toBe('boolean');
    expect(typeof isEquivalent(text.slice(0, 900), nested(300))).toBe('boolean');
    for (const [name, entry] of Object.entries(REWARDS)) {
      for (const sample of SAMPLES) {
        const v = entry.fn(text, sample);
        expect(Number.isFinite(v), `${name} returned ${v}`).toBe(true);
        expect(v).toBeGreaterThanOrEqual(entry.range[0]);
        expect(v).toBeLessThanOrEqual(entry.range[1]);
      }
    }
  });

  it('deeply nested \\frac is compared without a stack overflow', () => {
    expect(isEquivalent(nested(30), nested(30))).toBe(true);
    expect(typeof isEquivalent(nested(400), '1')).toBe('boolean');
  });

  it('non-string input scores the floor instead of throwing', () => {
    for (const entry of Object.values(REWARDS)) {
      const fn = entry.fn as unknown as (c: unknown, s: unknown) => number;
      expect(Number.isFinite(fn(undefined, undefined))).toBe(true);
      expect(Number.isFinite(fn(42, { answer: 7 }))).toBe(true);
    }
    expect(isEquivalent(undefined as unknown as string, '1')).toBe(false);
  });
});

describe('property: every reward returns a finite number in its range for any string', () => {
  const rewards = [
    ...Object.entries(REWARDS).map(
      ([name, e]) => [name, e.fn as ExplainedRewardFn, e.range] as const,
    ),
    ['repetition-2', repetitionPenalty({ ngramSize: 2, maxPenalty: -0.5 }), [-0.5, 0]] as const,
  ];
  const completion = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc
      .array(
        fc.constantFrom(
          '<think>',
          '</think>',
          '<answer>',
          '</answer>',
          '\\boxed{',
          '}',
          '{',
          '\\frac',
          '1',
          '-',
          ' ',
          'égale',
          '我',
          'x',
          '=',
          '(',
          ')',
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join('')),
  );
  const sample = fc.record({
    answer: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('4', '\\frac{1}{2}', '(1,2]', 'x+1'),
    ),
    lang: fc.constantFrom('en', 'fr', 'zh', 'xx', ''),
    meta: fc.record({
      numbers: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 5 }),
      target: fc.integer({ min: 0, max: 100 }),
    }),
  });
  it.each(rewards.map(([name, fn, range]) => [name, fn, range] as const))(
    '%s',
    (_name, fn, range) => {
      fc.assert(
        fc.property(completion, sample, (c, s) => {
          const v = fn(c, s);
          return Number.isFinite(v) && v >= range[0] && v <= range[1];
        }),
        { numRuns: 300 },
      );
    },
  );
  it('isEquivalent is reflexive on well-formed numbers and never throws on any pair', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) =>
        isEquivalent(String(x), String(x)),
      ),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        (a, b) => {
          return typeof isEquivalent(a, b) === 'boolean';
        },
      ),
      { numRuns: 500 },
    );
  });
});

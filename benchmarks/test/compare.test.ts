// bench:compare's verdicts on synthetic pairs: inside the spread → no change; outside → the
// right direction and ratio, for times, rates and scores, from stored figures and from samples.
import { describe, expect, it } from 'vitest';
import { compareFigure, compareResults, formatComparison } from '../src/compare.ts';
import { figureOfSamples } from '../src/figures.ts';
import type { Figure } from '../src/result-schema.ts';
import { sideBySide } from '../src/side-by-side.ts';

const ms = (value: number, low: number, high: number, variant?: string): Figure => ({
  name: 'train 16x128',
  ...(variant ? { variant } : {}),
  unit: 'ms',
  better: 'lower',
  value,
  low,
  high,
  spread: 'min-max',
  n: 5,
});

/** Deterministic samples around `centre` (±10 %, xorshift), so the test never flakes. */
function samples(centre: number, count: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: count }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return centre * (0.9 + 0.2 * ((s >>> 0) / 2 ** 32));
  });
}

describe('compareFigure', () => {
  it('calls overlapping spreads no change, whatever the ratio of the centres', () => {
    const c = compareFigure(ms(10, 9, 11), ms(10.8, 10.5, 12));
    expect(c.verdict).toBe('no change');
    expect(c.ratio).toBeCloseTo(1.08);
  });

  it('gives faster and slower with the factor for times', () => {
    const faster = compareFigure(ms(10, 9, 11), ms(5, 4.5, 5.5));
    expect(faster).toMatchObject({ verdict: 'faster', ratio: 0.5, text: 'faster ×2.00' });
    const slower = compareFigure(ms(10, 9, 11), ms(25, 24, 26));
    expect(slower).toMatchObject({ verdict: 'slower', ratio: 2.5, text: 'slower ×2.50' });
  });

  it('reads a higher rate as faster', () => {
    const rate = (v: number): Figure => ({
      ...ms(v, 0.9 * v, 1.1 * v),
      unit: 'tokens/s',
      better: 'higher',
    });
    expect(compareFigure(rate(100), rate(300))).toMatchObject({ verdict: 'faster', ratio: 3 });
    expect(compareFigure(rate(300), rate(100)).text).toBe('slower ×3.00');
  });

  it('gives better and worse with points for a score', () => {
    const score = (v: number, half: number): Figure => ({
      name: 'r1-zero seed 0 rl pass@1',
      unit: 'fraction',
      better: 'higher',
      value: v,
      low: v - half,
      high: v + half,
      spread: 'binomial-95',
      n: 500,
    });
    expect(compareFigure(score(0.5, 0.04), score(0.9, 0.03)).text).toBe('better ×1.80 (+40.0 pts)');
    expect(compareFigure(score(0.9, 0.03), score(0.5, 0.04)).verdict).toBe('worse');
    expect(compareFigure(score(0.92, 0.024), score(0.94, 0.02)).verdict).toBe('no change');
  });

  it('does not judge a figure recorded without a spread', () => {
    const none: Figure = { ...ms(10, 10, 10), spread: 'none', n: 1 };
    const c = compareFigure(none, ms(20, 19, 21));
    expect(c.verdict).toBe('unknown spread');
    expect(c.text).toBe('unknown spread (B/A 2.00)');
  });

  it('from samples: the same distribution is no change, a 1.5× shift is slower ×1.5', () => {
    const meta = { name: 'step', unit: 'ms', better: 'lower' } as const;
    const a = figureOfSamples(meta, samples(10, 400, 1));
    expect(a.spread).toBe('median-ci95');
    expect(compareFigure(a, figureOfSamples(meta, samples(10, 400, 7))).verdict).toBe('no change');
    const shifted = compareFigure(a, figureOfSamples(meta, samples(15, 400, 7)));
    expect(shifted.verdict).toBe('slower');
    expect(shifted.ratio).toBeGreaterThan(1.45);
    expect(shifted.ratio).toBeLessThan(1.55);
  });
});

describe('figureOfSamples', () => {
  it('takes min–max below 10 samples and the median interval from 10 on', () => {
    const few = figureOfSamples({ name: 'x', unit: 'ms', better: 'lower' }, [3, 1, 2]);
    expect(few).toMatchObject({ value: 2, low: 1, high: 3, spread: 'min-max', n: 3 });
    const many = figureOfSamples(
      { name: 'x', unit: 'ms', better: 'lower' },
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    // Ranks 40 and 61 of 1..100: the distribution-free 95 % interval of the median.
    expect(many).toMatchObject({ value: 50.5, low: 40, high: 61, spread: 'median-ci95' });
  });
});

describe('compareResults', () => {
  it('pairs figures by name and variant and lists the unmatched ones', () => {
    const a = { figures: [ms(10, 9, 11, 'node-wasm'), ms(30, 29, 31, 'node-cpu')] };
    const b = { figures: [ms(5, 4, 6, 'node-wasm'), ms(10, 9, 11, 'bun-wasm')] };
    const c = compareResults(a, b);
    expect(c.changes.map((x) => [x.key, x.verdict])).toEqual([
      ['train 16x128 [node-wasm]', 'faster'],
    ]);
    expect(c.onlyA).toEqual(['train 16x128 [node-cpu]']);
    expect(c.onlyB).toEqual(['train 16x128 [bun-wasm]']);
    const text = formatComparison(c).join('\n');
    expect(text).toContain(
      'train 16x128 [node-wasm]  10.0 [9.00–11.0] ms  5.00 [4.00–6.00] ms  faster ×2.00',
    );
  });
});

describe('sideBySide', () => {
  it('divides each variant by the baseline measured in the same sitting', () => {
    const rows = sideBySide(
      [ms(10, 9, 11, 'node-wasm'), ms(250, 240, 260, 'node-cpu'), ms(10.5, 9.5, 11, 'bun-wasm')],
      'node-wasm',
    );
    expect(rows).toEqual([
      {
        name: 'train 16x128',
        unit: 'ms',
        baseline: 'node-wasm',
        other: 'node-cpu',
        ratio: 25,
        verdict: 'slower ×25.0',
      },
      {
        name: 'train 16x128',
        unit: 'ms',
        baseline: 'node-wasm',
        other: 'bun-wasm',
        ratio: 1.05,
        verdict: 'no change',
      },
    ]);
  });
});

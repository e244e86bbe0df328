// Noise-aware comparison of two figures: a difference inside the runs' spreads is "no change";
// outside, the direction (faster/slower for times and rates, better/worse for scores) and ratio.
import { type BenchResult, type Figure, figureKey } from './result-schema.ts';

export type Verdict = 'no change' | 'faster' | 'slower' | 'better' | 'worse' | 'unknown spread';

export interface FigureChange {
  key: string;
  unit: string;
  a: Figure;
  b: Figure;
  /** b.value / a.value; null when a.value is 0. */
  ratio: number | null;
  verdict: Verdict;
  /** The verdict with its factor, e.g. `faster ×1.42`, `no change`. */
  text: string;
}

const SPEED_UNIT = /^(ms|s|µs|ns)$|\/s$/;

/**
 * Compares figure `b` (newer) with `a` (older). Their spreads overlapping means the runs cannot
 * tell them apart: "no change". A figure recorded without a spread (one measurement, or a file
 * from before the schema) cannot be judged: "unknown spread", with the ratio still printed.
 *
 * @example
 * const a = { name: 't', unit: 'ms', better: 'lower', value: 10, low: 9, high: 11, spread: 'min-max', n: 5 } as const;
 * compareFigure(a, { ...a, value: 5, low: 4.5, high: 5.5 }).text; // 'faster ×2.00'
 */
export function compareFigure(a: Figure, b: Figure): FigureChange {
  const key = figureKey(b);
  const ratio = a.value === 0 ? null : b.value / a.value;
  const base = { key, unit: b.unit, a, b, ratio };
  const factor = (r: number | null) => (r === null ? '' : ` ×${fmt(r >= 1 ? r : 1 / r)}`);
  if (a.spread === 'none' || b.spread === 'none') {
    const same = a.value === b.value;
    return {
      ...base,
      verdict: same ? 'no change' : 'unknown spread',
      text: same ? 'no change' : `unknown spread${ratio === null ? '' : ` (B/A ${fmt(ratio)})`}`,
    };
  }
  if (a.low <= b.high && b.low <= a.high)
    return { ...base, verdict: 'no change', text: 'no change' };
  const improved = b.better === 'lower' ? b.value < a.value : b.value > a.value;
  const speed = SPEED_UNIT.test(b.unit);
  const verdict: Verdict = speed ? (improved ? 'faster' : 'slower') : improved ? 'better' : 'worse';
  const diff = b.unit === 'fraction' ? ` (${signed(100 * (b.value - a.value))} pts)` : '';
  return { ...base, verdict, text: `${verdict}${factor(ratio)}${diff}` };
}

export interface Comparison {
  changes: FigureChange[];
  /** Figure keys only the older (A) or only the newer (B) result has. */
  onlyA: string[];
  onlyB: string[];
}

/**
 * Matches the figures of two results by name and variant and compares each pair.
 *
 * @example
 * const { changes } = compareResults(older, newer);
 * changes.filter((c) => c.verdict === 'slower');
 */
export function compareResults(
  a: Pick<BenchResult, 'figures'>,
  b: Pick<BenchResult, 'figures'>,
): Comparison {
  const byKey = new Map(a.figures.map((f) => [figureKey(f), f]));
  const bKeys = new Set(b.figures.map(figureKey));
  const changes: FigureChange[] = [];
  const onlyB: string[] = [];
  for (const fb of b.figures) {
    const fa = byKey.get(figureKey(fb));
    if (fa && fa.unit === fb.unit) changes.push(compareFigure(fa, fb));
    else onlyB.push(figureKey(fb));
  }
  const onlyA = [...byKey.keys()].filter((k) => !bKeys.has(k));
  return { changes, onlyA, onlyB };
}

/**
 * The comparison as aligned text lines: figure, A, B, verdict.
 *
 * @example
 * console.log(formatComparison(compareResults(older, newer)).join('\n'));
 */
export function formatComparison(c: Comparison): string[] {
  const rows = c.changes.map((ch) => [ch.key, figureText(ch.a), figureText(ch.b), ch.text]);
  const head = ['figure', 'A', 'B', 'verdict'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = rows.length > 0 ? [line(head), ...rows.map(line)] : ['no figure in common'];
  if (c.onlyA.length > 0) out.push(`only in A: ${c.onlyA.join('; ')}`);
  if (c.onlyB.length > 0) out.push(`only in B: ${c.onlyB.join('; ')}`);
  return out;
}

/** A figure as `value [low–high] unit`. */
export function figureText(f: Figure): string {
  const v = (x: number) => (f.unit === 'fraction' ? `${(100 * x).toFixed(1)}%` : fmt(x));
  const unit = f.unit === 'fraction' ? '' : ` ${f.unit}`;
  return f.spread === 'none'
    ? `${v(f.value)}${unit}`
    : `${v(f.value)} [${v(f.low)}–${v(f.high)}]${unit}`;
}

function fmt(x: number): string {
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEquivalent, normalizeAnswer, parseNumber } from '../src/index.ts';

/** (pred, gold, expected) across every answer form the issue lists. */
const TABLE: ReadonlyArray<readonly [string, string, boolean]> = [
  // integers and decimals
  ['42', '42', true],
  ['+42', '42', true],
  ['042', '42', true],
  ['42.0', '42', true],
  ['42.000', '42', true],
  ['1,234', '1234', true],
  ['1,234,567.5', '1234567.5', true],
  ['1234', '1,234', true],
  ['1.5e3', '1500', true],
  ['1.5E-2', '0.015', true],
  ['1.5 \\times 10^{3}', '1500', true],
  ['2.5\\cdot10^2', '250', true],
  ['.5', '0.5', true],
  ['43', '42', false],
  ['42.1', '42', false],
  ['-42', '42', false],
  ['4.2', '42', false],
  ['1,235', '1234', false],
  ['0.0000672', '.0000672', true],
  ['3.21', '3.210', true],
  ['3.22', '3.21', false],
  ['1e6', '1000000', true],
  // fractions and mixed numbers
  ['\\frac{1}{2}', '0.5', true],
  ['1/2', '\\frac{1}{2}', true],
  ['\\dfrac{1}{2}', '\\frac12', true],
  ['\\tfrac{3}{4}', '0.75', true],
  ['\\frac 34', '3/4', true],
  ['\\frac9{19}', '9/19', true],
  ['0.51', '\\frac{1}{2}', false],
  ['\\frac{2}{4}', '\\frac{1}{2}', true],
  ['\\frac{1}{3}', '0.333', false],
  ['\\frac{1}{3}', '0.3333333333', true],
  ['2\\frac{1}{2}', '2.5', true],
  ['2 1/2', '5/2', true],
  ['1\\frac{4}{5}', '9/5', true],
  ['137 \\frac{1}{2}', '137.5', true],
  ['-\\frac{3}{8}', '-0.375', true],
  ['\\frac{-3}{8}', '-\\frac{3}{8}', true],
  ['\\frac{3}{8}', '-\\frac{3}{8}', false],
  ['\\frac{63}{400}', '\\frac{64}{400}', false],
  // percentages
  ['50%', '50', true],
  ['50\\%', '50', true],
  ['50', '50\\%', true],
  ['50 percent', '50', true],
  ['51%', '50', false],
  // negative numbers
  ['-5', '-5', true],
  ['- 5', '-5', true],
  ['−5', '-5', true],
  ['5', '-5', false],
  ['-0', '0', true],
  // LaTeX wrappers
  ['$42$', '42', true],
  ['\\(42\\)', '42', true],
  ['\\[42\\]', '42', true],
  ['\\boxed{42}', '42', true],
  ['\\text{42}', '42', true],
  ['\\mathrm{42}', '42', true],
  ['\\left(3\\right)', '3', true],
  ['10,\\!080', '10080', true],
  ['11,\\! 111,\\! 111,\\! 100', '11111111100', true],
  ['1\\,000', '1000', true],
  ['\\displaystyle \\frac{1}{2}', '0.5', true],
  // units and currency
  ['18 dollars', '18', true],
  ['\\$18', '18', true],
  ['$18.90', '18.9', true],
  ['18 cm', '18', true],
  ['864 \\mbox{ inches}^2', '864', true],
  ['864', '864 \\mbox{ inches}^2', true],
  ['5.4 \\text{ cents}', '5.4', true],
  ['270/7', '\\frac{270}7\\text{ degrees}', true],
  ['19 dollars', '18', false],
  ['5 pi', '5', false],
  ['5x', '5', false],
  ['15\\mbox{ cm}^2', '15', true],
  ['€20', '20', true],
  // degrees
  ['90^\\circ', '90', true],
  ['90', '90^\\circ', true],
  ['90^{\\circ}', '90', true],
  ['90°', '90', true],
  ['91^\\circ', '90', false],
  // roots, pi, powers
  ['3\\sqrt{13}', '\\sqrt{117}', true],
  ['\\sqrt{2}/2', '\\frac{\\sqrt{2}}{2}', true],
  ['\\frac{1}{\\sqrt{2}}', '\\frac{\\sqrt2}{2}', true],
  ['11\\sqrt2', '11\\sqrt{2}', true],
  ['\\sqrt[3]{8}', '2', true],
  ['\\sqrt{3}', '1.7320508075688772', true],
  ['\\sqrt{3}', '1.73', false],
  ['2\\pi', '6.283185307179586', true],
  ['\\pi', '3.14', false],
  ['288\\pi', '288 \\pi', true],
  ['2^{10}', '1024', true],
  ['2^10', '1024', true],
  ['10^{-2}', '0.01', true],
  ['3^3', '28', false],
  ['\\pi^2/8', '\\frac{\\pi^2}{8}', true],
  ['-\\sqrt{3}', '\\sqrt{3}', false],
  ['\\frac{3\\sqrt{3}}{4}', '\\frac{3}{4}\\sqrt{3}', true],
  // symbolic expressions
  ['x^2+2x+1', '(x+1)^2', true],
  ['(a+5)(b+2)', 'ab+2a+5b+10', true],
  ['2k+2', '2(k+1)', true],
  ['2k+3', '2(k+1)', false],
  ['p - q', 'p-q', true],
  ['q - p', 'p - q', false],
  ['6r^2-4r-24', '2(3r^2-2r-12)', true],
  ['3R^2', '3 R^2', true],
  ['\\frac{\\cos x}{\\sin x}', '\\cot x', true],
  ['\\sin^2', '\\cot x', false],
  ['x^3+3x-6', 'x^3+3x-6', true],
  ['\\frac{11+9a}{20}', '\\frac{11}{20} + \\frac{9a}{20}', true],
  ['\\frac{11+9a}{20}', '\\frac{11+9a}{21}', false],
  ['e^{i\\pi}', '-1', true],
  ['\\ln(e^2)', '2', true],
  ['\\log(100)', '2', true],
  // complex numbers
  ['6 - 5i', '6-5i', true],
  ['6+5i', '6-5i', false],
  ['-2 + 7i', '7i-2', true],
  ['1+274i', '1+274i', true],
  // equations
  ['x = 5', '5', true],
  ['5', 'x=5', true],
  ['x=5', 'x = 5', true],
  ['y=6', 'x=5', false],
  ['y = 2x + 3', '2x+3', true],
  ['y=-2x', 'y = -2x', true],
  ['y=2x', 'y = -2x', false],
  ['x+y=2', '2x+2y=4', true],
  ['x-y=2', '2x+2y=4', false],
  ['5x - 7y + 11z = -4', '5x - 7y + 11z + 4 = 0', true],
  ['5x - 7y + 11z = 4', '5x - 7y + 11z + 4 = 0', false],
  // tuples and intervals
  ['(1,2)', '(1, 2)', true],
  ['(2,1)', '(1,2)', false],
  ['\\left( 3, \\frac{\\pi}{2} \\right)', '(3, \\pi/2)', true],
  ['(6,31,-1)', '(6, 31, -1)', true],
  ['6, 31, -1', '(6,31,-1)', true],
  ['(6,31,1)', '(6,31,-1)', false],
  ['(3,4]', '(3,4]', true],
  ['(3,4)', '(3,4]', false],
  ['[3,4]', '(3,4]', false],
  ['(3, 4.0]', '(3,4]', true],
  ['(-\\infty, 0]', '(-\\infty,0]', true],
  ['(-\\infty, 0)', '(-\\infty,0]', false],
  ['(-\\infty, 1]', '(-\\infty,0]', false],
  ['(2,\\infty)', '(2, \\infty)', true],
  ['[2,\\infty)', '(2, \\infty)', false],
  ['x \\in [-2,7]', '[-2,7]', true],
  ['(9,36) \\cup (0,9)', '(0,9) \\cup (9,36)', true],
  ['(0,9] \\cup (9,36)', '(0,9) \\cup (9,36)', false],
  ['\\left(\\frac{3}{5},\\frac{8}{3}\\right]', '(0.6, 8/3]', true],
  // sets (order does not matter)
  ['\\{1,2\\}', '\\{2,1\\}', true],
  ['2, 1', '1,2', true],
  ['1,-2', '-2, 1', true],
  ['1,2', '1,2,3', false],
  ['1,2,2', '1,2', false],
  ['3, 5, 7', '7,5,3', true],
  ['1+\\sqrt{19}, 1-\\sqrt{19}', '1 \\pm \\sqrt{19}', true],
  ['1+\\sqrt{19}', '1 \\pm \\sqrt{19}', false],
  ['\\{-2, 1+\\sqrt5, 1-\\sqrt5\\}', '\\{1\\pm\\sqrt{5},-2\\}', true],
  // matrices
  [
    '\\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix}',
    '\\begin{pmatrix} -\\frac13 \\\\ \\frac23 \\\\ \\frac53 \\end{pmatrix}',
    true,
  ],
  [
    '\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}',
    '\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}',
    true,
  ],
  [
    '\\begin{pmatrix} 1 & 0 \\\\ 0 & -1 \\end{pmatrix}',
    '\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}',
    false,
  ],
  // multiple choice
  ['C', '\\text{(C)}', true],
  ['(C)', 'C', true],
  ['(C) 12', '\\text{(C)}', true],
  ['c', '(C)', true],
  ['B', '\\text{(C)}', false],
  ['\\textbf{(E)}', '\\text{(E)}', true],
  // plain text
  ['Evelyn', '\\text{Evelyn}', true],
  ['evelyn', 'Evelyn', true],
  ['East', '\\text{east}', true],
  ['west', '\\text{east}', false],
  ['ellipse', '\\text{ellipse}', true],
  ['even', '\\text{even}', true],
  ['odd', '\\text{even}', false],
  ['52_8', '52_8', true],
  ['52_{8}', '52_8', true],
  ['53_8', '52_8', false],
  ['Navin.', '\\text{Navin}', true],
  // empty / junk never equal
  ['', '5', false],
  ['5', '', false],
  ['\\boxed{}', '5', false],
  ['{', '5', false],
];

describe('isEquivalent: hand-written table', () => {
  it('has at least 175 hand-written cases (the datasets below add thousands)', () =>
    expect(TABLE.length).toBeGreaterThanOrEqual(175));
  it.each(TABLE)('isEquivalent(%j, %j) is %s', (pred, gold, expected) => {
    expect(isEquivalent(pred, gold)).toBe(expected);
  });
  it('percent as fraction is opt-in', () => {
    expect(isEquivalent('50%', '0.5')).toBe(false);
    expect(isEquivalent('50%', '0.5', { percentAsFraction: true })).toBe(true);
    expect(isEquivalent('0.5', '50\\%', { percentAsFraction: true })).toBe(true);
  });
  it('tolerance is configurable', () => {
    expect(isEquivalent('3.1416', '\\pi')).toBe(false);
    expect(isEquivalent('3.1416', '\\pi', { relTol: 1e-4 })).toBe(true);
  });
});

const dataUrl = (name: string) => new URL(`../../../data/${name}`, import.meta.url);
const readJsonl = (name: string) =>
  readFileSync(dataUrl(name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Re-renderings of a numeric gold that must match, and near misses that must not. */
function numericVariants(value: number): { same: string[]; different: string[] } {
  const same = [String(value), `\\boxed{${value}}`, `$${value}$`];
  if (Number.isInteger(value) && Math.abs(value) >= 1000) same.push(value.toLocaleString('en-US'));
  if (Number.isInteger(value)) same.push(`${value}.00`);
  const different = [String(value + 1), String(value * 1.02 + 0.01)];
  if (value !== 0) different.push(String(-value));
  return { same, different };
}

describe('isEquivalent: GSM8K gold answers', () => {
  const golds = readJsonl('gsm8k-test.jsonl').map((r) =>
    String(r.answer).split('####').pop()!.trim(),
  );
  it('every gold is a number and matches its re-renderings, never its near misses', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const gold of golds) {
      const value = Number(gold.replace(/,/g, ''));
      if (!Number.isFinite(value)) failures.push(`unparseable gold ${gold}`);
      const { same, different } = numericVariants(value);
      for (const p of same)
        if (++checked && !isEquivalent(p, gold)) failures.push(`${p} ≢ ${gold}`);
      for (const p of different)
        if (++checked && isEquivalent(p, gold)) failures.push(`${p} ≡ ${gold}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(5000);
  });
});

describe('isEquivalent: MATH-500 gold answers', () => {
  const golds = readJsonl('math500-test.jsonl').map((r) => String(r.answer));
  it('every gold equals itself, wrapped in $…$, \\boxed{}, and with \\dfrac', () => {
    const failures = golds.flatMap((g) =>
      [g, `$${g}$`, `\\boxed{${g}}`, g.replace(/\\frac/g, '\\dfrac'), ` ${g} `]
        .filter((p) => !isEquivalent(p, g))
        .map((p) => `${p} ≢ ${g}`),
    );
    expect(failures).toEqual([]);
    expect(golds.length).toBeGreaterThanOrEqual(500);
  });
  it('numeric golds match decimal and a/b renderings and reject near misses', () => {
    const failures: string[] = [];
    let numeric = 0;
    for (const gold of golds) {
      const parsed = parseNumber(normalizeAnswer(gold));
      if (parsed === null || parsed.percent) continue;
      numeric++;
      const { same, different } = numericVariants(parsed.value);
      const frac = /^(-?)\\frac\{(\d+)\}\{(\d+)\}$/.exec(gold);
      if (frac)
        same.push(
          `${frac[1]}${frac[2]}/${frac[3]}`,
          `${frac[1]}\\frac{${Number(frac[2]) * 2}}{${Number(frac[3]) * 2}}`,
        );
      for (const p of same) if (!isEquivalent(p, gold)) failures.push(`${p} ≢ ${gold}`);
      for (const p of different) if (isEquivalent(p, gold)) failures.push(`${p} ≡ ${gold}`);
    }
    expect(failures).toEqual([]);
    expect(numeric).toBeGreaterThan(300);
  });
  it('interval golds reject a flipped end bracket; tuple golds reject a changed coordinate', () => {
    const failures: string[] = [];
    let intervals = 0;
    for (const gold of golds) {
      const g = normalizeAnswer(gold);
      if (/^[([].*,.*[)\]]$/.test(g) && !g.includes('\\cup')) {
        intervals++;
        const flipped = (g[0] === '(' ? '[' : '(') + g.slice(1);
        if (!g.startsWith('(-\\infty') && isEquivalent(flipped, gold))
          failures.push(`${flipped} ≡ ${gold}`);
        const shifted = `${g.slice(0, -1)}+1${g.slice(-1)}`;
        if (!g.includes('\\infty') && isEquivalent(shifted, gold))
          failures.push(`${shifted} ≡ ${gold}`);
      }
    }
    expect(failures).toEqual([]);
    expect(intervals).toBeGreaterThanOrEqual(15);
  });
  it('symbolic golds reject a changed sign of their first term', () => {
    const failures: string[] = [];
    let symbolic = 0;
    for (const gold of golds) {
      const g = normalizeAnswer(gold);
      if (!/[a-z]/.test(g.replace(/\\[a-z]+/g, '')) || g.includes(',') || g.includes('=')) continue;
      symbolic++;
      const negated = `-(${g})`;
      if (isEquivalent(negated, gold)) failures.push(`${negated} ≡ ${gold}`);
    }
    expect(failures).toEqual([]);
    expect(symbolic).toBeGreaterThanOrEqual(30);
  });
});

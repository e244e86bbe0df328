// verifyAnswer on the repository's benchmark answers: every MATH-500 gold against its reference
// solution and completion-shaped renderings (and near misses), every AIME 2024 answer, and
// GSM8K golds given as whole worked solutions (`#### N`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accuracyReward, normalizeAnswer, parseNumber, verifyAnswer } from '../src/index.ts';

const readJsonl = (name: string) =>
  readFileSync(new URL(`../../../data/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const math500 = readJsonl('math500-test.jsonl').map((r) => ({
  gold: String(r.answer),
  solution: String(r.solution),
}));
const aime = readJsonl('aime2024.jsonl').map((r) => ({
  gold: String(r.answer),
  solution: String(r.solution),
}));
const gsm8k = readJsonl('gsm8k-test.jsonl').map((r) => String(r.answer));

/** Ways a model writes a final answer `a` at the end of a completion. */
const RENDERINGS = [
  (a: string) => `Final Answer: The final answer is $${a}$. I hope it is correct.`,
  (a: string) => `<think>We simplify.</think>\n<answer>${a.replace(/\\frac/g, '\\dfrac')}</answer>`,
  (a: string) => `Therefore the answer is\n\\[${a}\\]`,
  (a: string) => `So we get $\\boxed{${a}}$.`,
  (a: string) => `Putting it together, \\(${a}\\)`,
];

function failures(pairs: Array<[gold: string, prediction: string]>, want: boolean): string[] {
  return pairs
    .map(([g, p]) => [g, p, verifyAnswer(g, p)] as const)
    .filter(([, , v]) => v.correct !== want)
    .map(([g, p, v]) => `${g} | ${p.slice(-60)} | ${v.reason}`);
}

describe('verifyAnswer on MATH-500', () => {
  it('every gold matches its reference solution (strict accuracy reward and verifyAnswer)', () => {
    expect(math500.length).toBe(500);
    expect(
      failures(
        math500.map((r) => [r.gold, r.solution]),
        true,
      ),
    ).toEqual([]);
    const strict = math500.filter((r) => accuracyReward(r.solution, { answer: r.gold }) !== 1);
    expect(strict.map((r) => r.gold)).toEqual([]);
  });

  it('every gold, also written as $gold$, matches its completion-shaped renderings', () => {
    const pairs = math500.flatMap((r) =>
      RENDERINGS.flatMap((render) => [
        [r.gold, render(r.gold)] as [string, string],
        [`$${r.gold}$`, render(r.gold)] as [string, string],
      ]),
    );
    expect(pairs.length).toBe(5000);
    expect(failures(pairs, true)).toEqual([]);
  });

  it('numeric golds reject a neighbour, a near miss and another gold of a different value', () => {
    const numeric = math500
      .map((r) => ({ gold: r.gold, n: parseNumber(normalizeAnswer(r.gold)) }))
      .filter((r) => r.n !== null && !r.n.percent);
    const pairs: Array<[string, string]> = [];
    numeric.forEach((r, k) => {
      const v = r.n!.value;
      const other = numeric[(k + 1) % numeric.length]!;
      pairs.push([r.gold, RENDERINGS[k % 5]!(String(v + 1))]);
      pairs.push([r.gold, RENDERINGS[(k + 1) % 5]!(String(v * 1.02 + 0.01))]);
      if (other.n!.value !== v) pairs.push([r.gold, RENDERINGS[(k + 2) % 5]!(other.gold)]);
    });
    expect(numeric.length).toBeGreaterThan(300);
    expect(failures(pairs, false)).toEqual([]);
  });

  it('interval golds reject a flipped bracket; tuple golds reject swapped coordinates', () => {
    const pairs: Array<[string, string]> = [];
    for (const { gold } of math500) {
      const g = normalizeAnswer(gold);
      if (!/^[([].*,.*[)\]]$/.test(g) || g.includes('\\cup')) continue;
      if (!g.startsWith('(-\\infty'))
        pairs.push([gold, `\\boxed{${g[0] === '(' ? '[' : '('}${g.slice(1)}}`]);
      const items = g.slice(1, -1).split(',');
      if (
        g[0] === '(' &&
        g.endsWith(')') &&
        items.length >= 2 &&
        items[0]!.trim() !== items[1]!.trim()
      )
        pairs.push([
          gold,
          `$${g[0]}${[items[1], items[0], ...items.slice(2)].join(',')}${g.slice(-1)}$`,
        ]);
    }
    expect(pairs.length).toBeGreaterThan(20);
    expect(failures(pairs, false)).toEqual([]);
  });
});

describe('verifyAnswer on AIME 2024', () => {
  it('answers with leading zeros match the integer in any rendering, and the reference solution', () => {
    expect(aime.length).toBe(30);
    const pairs = aime.flatMap((r) => [
      ...RENDERINGS.map((render) => [r.gold, render(String(Number(r.gold)))] as [string, string]),
      [r.gold, r.solution] as [string, string],
    ]);
    expect(failures(pairs, true)).toEqual([]);
  });
  it('reject the neighbours and the reversed digits', () => {
    const pairs = aime.flatMap((r) => {
      const n = Number(r.gold);
      const reversed = Number(String(n).split('').reverse().join(''));
      const out: Array<[string, string]> = [
        [r.gold, `\\boxed{${n + 1}}`],
        [r.gold, `The final answer is $${n - 1}$.`],
      ];
      if (reversed !== n) out.push([r.gold, `<answer>${reversed}</answer>`]);
      return out;
    });
    expect(failures(pairs, false)).toEqual([]);
  });
});

describe('verifyAnswer on GSM8K worked solutions', () => {
  it('a gold given as a whole solution ("#### N") is its final number, either way round', () => {
    const pairs: Array<[string, string]> = [];
    const misses: Array<[string, string]> = [];
    for (const solution of gsm8k) {
      const n = solution.split('####').pop()!.trim();
      pairs.push([solution, `\\boxed{${n}}`], [n, solution]);
      misses.push([solution, `\\boxed{${Number(n.replace(/,/g, '')) + 1}}`]);
    }
    expect(pairs.length).toBe(2 * 1319);
    expect(failures(pairs, true)).toEqual([]);
    expect(failures(misses, false)).toEqual([]);
  });
});

// @r1lab/rewards throughput: formatReward, extractAnswer + isEquivalent over the MATH-500 gold
// answers, verifyAnswer per check (checks/s and p99 on MATH-500 number answers and on symbolic
// answers), languageConsistencyReward on 2 KB chains of thought, codeReward per test case (QuickJS).
import { readFileSync } from 'node:fs';
import {
  codeReward,
  extractAnswer,
  formatReward,
  isEquivalent,
  languageConsistencyReward,
  normalizeAnswer,
  parseNumber,
  verifyAnswer,
} from '@r1lab/rewards';
import { Bench } from 'tinybench';
import { benchOptions, figureOfSamples, latencyFigures } from './src/figures.ts';
import { currentRuntime, startProvenance } from './src/provenance.ts';
import type { Figure } from './src/result-schema.ts';
import { finishSuite, suiteArgs } from './src/suite-run.ts';

const args = suiteArgs();
const provenance = startProvenance();

const MATH500 = new URL('../data/math500-test.jsonl', import.meta.url);
const golds = readFileSync(MATH500, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => String((JSON.parse(l) as { answer: string }).answer));
// Each gold answered as a model would: tagged, with \dfrac, inside a short chain of thought.
const completions = golds.map(
  (g) =>
    `<think>We simplify step by step.</think>\n<answer>${g.replace(/\\frac/g, '\\dfrac')}</answer>`,
);

const sentence = 'First we add the two numbers, 3 plus 4 equals 7, then we subtract 2 and get 5. ';
const frSentence = 'Ensuite nous ajoutons 3 et 4, ce qui donne 7, puis 7 moins 2 égale 5. ';
const cot2kb =
  `<think>${sentence.repeat(22)}${frSentence.repeat(3)}</think><answer>5</answer>`.slice(0, 2048);
const completion = '<think>\n3 plus 4 equals 7.\n</think>\n<answer>\n7\n</answer>';
const codeCompletion = '<answer>```js\nfunction add(a, b) { return a + b; }\n```</answer>';
const codeSample = {
  answer: JSON.stringify({ entry: 'add', tests: [{ args: [1, 2], expected: 3 }] }),
};

// Sanity: the benchmarked calls do what they claim before they are timed.
const matched = completions.filter((c, k) =>
  isEquivalent(extractAnswer(c) ?? '', golds[k]!),
).length;

// verifyAnswer as GRPO uses it: one gold against a group of completions, some right, some wrong.
// One check per call, so the latency samples are per check (checks/s, p99). Each call writes its
// answer anew with a counter `m`, so no two consecutive calls see the same prediction (the
// compiled-expression cache helps the gold, as in a GRPO group, not the completions).
type Check = { gold: string; completion: (m: number) => string; correct: boolean };
const numberChecks: Check[] = golds.flatMap((gold) => {
  const n = parseNumber(normalizeAnswer(gold));
  if (n === null || n.percent) return [];
  const dfrac = gold.replace(/\\frac/g, '\\dfrac');
  return [
    {
      gold,
      completion: (m) => `<think>${m} steps.</think>\n<answer>${dfrac}</answer>`,
      correct: true,
    },
    {
      gold,
      completion: (m) =>
        `So it is ${m}.\n\nFinal Answer: The final answer is $${gold}$. I hope it is correct.`,
      correct: true,
    },
    {
      gold,
      completion: (m) => `After ${m} steps the answer is \\boxed{${n.value + 1}}.`,
      correct: false,
    },
    {
      gold,
      completion: (m) => `<think>${m}</think><answer>${n.value * 1.02 + 0.01}</answer>`,
      correct: false,
    },
  ];
});
// Symbolic: MATH-500's expression golds, rewritten so only evaluation can tell, and identities
// (`#` stands for a term `0 \cdot m` that changes the text, not the value).
const expressionGolds = golds.filter((g) => {
  const s = normalizeAnswer(g);
  const words = /\\(?:text|mbox|begin|pm|cup|circ)|_/;
  return (
    /[a-z]/.test(s.replace(/\\[a-z]+/g, '')) &&
    !/[,=]/.test(s) &&
    !words.test(g) &&
    parseNumber(s) === null
  );
});
const IDENTITIES: Array<[string, string, boolean]> = [
  ['\\sec^2 y', '\\tan^2 y + 1 #', true],
  ['\\sin 2x', '2\\sin x \\cos x #', true],
  ['2x + 4y - 3 = 0', 'y = -\\frac{1}{2}x + \\frac{3}{4} #', true],
  ['x < 1', '-x # > -1', true],
  ['\\frac{1+\\sqrt5}{2}', '2 #', false],
  ['x > 5', 'x # < 5', false],
];
const symbolicChecks: Check[] = [
  ...expressionGolds.flatMap((gold) => [
    {
      gold,
      completion: (m: number) => `<answer>\\frac{${m}(${gold})}{${m}}</answer>`,
      correct: true,
    },
    { gold, completion: (m: number) => `<answer>${gold} + ${m}</answer>`, correct: false },
  ]),
  ...IDENTITIES.map(([gold, answer, correct]) => ({
    gold,
    completion: (m: number) => `\\boxed{${answer.replace('#', `+ 0 \\cdot ${m}`)}}`,
    correct,
  })),
];
for (const [name, checks] of [
  ['number', numberChecks],
  ['symbolic', symbolicChecks],
] as const) {
  const wrong = checks.filter((c) => verifyAnswer(c.gold, c.completion(7)).correct !== c.correct);
  if (wrong.length > 0)
    throw new Error(`verifyAnswer ${name} sanity check failed: ${JSON.stringify(wrong[0]?.gold)}`);
}

if (formatReward(completion, { answer: '7' }) !== 1)
  throw new Error('formatReward sanity check failed');
if ((await codeReward(codeCompletion, codeSample)) !== 1)
  throw new Error('codeReward sanity check failed');

const bench = new Bench({
  name: '@r1lab/rewards',
  ...benchOptions(args.quick, { time: 1000, iterations: 5 }),
});
bench.add('formatReward (1 completion)', () => {
  formatReward(completion, { answer: '7' });
});
bench.add('extractAnswer + isEquivalent (all 500 MATH-500 answers)', () => {
  for (let k = 0; k < completions.length; k++)
    isEquivalent(extractAnswer(completions[k]!) ?? '', golds[k]!);
});
// Near misses defeat the string fast path and exercise the numeric/symbolic checker.
const nearMisses = golds.map((g) => `<answer>${g}+1</answer>`);
bench.add('extractAnswer + isEquivalent (500 MATH-500 near misses)', () => {
  for (let k = 0; k < nearMisses.length; k++)
    isEquivalent(extractAnswer(nearMisses[k]!) ?? '', golds[k]!);
});
const VERIFY_TASKS = {
  'verifyAnswer (1 check, MATH-500 number answers)': numberChecks,
  'verifyAnswer (1 check, symbolic answers)': symbolicChecks,
};
for (const [name, checks] of Object.entries(VERIFY_TASKS)) {
  let next = 0;
  bench.add(name, () => {
    const c = checks[next % checks.length]!;
    verifyAnswer(c.gold, c.completion(2 + (next++ % 997)));
  });
}
// The scans are linear: ten times the text should take about ten times as long (a ratio, read
// in one sitting; verify-guarantees.test.ts checks the verdicts on the same texts).
const decoys = 'We add $3$ and $4$, and \\(x \\le 2\\); so far \\boxed{5} and 6. ';
const SCAN_TASKS = {
  'verifyAnswer (130 KB completion, pick last)': decoys.repeat(2_000),
  'verifyAnswer (1.3 MB completion, pick last)': decoys.repeat(20_000),
};
for (const [name, text] of Object.entries(SCAN_TASKS)) {
  const prediction = `${text} The answer is $\\frac{14}{3}$.`;
  if (!verifyAnswer('\\frac{14}{3}', prediction, { pick: 'last' }).correct)
    throw new Error(`${name} sanity check failed`);
  bench.add(name, () => {
    verifyAnswer('\\frac{14}{3}', prediction, { pick: 'last' });
  });
}
bench.add('languageConsistencyReward (2 KB CoT)', () => {
  languageConsistencyReward(cot2kb, { answer: '5', lang: 'en' });
});
bench.add('codeReward (1 test case, fresh QuickJS runtime)', async () => {
  await codeReward(codeCompletion, codeSample);
});
await bench.run();
const latency = latencyFigures(bench);
const [scanSmall, scanLarge] = Object.keys(SCAN_TASKS).map(
  (name) => latency.find((f) => f.name === name)!.value,
);
console.log(`verifyAnswer scan, 10× the text: ${(scanLarge! / scanSmall!).toFixed(1)}× the time`);
console.log(`MATH-500 re-rendered answers judged equivalent: ${matched}/${golds.length}`);

/**
 * Sustained checks/s of one verifyAnswer task (the samples cut into 20 consecutive runs, fewer in a
 * `--quick` smoke run, each
 * run's checks over its total time, then the median and interval of those rates, so slow calls
 * count in full) and its p99 latency per check.
 */
function verifyFigures(name: string): Figure[] {
  const r = bench.tasks.find((t) => t.name === name)?.result;
  const samples: number[] = r?.state === 'completed' ? [...(r.latency.samples ?? [])] : [];
  if (samples.length === 0) throw new Error(`${name}: no samples`);
  const runs = Math.min(20, samples.length);
  const size = Math.floor(samples.length / runs);
  const rates = Array.from({ length: runs }, (_, k) => {
    const run = samples.slice(k * size, (k + 1) * size);
    return (1000 * run.length) / run.reduce((a, b) => a + b, 0);
  });
  const rate = figureOfSamples(
    { name: `${name} checks/s`, unit: 'checks/s', better: 'higher' },
    rates,
  );
  const sorted = [...samples].sort((a, b) => a - b);
  const p99 = sorted[Math.ceil(0.99 * sorted.length) - 1]!;
  const tail: Figure = {
    name: `${name} p99`,
    unit: 'ms',
    better: 'lower',
    value: p99,
    low: p99,
    high: p99,
    spread: 'none',
    n: samples.length,
  };
  console.log(
    `${name}: ${rate.value.toFixed(0)} checks/s (${rate.low.toFixed(0)}–${rate.high.toFixed(0)}), p50 ${(sorted[Math.floor(sorted.length / 2)]! * 1000).toFixed(1)} µs, p99 ${(p99 * 1000).toFixed(1)} µs, ${samples.length} checks`,
  );
  return [rate, tail];
}
const verifyFigureList = Object.keys(VERIFY_TASKS).flatMap(verifyFigures);
finishSuite({
  suite: 'rewards',
  args,
  provenance: provenance.finish([
    { variant: 'default', ...currentRuntime(), backend: 'js', threads: null },
  ]),
  figures: [...latency, ...verifyFigureList],
  // Items per call, to turn a call's latency into answers judged per second.
  data: {
    math500Equivalent: matched,
    verifyAnswerChecks: { number: numberChecks.length, symbolic: symbolicChecks.length },
    itemsPerCall: Object.fromEntries(
      bench.tasks.map((t) => [t.name, t.name.startsWith('extractAnswer') ? golds.length : 1]),
    ),
  },
});

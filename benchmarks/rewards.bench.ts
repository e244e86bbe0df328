// @r1lab/rewards throughput: formatReward, extractAnswer + isEquivalent over the MATH-500 gold
// answers, languageConsistencyReward on 2 KB chains of thought, codeReward per test case (QuickJS).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import {
  codeReward,
  extractAnswer,
  formatReward,
  isEquivalent,
  languageConsistencyReward,
} from '@r1lab/rewards';
import { Bench } from 'tinybench';

const MATH500 = new URL('../../shared/data/math500-test.jsonl', import.meta.url);
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
if (formatReward(completion, { answer: '7' }) !== 1)
  throw new Error('formatReward sanity check failed');
if ((await codeReward(codeCompletion, codeSample)) !== 1)
  throw new Error('codeReward sanity check failed');

const bench = new Bench({ name: '@r1lab/rewards', time: 1000, iterations: 5 });
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
bench.add('languageConsistencyReward (2 KB CoT)', () => {
  languageConsistencyReward(cot2kb, { answer: '5', lang: 'en' });
});
bench.add('codeReward (1 test case, fresh QuickJS runtime)', async () => {
  await codeReward(codeCompletion, codeSample);
});
await bench.run();
console.table(bench.table());

const figures = bench.tasks.map((task) => {
  const r = task.result as
    | { latency?: { mean: number }; throughput?: { mean: number } }
    | undefined;
  const meanMs = r?.latency?.mean ?? Number.NaN;
  const perCall = task.name.startsWith('extractAnswer') ? golds.length : 1;
  return {
    name: task.name,
    meanMs,
    opsPerSec: r?.throughput?.mean ?? Number.NaN,
    itemsPerSec: (1000 / meanMs) * perCall,
    itemsPerCall: perCall,
  };
});
console.table(figures);
console.log(`MATH-500 re-rendered answers judged equivalent: ${matched}/${golds.length}`);
mkdirSync('results', { recursive: true });
writeFileSync(
  'results/rewards.json',
  `${JSON.stringify({ package: '@r1lab/rewards', node: process.version, math500Equivalent: matched, tasks: figures }, null, 2)}\n`,
);

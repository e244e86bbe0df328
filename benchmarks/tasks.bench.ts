// @r1lab/tasks throughput (problem generation, corpora, verification, dataset loading) and
// the empirical statistics of the base corpus presets, measured from the text.
import {
  BASE_CORPUS_PRESETS,
  baseCorpus,
  coldStartSet,
  corpusStats,
  createRng,
  generateProblems,
  getTask,
  loadGsm8k,
  loadJsonl,
  loadParquet,
  splitOf,
  TASK_NAMES,
  verify,
  workedSolution,
} from '@r1lab/tasks';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { Bench } from 'tinybench';
import { benchOptions, latencyFigures } from './src/figures.ts';
import { currentRuntime, startProvenance } from './src/provenance.ts';
import { finishSuite, suiteArgs } from './src/suite-run.ts';

const args = suiteArgs();
const provenance = startProvenance();
// A smoke run measures the same calls on smaller inputs.
const COUNT = args.quick ? 500 : 10_000;
const DRAWS = args.quick ? 2_000 : 200_000;
const N = args.quick ? '×500' : '×10k';

const GSM8K = new URL('../data/gsm8k-test.jsonl', import.meta.url);

async function drain<T>(items: AsyncIterable<T>): Promise<number> {
  let n = 0;
  for await (const _ of items) n++;
  return n;
}

const gsmRows: Record<string, unknown>[] = [];
for await (const row of loadJsonl(GSM8K)) gsmRows.push(row);
const gsmParquet = parquetWriteBuffer({
  columnData: [
    { name: 'question', data: gsmRows.map((r) => r.question as string), type: 'STRING' },
    { name: 'answer', data: gsmRows.map((r) => r.answer as string), type: 'STRING' },
  ],
  rowGroupSize: 500,
});
const evalProblems = generateProblems({
  task: 'arith',
  seed: 1,
  count: COUNT,
  langs: ['en', 'fr'],
  unique: false,
});
const evalCompletions = evalProblems.map((p) =>
  workedSolution(p, { stepErrorRate: 0.2, tagRate: 0.5 }),
);
const corpus10k = baseCorpus({ count: COUNT });

const bench = new Bench({
  name: '@r1lab/tasks',
  ...benchOptions(args.quick, { time: 1000, iterations: 5 }),
});
for (const task of TASK_NAMES) {
  bench.add(`generateProblems ${task} easy ${N} (train)`, () => {
    generateProblems({ task, seed: 0, count: COUNT, langs: ['en', 'fr'], unique: false });
  });
}
bench.add(`baseCorpus defaults ${N} examples`, () => {
  baseCorpus({ count: COUNT, seed: 1 });
});
bench.add('coldStartSet all tasks ×300', () => {
  coldStartSet({ tasks: TASK_NAMES, seed: 1 });
});
bench.add(`corpusStats ${N} examples`, () => {
  corpusStats(corpus10k);
});
bench.add(`verify arith ${N} completions (@r1lab/rewards)`, () => {
  for (let i = 0; i < evalProblems.length; i++) verify(evalProblems[i]!, evalCompletions[i]!);
});
bench.add('loadGsm8k JSONL ×1319 rows', async () => {
  await drain(loadGsm8k(GSM8K));
});
bench.add('loadParquet GSM8K ×1319 rows (3 row groups, in memory)', async () => {
  await drain(loadParquet(gsmParquet));
});
await bench.run();
const figures = latencyFigures(bench);

// Empirical statistics of the base corpus presets (10k examples each, seed 0).
const corpora: Record<string, unknown> = {};
for (const [name, preset] of Object.entries(BASE_CORPUS_PRESETS)) {
  corpora[name] = corpusStats(baseCorpus({ ...preset, count: COUNT }));
}
console.table(corpora);

// How many distinct problems each task's easy level offers per split (seen in 200k draws).
const space: Record<string, Record<string, number>> = {};
for (const name of TASK_NAMES) {
  const task = getTask(name);
  const rng = createRng(0, 'space');
  const seen = { train: new Set<string>(), validation: new Set<string>(), test: new Set<string>() };
  for (let i = 0; i < DRAWS; i++) {
    const canonical = task.sample(rng, 'easy', 'en').canonical;
    seen[splitOf(name, canonical)].add(canonical);
  }
  space[name] = { train: seen.train.size, validation: seen.validation.size, test: seen.test.size };
}
console.table(space);

finishSuite({
  suite: 'tasks',
  args,
  provenance: provenance.finish([
    { variant: 'default', ...currentRuntime(), backend: 'js', threads: null },
  ]),
  figures,
  data: { corpusExamples: COUNT, corpora, easyProblemDraws: DRAWS, easyProblemSpace: space },
});

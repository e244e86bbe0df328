// `npm run bench:compare [A] [B]`: each figure's change from result A to result B, with a
// noise-aware verdict (inside the runs' spreads: "no change"; else faster/slower, better/worse
// and the ratio). A and B are result files, or a suite name for that suite's two newest.
// No argument: every suite's two newest results (the newest, and the newest older one that
// shares a figure with it).
//
//   npm run bench:compare
//   npm run bench:compare -- model
//   npm run bench:compare -- benchmarks/results/model/A.json benchmarks/results/model/B.json
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareResults, formatComparison } from './src/compare.ts';
import { figuresOf } from './src/legacy-figures.ts';
import { type BenchResult, figureKey } from './src/result-schema.ts';
import {
  listResults,
  RESULTS_ROOT,
  readResult,
  repoPath,
  type StoredResult,
} from './src/result-store.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { root: { type: 'string' } },
});
const root = values.root ? resolve(values.root) : RESULTS_ROOT;
// npm runs a workspace script in the workspace's folder; paths are the caller's.
const callerPath = (p: string) => resolve(process.env.INIT_CWD ?? '.', p);

// The newest result, and the newest older one that shares a figure with it (another preset,
// seed or variant measures different figures); the second newest if none does.
function newestTwo(suite: string): [StoredResult, StoredResult] | null {
  const all = listResults(root, suite).filter((r) => !r.result.quick);
  if (all.length < 2) return null;
  const b = all.at(-1)!;
  const keys = new Set(figuresOf(b.result).map(figureKey));
  const older = all.slice(0, -1).reverse();
  const a = older.find((r) => figuresOf(r.result).some((f) => keys.has(figureKey(f)))) ?? older[0]!;
  return [a, b];
}

function describe(r: StoredResult): string {
  const p = r.result.provenance;
  const sha = p.commit === 'unknown' ? 'unknown commit' : p.commit.slice(0, 7);
  const dirty = p.dirty === true ? ' (dirty)' : p.dirty === 'unknown' ? ' (dirty?)' : '';
  const load = (l: BenchResult['provenance']['machine']['loadBefore']) =>
    l === 'unknown' ? '?' : l.m1.toFixed(2);
  const envs = p.environments
    .map((e) => `${e.variant}: ${e.runtime} ${e.runtimeVersion}, ${e.backend}`)
    .join('; ');
  return `${repoPath(r.path)}  ${p.date}  ${sha}${dirty}  load ${load(p.machine.loadBefore)} → ${load(p.machine.loadAfter)}  [${envs}]`;
}

function printPair(a: StoredResult, b: StoredResult): void {
  console.log(`\n== ${b.result.suite}`);
  console.log(`A ${describe(a)}`);
  console.log(`B ${describe(b)}`);
  for (const [label, r] of [
    ['A', a],
    ['B', b],
  ] as const) {
    const m = r.result.provenance.machine;
    if (m.loadBefore !== 'unknown' && m.cores !== 'unknown' && m.loadBefore.m1 > m.cores) {
      console.log(
        `note: ${label} ran at load ${m.loadBefore.m1.toFixed(1)} on ${m.cores} cores; a change beyond the spreads may still be the load`,
      );
    }
  }
  const c = compareResults({ figures: figuresOf(a.result) }, { figures: figuresOf(b.result) });
  for (const line of formatComparison(c)) console.log(line);
}

const pairs: Array<[StoredResult, StoredResult]> = [];
if (positionals.length === 2) {
  pairs.push([readResult(callerPath(positionals[0]!)), readResult(callerPath(positionals[1]!))]);
} else if (positionals.length === 1 && !existsSync(callerPath(positionals[0]!))) {
  const pair = newestTwo(positionals[0]!);
  if (!pair) throw new Error(`suite ${positionals[0]}: fewer than two results under ${root}`);
  pairs.push(pair);
} else if (positionals.length === 0) {
  const suites = [...new Set(listResults(root).map((r) => r.result.suite))].sort();
  for (const suite of suites) {
    const pair = newestTwo(suite);
    if (pair) pairs.push(pair);
    else console.log(`\n== ${suite}: fewer than two results, nothing to compare`);
  }
} else {
  console.error('usage: bench:compare [SUITE | A.json B.json] [--root DIR]');
  process.exit(2);
}
for (const [a, b] of pairs) printPair(a, b);

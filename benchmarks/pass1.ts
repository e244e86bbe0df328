// `npm run bench:pass1`: the result r1lab exists for. Runs the r1-zero preset (and r1 with
// `--presets r1-zero,r1`) for several seeds on the held-out test set and reports, per stage,
// pass@1 strict and answer-anywhere, pass@k, cons@k, format, language consistency, length and
// wall time. The base model's pretraining is cached by its spec hash and timed separately.
// Writes results/pass1/<date>-<sha>[-tag].json after every run (provenance, each run's resolved
// spec and hash); `npm run series -w @r1lab/benchmarks` prints pass@1 over versions.
//
//   npm run bench:pass1 -- --seeds 0,1,2 --presets r1-zero
//   npm run bench:pass1 -- --quick     # tiny presets, seed 0: same shape, a few minutes
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@r1lab/model';
import {
  hashJson,
  hasScenarioColumns,
  metricCell,
  type PresetName,
  presetSpec,
  SCENARIO_COLUMNS,
} from '@r1lab/pipeline';
import { runOne } from './src/pass1-run-one.ts';
import { pass1Figures, pass1SeriesRows } from './src/pass1-series.ts';
import { currentRuntime, startProvenance } from './src/provenance.ts';
import type { Pass1Body } from './src/result-schema.ts';
import { readResult, resultsRootFor, updateResult, writeResult } from './src/result-store.ts';
import { storeSeries } from './src/store-series.ts';
import { buildResult, suiteArgs } from './src/suite-run.ts';

const args = suiteArgs({
  seeds: { type: 'string', default: '0,1,2' },
  presets: { type: 'string', default: 'r1-zero' },
  backend: { type: 'string', default: process.env.R1LAB_BACKEND ?? 'auto' },
  // wasm threads: 1 unless the machine is otherwise idle (a second busy thread slows both).
  threads: { type: 'string', default: process.env.R1LAB_THREADS ?? '1' },
  // The repo's .r1lab by default, so the benchmark and `npm start` share the cached base model.
  'data-dir': {
    type: 'string',
    default: process.env.R1LAB_DATA_DIR ?? fileURLToPath(new URL('../.r1lab', import.meta.url)),
  },
});
const requested = String(args.values.presets).split(',') as PresetName[];
// --quick: the tiny variant of each preset (no 40-minute pretraining) and the first seed only.
const presets = args.quick
  ? requested.map((p) => (p.startsWith('tiny-') ? p : (`tiny-${p}` as PresetName)))
  : requested;
const seeds = String(args.values.seeds)
  .split(',')
  .map(Number)
  .slice(0, args.quick ? 1 : undefined);
const dataDir = resolve(String(args.values['data-dir']));
const provenance = startProvenance();
const backend = await initBackend(args.values.backend as 'auto', {
  threads: Number(args.values.threads),
});
console.log(`backend ${backend.backend}, ${backend.threads} thread(s)`);

const body: Pass1Body = { presets, seeds, runs: [], rows: [], times: [], trajectories: [] };
let path: string | undefined;

// Written after every run, so an interrupted benchmark keeps what it measured.
function save(): void {
  const result = buildResult({
    suite: 'pass1',
    args,
    provenance: provenance.finish([
      {
        variant: 'default',
        ...currentRuntime(),
        backend: backend.backend,
        threads: backend.threads,
      },
    ]),
    figures: pass1Figures(body),
    pass1: body,
    tagParts: requested.join('+') === 'r1-zero' ? [] : [requested.join('+')],
  });
  if (path) updateResult(path, result);
  else path = writeResult(result, resultsRootFor(args));
}

for (const preset of presets) {
  for (const seed of seeds) {
    const spec = presetSpec(preset, { seed });
    body.runs.push({ preset, seed, specHash: hashJson(spec), spec });
    console.log(`\n== ${preset} seed ${seed}`);
    const out = await runOne(spec, preset, seed, dataDir);
    body.rows.push(...out.rows);
    body.times.push(...out.times);
    body.trajectories.push(...out.trajectories);
    save();
  }
}
// With a database configured (DATABASE_URL), full runs' series rows go where the API serves them.
if (process.env.DATABASE_URL && path && !args.quick) {
  const stored = readResult(path);
  const { stored: n, location } = await storeSeries(
    pass1SeriesRows(stored.result, relative(resultsRootFor(args), path)),
    { dataDir, url: process.env.DATABASE_URL },
  );
  console.log(`stored ${n} pass@1 series rows in ${location}`);
}

const pct = (r: Record<string, unknown>, k: string) => metricCell(k, r[k]);
console.table(
  body.rows.map((r) => ({
    preset: r.preset,
    seed: r.seed,
    stage: r.stage,
    'pass@1': pct(r, 'pass1'),
    'any-pos': pct(r, 'answer_anywhere'),
    'pass@k': pct(r, 'pass_at_k'),
    'cons@k': pct(r, 'cons_at_k'),
    greedy: pct(r, 'greedy_pass1'),
    format: pct(r, 'format'),
    lang: pct(r, 'language'),
    mixed: pct(r, 'mixed_language'),
    repeat: pct(r, 'repetition'),
    'repeat+': pct(r, 'excess_repetition'),
    trunc: pct(r, 'truncated'),
    length: pct(r, 'length'),
    verify: pct(r, 'verify_rate'),
    reflect: pct(r, 'reflect_rate'),
    attempts: typeof r.attempts_mean === 'number' ? r.attempts_mean.toFixed(2) : '–',
    // An eval stage with `scenarios` (the r1 preset): helpfulness, refusal, over-refusal, ….
    ...(hasScenarioColumns(r)
      ? Object.fromEntries(SCENARIO_COLUMNS.map(({ key, label }) => [label, pct(r, key)]))
      : {}),
  })),
);
console.table(body.times.map((t) => ({ ...t, seconds: t.seconds.toFixed(1) })));
console.log(`written ${path}`);
process.exit(0);

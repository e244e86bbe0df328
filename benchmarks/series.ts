// `npm run series -w @r1lab/benchmarks -- [--preset r1-zero] [--task arith] [--stage rl]`:
// pass@1 over versions, one line per stored bench:pass1 result × seed × stage, oldest first.
// `--store` writes them into the database the API serves them from; `--json` prints the rows as the series schema stores them (the shape of a database row).
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pass1SeriesRows } from './src/pass1-series.ts';
import { listResults, RESULTS_ROOT } from './src/result-store.ts';
import { storeSeries } from './src/store-series.ts';

const { values } = parseArgs({
  options: {
    preset: { type: 'string' },
    task: { type: 'string' },
    stage: { type: 'string' },
    root: { type: 'string', default: RESULTS_ROOT },
    json: { type: 'boolean', default: false },
    // Also write the rows into the database the API reads (DATABASE_URL, else ./.r1lab's PGlite).
    store: { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: process.env.R1LAB_DATA_DIR ?? '.r1lab' },
  },
});
const rows = listResults(values.root, 'pass1')
  .flatMap((r) => pass1SeriesRows(r.result, relative(values.root, r.path)))
  .filter(
    (r) =>
      (!values.preset || r.preset === values.preset) && (!values.task || r.task === values.task),
  )
  .filter((r) => !values.stage || r.stage === values.stage);
if (values.json) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  // The table shows evaluated checkpoints; --json also has the stages that were only timed.
  const pct = (v: number | null) => (v === null ? '–' : `${(100 * v).toFixed(1)}%`);
  console.table(
    rows
      .filter((r) => r.pass1 !== null)
      .map((r) => ({
        date: r.date.slice(0, 16),
        commit: r.commit.slice(0, 7),
        tag: r.tag ?? '',
        preset: r.preset,
        task: r.task,
        seed: r.seed,
        stage: r.stage,
        'pass@1': pct(r.pass1),
        format: pct(r.format),
        language: pct(r.language),
        'wall s': r.wallSeconds === null ? '–' : r.wallSeconds.toFixed(0),
      })),
  );
}
if (values.store) {
  const { stored, location } = await storeSeries(rows, {
    dataDir: resolve(values['data-dir']),
    url: process.env.DATABASE_URL,
  });
  console.log(`stored ${stored} series rows in ${location} (served at GET /v1/benchmarks/pass1)`);
}

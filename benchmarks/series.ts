// `npm run series -w @r1lab/benchmarks -- [--preset r1-zero] [--task arith] [--stage rl]`:
// pass@1 over versions, one line per stored bench:pass1 result × seed × stage, oldest first.
// `--json` prints the rows as the series schema stores them (the shape of a database row).
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { pass1SeriesRows } from './src/pass1-series.ts';
import { listResults, RESULTS_ROOT } from './src/result-store.ts';

const { values } = parseArgs({
  options: {
    preset: { type: 'string' },
    task: { type: 'string' },
    stage: { type: 'string' },
    root: { type: 'string', default: RESULTS_ROOT },
    json: { type: 'boolean', default: false },
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

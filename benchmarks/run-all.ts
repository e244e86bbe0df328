// `npm run bench`: runs every `*.bench.ts` suite here, one after another (they measure speed,
// so never in parallel); each writes results/<suite>/<date>-<sha>[-tag].json.
//
//   npm run bench                      # every suite
//   npm run bench -- --filter model    # the suites whose name contains "model" (repeatable)
//   npm run bench -- --quick           # a few iterations of each: the smoke run `npm test` calls
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resultsRootFor } from './src/result-store.ts';

const { values } = parseArgs({
  options: {
    filter: { type: 'string', multiple: true, default: [] },
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    tag: { type: 'string' },
  },
});
const here = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const filters = values.filter.flatMap((f) => f.split(','));
const files = all.filter((f) => filters.length === 0 || filters.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error(`no suite matches ${filters.join(', ')} (have: ${all.join(', ')})`);
  process.exit(2);
}
const passOn = [
  ...(values.quick ? ['--quick'] : []),
  ...(values.out ? ['--out', values.out] : []),
  ...(values.tag ? ['--tag', values.tag] : []),
];

let failures = 0;
const started = performance.now();
for (const file of files) {
  console.log(`\n=== ${file}`);
  const t0 = performance.now();
  const res = spawnSync(process.execPath, ['--import', 'tsx', file, ...passOn], {
    cwd: here,
    stdio: 'inherit',
  });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  if (res.status !== 0) {
    failures += 1;
    console.error(`${file} exited with ${res.status ?? res.signal} after ${s} s`);
  } else console.log(`${file}: ${s} s`);
}
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `\n${files.length - failures}/${files.length} suites ran in ${total} s; results in ${resultsRootFor(values)}`,
);
process.exit(failures > 0 ? 1 : 0);

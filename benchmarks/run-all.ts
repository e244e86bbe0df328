// `npm run bench`: runs every `*.bench.ts` here, one after another (they measure speed, so never in parallel).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failures = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', file], {
    cwd: here,
    stdio: 'inherit',
  });
  if (res.status !== 0) {
    failures += 1;
    console.error(`${file} exited with ${res.status ?? res.signal}`);
  }
}
console.log(
  `\n${files.length - failures}/${files.length} benchmarks ran; results in benchmarks/results/`,
);
process.exit(failures > 0 ? 1 : 0);

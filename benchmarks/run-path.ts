// `npm run run-path -w @r1lab/benchmarks`: the cost of running a stage as a job. The same short
// r1-zero spec (the shipped base, GRPO for a few steps) runs alternately through `runPipeline` in
// process and through `r1lab run` (the API on loopback + an in-process worker, the path every run
// now takes), and the GRPO stage's wall time of each is compared: the target is within 5 %.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { initBackend } from '@r1lab/model';
import { MemoryRecorder, presetSpec, runPipeline } from '@r1lab/pipeline';

const { values } = parseArgs({
  options: { steps: { type: 'string', default: '20' }, pairs: { type: 'string', default: '2' } },
});
const steps = Number(values.steps);
const pairs = Number(values.pairs);
const spec = presetSpec('r1-zero') as unknown as {
  stages: Array<Record<string, unknown>>;
  task: Record<string, unknown>;
};
const rl = spec.stages.find((s) => s.kind === 'grpo')!;
Object.assign(rl, { steps, evalEvery: steps, checkpointEvery: steps });
const ev = spec.stages.find((s) => s.kind === 'eval')!;
Object.assign(ev, { n: 1, k: 1 });
spec.task.testSize = 8;
const dir = mkdtempSync(join(tmpdir(), 'r1lab-run-path-'));
const specFile = join(dir, 'spec.json');
writeFileSync(specFile, JSON.stringify(spec));
const cli = fileURLToPath(new URL('../apps/cli/bin/r1lab.mjs', import.meta.url));

await initBackend('wasm');
async function local(): Promise<number> {
  const rec = new MemoryRecorder();
  const out = await runPipeline(spec as never, {
    recorder: rec,
    runDir: join(dir, `local-${Date.now()}`),
  });
  return out.seconds[String(rl.name)]!;
}
function viaJobs(): number {
  const r = spawnSync(process.execPath, [cli, 'run', '--spec', specFile], {
    encoding: 'utf8',
    env: {
      ...process.env,
      R1LAB_DATA_DIR: join(dir, `api-${Date.now()}`),
      DATABASE_URL: '',
      R1LAB_BACKEND: 'wasm',
    },
  });
  const m = new RegExp(`✓ ${String(rl.name)} in ([\\d.]+) s`).exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`r1lab run failed:\n${r.stdout}\n${r.stderr}`);
  return Number(m[1]);
}

const rows: Array<{ local: number; jobs: number; load: number }> = [];
for (let i = 0; i < pairs; i++) {
  const load = loadavg()[0]!;
  const a = i % 2 === 0 ? await local() : viaJobs();
  const b = i % 2 === 0 ? viaJobs() : await local();
  const [l, j] = i % 2 === 0 ? [a, b] : [b, a];
  rows.push({ local: l, jobs: j, load });
  console.log(
    `pair ${i + 1}: runPipeline ${l.toFixed(1)} s · API + worker ${j.toFixed(1)} s · ratio ${(j / l).toFixed(3)} (load ${load.toFixed(1)})`,
  );
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const ratio = median(rows.map((r) => r.jobs / r.local));
console.log(
  `GRPO ${steps} steps of r1-zero: API + worker / runPipeline = ${ratio.toFixed(3)} (median of ${pairs} pairs)`,
);
rmSync(dir, { recursive: true, force: true });

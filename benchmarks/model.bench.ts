/**
 * @r1lab/model throughput, side by side: the same training and sampling workload on each variant
 * (runtime × backend), one process each, one after another, in one sitting, so the ratios
 * (wasm vs cpu, Node vs Bun) are measured under the same machine load.
 *
 *   npx tsx model.bench.ts [--variants node-wasm,node-cpu,bun-wasm] [--threads N] [--quick]
 *
 * Variants: `<node|bun>-<wasm|cpu>`. Default wasm has 1 thread — what the pipeline uses.
 * `--threads 2` starts wasm pthreads (stack-probe §3.4); on a shared 2-core VM that is much slower
 * whenever another process holds a core (XNNPACK's thread pool waits for the descheduled worker).
 * The cpu backend is ~25× slower, so it runs the training step and one sampling batch, twice.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { figureOfSamples } from './src/figures.ts';
import { type ModelWorkload, measureModel } from './src/model-workload.ts';
import { startProvenance } from './src/provenance.ts';
import type { Environment, Figure } from './src/result-schema.ts';
import { sideBySide } from './src/side-by-side.ts';
import { finishSuite, suiteArgs } from './src/suite-run.ts';

const args = suiteArgs({
  variants: { type: 'string', default: 'node-wasm,node-cpu,bun-wasm' },
  threads: { type: 'string', default: '1' },
  iterations: { type: 'string' },
  child: { type: 'string' },
});
const threads = Number(args.values.threads);

function workload(backend: 'wasm' | 'cpu'): ModelWorkload {
  if (args.quick) {
    return {
      backend,
      threads,
      iterations: 2,
      train: { batch: 2, length: 16 },
      sampleBatches: [4],
      newTokens: 8,
    };
  }
  const iterations = args.values.iterations
    ? Number(args.values.iterations)
    : backend === 'cpu'
      ? 2
      : 5;
  const sampleBatches = backend === 'cpu' ? [64] : [1, 16, 64, 256];
  return {
    backend,
    threads,
    iterations,
    train: { batch: 16, length: 128 },
    sampleBatches,
    newTokens: 64,
  };
}

// Child: measure one variant and print it as the last line of stdout.
if (args.values.child) {
  const backend = args.values.child as 'wasm' | 'cpu';
  const measured = await measureModel(workload(backend));
  console.log(JSON.stringify(measured));
  process.exit(0); // wasm pthreads keep the process alive otherwise
}

const here = fileURLToPath(new URL('.', import.meta.url));
const bun = fileURLToPath(new URL('../node_modules/.bin/bun', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

function runVariant(variant: string): Awaited<ReturnType<typeof measureModel>> | null {
  const [runtime, backend] = variant.split('-');
  if ((runtime !== 'node' && runtime !== 'bun') || (backend !== 'wasm' && backend !== 'cpu')) {
    throw new Error(`unknown variant ${variant} (use <node|bun>-<wasm|cpu>)`);
  }
  if (runtime === 'bun' && !existsSync(bun)) {
    // Asked for by name: an error; in the default list: skipped, so a checkout without Bun runs.
    if (process.argv.includes('--variants')) throw new Error(`${variant}: no ${bun}`);
    console.log(`${variant}: skipped (no ${bun})`);
    return null;
  }
  const childArgs = [
    fileURLToPath(import.meta.url),
    '--child',
    backend,
    '--threads',
    String(threads),
  ];
  if (args.quick) childArgs.push('--quick');
  if (args.values.iterations) childArgs.push('--iterations', String(args.values.iterations));
  const [cmd, pre] = runtime === 'bun' ? [bun, []] : [process.execPath, ['--import', tsx]];
  const res = spawnSync(cmd, [...pre, ...childArgs], { cwd: here, encoding: 'utf8' });
  if (res.status !== 0)
    throw new Error(`${variant} exited ${res.status}: ${res.stderr.slice(-2000)}`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1) ?? '');
}

const provenance = startProvenance();
const variants = String(args.values.variants).split(',');
const figures: Figure[] = [];
const environments: Environment[] = [];
const rows: Record<string, unknown>[] = [];
let parameters = 0;
for (const variant0 of variants) {
  const variant = threads > 1 ? `${variant0}-t${threads}` : variant0;
  console.log(`== ${variant}`);
  const m = runVariant(variant0);
  if (!m) continue;
  parameters = m.parameters;
  environments.push({
    variant,
    runtime: m.runtime,
    runtimeVersion: m.runtimeVersion,
    backend: m.backend,
    threads: m.threads,
  });
  for (const t of m.tasks) {
    figures.push(figureOfSamples({ name: t.name, unit: 'ms', better: 'lower', variant }, t.wallMs));
    const cpu = figureOfSamples(
      { name: `${t.name} cpu-time`, unit: 'ms', better: 'lower', variant },
      t.cpuMs,
    );
    figures.push(cpu);
    const wall = figures.at(-2)!;
    const tokensPerS = (t.tokens / wall.value) * 1000;
    rows.push({
      variant,
      task: t.name,
      medianMs: Math.round(wall.value),
      medianCpuMs: Math.round(cpu.value),
      tokensPerS: Math.round(tokensPerS),
      tokensPerCpuS: Math.round((t.tokens / cpu.value) * 1000),
      modelGflopsPerS: Number(((tokensPerS * t.flopsPerToken) / 1e9).toFixed(2)),
      loadavg1mBefore: m.loadBefore,
      loadavg1mAfter: m.loadAfter,
    });
  }
}
console.table(rows);
finishSuite({
  suite: 'model',
  args,
  provenance: provenance.finish(environments),
  figures,
  sideBySide: sideBySide(figures, environments[0]!.variant),
  data: { parameters, rows },
});

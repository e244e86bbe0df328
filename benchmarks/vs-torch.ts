/**
 * `npm run bench:vs-torch`: r1lab's model on tfjs-wasm against a PyTorch reference of the same
 * shape and workload (reference/llama_torch.py), alternating runs in one sitting.
 *
 *   npm run bench:vs-torch [-- --pairs 5] [--threads 1] [--quick] [--tasks train,sample-64]
 *
 * 1. Checks that both compute the same thing: r1lab's weights go to the reference through
 *    model.safetensors, and the loss on fixed data, before and after three AdamW steps with
 *    clipping, must agree to 1e-4 (else it stops: a speed ratio of different models means nothing).
 * 2. Times each task in N pairs, the order alternating (r1lab first, then PyTorch first), both
 *    processes warm; prints medians, tokens/s and the ratio r1lab / PyTorch (wall and CPU time).
 *
 * Skips (exit 0) with the apt command to run when no python3 imports torch: PyTorch is never a CI
 * dependency. Not a `*.bench.ts` suite, so `npm run bench` and its smoke test do not need it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdamW,
  cloneModel,
  createModel,
  generate,
  initBackend,
  lmLoss,
  type Model,
  saveCheckpoint,
  type Tokenizer,
  trainStep,
} from '@r1lab/model';
import * as tf from '@tensorflow/tfjs';
import { figureOfSamples } from './src/figures.ts';
import { BENCH_MODEL_CONFIG, benchTokenizer } from './src/model-workload.ts';
import { currentRuntime, startProvenance } from './src/provenance.ts';
import type { Figure } from './src/result-schema.ts';
import { sideBySide } from './src/side-by-side.ts';
import { finishSuite, suiteArgs } from './src/suite-run.ts';
import {
  findTorchPython,
  TORCH_MISSING,
  type TorchInfo,
  TorchReference,
  type TorchTimes,
} from './src/torch-reference.ts';

const args = suiteArgs({
  pairs: { type: 'string', default: '3' },
  threads: { type: 'string', default: '1' },
  tasks: { type: 'string' },
});
const threads = Number(args.values.threads);
const pairs = args.quick ? 1 : Number(args.values.pairs);
const TOLERANCE = 1e-4;

const python = findTorchPython();
if (!python) {
  console.log(`bench:vs-torch: skipped: ${TORCH_MISSING}`);
  process.exit(0);
}

interface Task {
  id: string;
  name: string;
  tokens: number;
  r1lab: () => Promise<void>;
  torch: Record<string, unknown>;
}

const provenance = startProvenance();
const backend = await initBackend('wasm', { threads });
const ref = TorchReference.start(python, threads);
const torchInfo = await ref.request<TorchInfo>({ cmd: 'info' });
const cpu = os.cpus()[0]?.model.trim() ?? 'unknown';
console.log(`machine: ${cpu}, ${os.cpus().length} cores, load ${loadText()}`);
console.log(
  `r1lab: Node ${process.version}, tfjs ${tf.version.tfjs} ${backend.backend}, ${backend.threads} thread(s)`,
);
console.log(
  `PyTorch: ${torchInfo.torch} (Python ${torchInfo.python} at ${python}), ${torchInfo.threads} thread(s), ` +
    `BLAS ${torchInfo.blas}, mkldnn ${torchInfo.mkldnn}`,
);

const tok = benchTokenizer();
const model = createModel(BENCH_MODEL_CONFIG, { seed: 1 });
const dir = mkdtempSync(join(tmpdir(), 'r1lab-vs-torch-'));
try {
  await saveCheckpoint(dir, model);
  await ref.request({ cmd: 'load', dir, config: model.config });
  await checkSameLoss(model);
  await ref.request({ cmd: 'load', dir, config: model.config }); // the check trained it
  const rows = await timeTasks(buildTasks(model, tok));
  report(rows);
} finally {
  ref.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0); // wasm pthreads (--threads > 1) keep the process alive otherwise

function loadText(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Loss on fixed data, then after three clipped AdamW steps, on both sides. */
async function checkSameLoss(m: Model): Promise<void> {
  const [B, T] = args.quick ? [2, 16] : [8, 64];
  const ids = tf.randomUniform([B, T], 0, tok.vocabSize, 'int32', 7) as tf.Tensor2D;
  const mask = tf.onesLike(ids) as tf.Tensor2D;
  const rows = ids.arraySync();
  const hp = { lr: 1e-2, max_grad_norm: 1, weight_decay: 0.01, steps: 3 };
  const lossOf = (x: Model) => tf.tidy(() => lmLoss(x, ids, mask).dataSync()[0]!);
  const before = lossOf(m);
  const trained = cloneModel(m, { trainable: true });
  const opt = new AdamW(trained.trainableVariables(), { lr: hp.lr, weightDecay: hp.weight_decay });
  const losses: number[] = [];
  for (let s = 0; s < hp.steps; s++) {
    const r = trainStep(trained, opt, () => lmLoss(trained, ids, mask), {
      maxGradNorm: hp.max_grad_norm,
    });
    losses.push(r.loss);
  }
  const after = lossOf(trained);
  opt.dispose();
  trained.dispose();
  tf.dispose([ids, mask]);
  const t0 = await ref.request<{ loss: number }>({ cmd: 'loss', ids: rows });
  const t1 = await ref.request<{ losses: number[]; after: number }>({
    cmd: 'train',
    ids: rows,
    ...hp,
  });
  const pairsOf: Array<[string, number, number]> = [
    ['loss', before, t0.loss],
    ...losses.map((l, i): [string, number, number] => [`step ${i + 1} loss`, l, t1.losses[i]!]),
    [`loss after ${hp.steps} AdamW steps`, after, t1.after],
  ];
  for (const [what, a, b] of pairsOf) {
    const diff = Math.abs(a - b);
    console.log(
      `same weights, ${what}: r1lab ${a.toFixed(6)}, PyTorch ${b.toFixed(6)} (|Δ| ${diff.toExponential(1)})`,
    );
    if (!(diff <= TOLERANCE * Math.max(1, Math.abs(b)))) {
      throw new Error(
        `${what} differs by ${diff} > ${TOLERANCE}: the reference computes another model`,
      );
    }
  }
}

function buildTasks(m: Model, t: Tokenizer): Task[] {
  const [B, T] = args.quick ? [2, 16] : [16, 128];
  const newTokens = args.quick ? 8 : 64;
  const batches = args.quick ? [4] : [1, 16, 64, 256];
  const ids = tf.randomUniform([B, T], 0, t.vocabSize, 'int32', 1) as tf.Tensor2D;
  const mask = tf.onesLike(ids) as tf.Tensor2D;
  const opt = new AdamW(m.trainableVariables(), { lr: 1e-3 });
  // No stop tokens: every sequence generates exactly `newTokens` (as the model suite does).
  const noStop: Tokenizer = Object.assign(Object.create(t), { eosId: -1, tokenId: () => -1 });
  const tasks: Task[] = [
    {
      id: 'train',
      name: `train ${B}x${T}`,
      tokens: B * T,
      r1lab: async () => {
        trainStep(m, opt, () => lmLoss(m, ids, mask), { maxGradNorm: 1 });
      },
      torch: { cmd: 'time_train', batch: B, length: T },
    },
    ...batches.map((b) => ({
      id: `sample-${b}`,
      name: `sample batch ${b} x ${newTokens}`,
      tokens: b * newTokens,
      r1lab: async () => {
        const prompts = Array.from({ length: b }, () => [t.bosId]);
        const out = await generate(m, noStop, prompts, { maxNewTokens: newTokens, seed: 1 });
        if (out.some((o) => o.ids.length !== newTokens)) throw new Error('early stop');
      },
      torch: { cmd: 'time_sample', batch: b, new_tokens: newTokens, bos: t.bosId },
    })),
  ];
  const only = args.values.tasks ? String(args.values.tasks).split(',') : undefined;
  return only ? tasks.filter((k) => only.includes(k.id)) : tasks;
}

interface Row {
  task: Task;
  r1lab: TorchTimes;
  torch: TorchTimes;
}

async function timeR1lab(task: Task): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await task.r1lab();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** Per task: one warm-up each, then `pairs` pairs, alternating which side goes first. */
async function timeTasks(tasks: Task[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const task of tasks) {
    await task.r1lab();
    await ref.request({ ...task.torch, runs: 0 });
    const row: Row = {
      task,
      r1lab: { wall_ms: [], cpu_ms: [] },
      torch: { wall_ms: [], cpu_ms: [] },
    };
    for (let p = 0; p < pairs; p++) {
      const sides = p % 2 === 0 ? (['r1lab', 'torch'] as const) : (['torch', 'r1lab'] as const);
      for (const side of sides) {
        if (side === 'r1lab') {
          const r = await timeR1lab(task);
          row.r1lab.wall_ms.push(r.wall);
          row.r1lab.cpu_ms.push(r.cpu);
        } else {
          const r = await ref.request<TorchTimes>({ ...task.torch, runs: 1, warmup: false });
          row.torch.wall_ms.push(...r.wall_ms);
          row.torch.cpu_ms.push(...r.cpu_ms);
        }
      }
    }
    const med = (xs: number[]) =>
      figureOfSamples({ name: 'x', unit: 'ms', better: 'lower' }, xs).value;
    console.log(
      `${task.name}: r1lab ${med(row.r1lab.wall_ms).toFixed(0)} ms, PyTorch ${med(row.torch.wall_ms).toFixed(0)} ms (load ${loadText()})`,
    );
    rows.push(row);
  }
  return rows;
}

function report(rows: Row[]): void {
  const figures: Figure[] = [];
  const table = rows.map(({ task, r1lab, torch }) => {
    const fig = (variant: string, t: TorchTimes) => {
      const wall = figureOfSamples(
        { name: task.name, unit: 'ms', better: 'lower', variant },
        t.wall_ms,
      );
      const cpuT = figureOfSamples(
        { name: `${task.name} cpu-time`, unit: 'ms', better: 'lower', variant },
        t.cpu_ms,
      );
      figures.push(wall, cpuT);
      return { wall: wall.value, cpu: cpuT.value };
    };
    const a = fig('r1lab-wasm', r1lab);
    const b = fig('torch', torch);
    return {
      task: task.name,
      'r1lab ms': Math.round(a.wall),
      'r1lab tok/s': Math.round((task.tokens / a.wall) * 1000),
      'torch ms': Math.round(b.wall),
      'torch tok/s': Math.round((task.tokens / b.wall) * 1000),
      'ratio (tok/s r1lab/torch)': Number((b.wall / a.wall).toFixed(2)),
      'ratio per CPU-s': Number((b.cpu / a.cpu).toFixed(2)),
    };
  });
  console.log(`\n${pairs} pair(s) per task, medians; load now ${loadText()}`);
  console.table(table);
  const runtime = currentRuntime();
  finishSuite({
    suite: 'vs-torch',
    args,
    provenance: provenance.finish([
      { variant: 'r1lab-wasm', ...runtime, backend: 'wasm', threads: backend.threads },
      {
        variant: 'torch',
        runtime: 'unknown',
        runtimeVersion: `python ${torchInfo.python}, torch ${torchInfo.torch}`,
        backend: `torch cpu, BLAS ${torchInfo.blas}`,
        threads: torchInfo.threads,
      },
    ]),
    figures,
    sideBySide: sideBySide(figures, 'torch'),
    data: { pairs, rows: table, torch: torchInfo, python, parameters: model.numParameters() },
  });
}

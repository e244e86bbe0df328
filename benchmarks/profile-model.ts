/**
 * Where the model's time goes on a backend: per-kernel time and counts (`tf.profile`) of one
 * training step and of KV-cache sampling, and the wall time outside kernels (JS, host reads,
 * tensor bookkeeping). The workload is the model suite's (0.8 M parameters).
 *
 *   npx tsx profile-model.ts [--backend wasm] [--threads 1] [--batches 64,256] [--top 12] [--by-shape]
 *
 * Each task runs once unprofiled (warm-up), then once under tf.profile.
 */
import { parseArgs } from 'node:util';
import {
  AdamW,
  createModel,
  generate,
  initBackend,
  lmLoss,
  type Tokenizer,
  trainStep,
} from '@r1lab/model';
import * as tf from '@tensorflow/tfjs';
import { BENCH_MODEL_CONFIG, benchTokenizer } from './src/model-workload.ts';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    threads: { type: 'string', default: '1' },
    batches: { type: 'string', default: '64,256' },
    train: { type: 'string', default: '16x128' },
    tokens: { type: 'string', default: '64' },
    top: { type: 'string', default: '12' },
    'by-shape': { type: 'boolean', default: false },
  },
});

interface KernelTotal {
  name: string;
  ms: number;
  count: number;
}

async function profileTask(label: string, fn: () => Promise<void>): Promise<void> {
  await fn();
  const t0 = performance.now();
  const info = await tf.profile(fn);
  const wall = performance.now() - t0;
  const byName = new Map<string, KernelTotal>();
  let kernelMs = 0;
  for (const k of info.kernels) {
    // customGrad functions show up as 'unnamed scope' around their own kernels: not counted twice.
    if (k.name === 'unnamed scope') continue;
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    kernelMs += ms;
    const key = values['by-shape'] ? `${k.name} ${JSON.stringify(k.inputShapes)}` : k.name;
    const t = byName.get(key) ?? { name: key, ms: 0, count: 0 };
    t.ms += ms;
    t.count += 1;
    byName.set(key, t);
  }
  const top = [...byName.values()].sort((a, b) => b.ms - a.ms).slice(0, Number(values.top));
  console.log(
    `\n== ${label}: wall ${wall.toFixed(0)} ms (profiled), kernels ${kernelMs.toFixed(0)} ms in ` +
      `${info.kernels.length} calls, outside kernels ${(wall - kernelMs).toFixed(0)} ms`,
  );
  console.table(
    top.map((t) => ({
      kernel: t.name,
      ms: Number(t.ms.toFixed(1)),
      '% of wall': Number(((100 * t.ms) / wall).toFixed(1)),
      calls: t.count,
      'µs/call': Math.round((1000 * t.ms) / t.count),
    })),
  );
}

const backend = await initBackend(values.backend as 'wasm', { threads: Number(values.threads) });
console.log(`backend ${backend.backend}, ${backend.threads} thread(s)`);
const tok = benchTokenizer();
const model = createModel(BENCH_MODEL_CONFIG, { seed: 1 });
const [B, T] = String(values.train).split('x').map(Number) as [number, number];
const ids = tf.randomUniform([B, T], 0, tok.vocabSize, 'int32', 1) as tf.Tensor2D;
const mask = tf.onesLike(ids) as tf.Tensor2D;
const opt = new AdamW(model.trainableVariables(), { lr: 1e-3 });
await profileTask(`train ${B}x${T} (forward + backward + AdamW)`, async () => {
  trainStep(model, opt, () => lmLoss(model, ids, mask), { maxGradNorm: 1 });
});
const noStop: Tokenizer = Object.assign(Object.create(tok), { eosId: -1, tokenId: () => -1 });
const newTokens = Number(values.tokens);
for (const b of String(values.batches).split(',').map(Number)) {
  const prompts = Array.from({ length: b }, () => [tok.bosId]);
  await profileTask(`sample batch ${b} x ${newTokens}`, async () => {
    await generate(model, noStop, prompts, { maxNewTokens: newTokens, seed: 1 });
  });
}
process.exit(0);

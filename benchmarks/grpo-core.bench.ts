// GRPO math cost: advantages for 4,096 rewards, and the policy loss forward+backward at
// B=128 × T=256 (the loss alone: the model's own backward is benchmarked in @r1lab/model).
import { mkdirSync, writeFileSync } from 'node:fs';
import { GRPO_DEFAULTS, GRPO_RECIPES, groupAdvantages, policyLoss } from '@r1lab/grpo-core';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Bench } from 'tinybench';

const B = 128;
const T = 256;

/** Deterministic values in [0, 1) (xorshift32), so every run measures the same inputs. */
function stream(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const rand = stream(42);
const rewards = Float64Array.from({ length: 4096 }, () => (rand() < 0.4 ? 1 : 0) + 0.1 * rand());
const old = Float32Array.from({ length: B * T }, () => -4 * rand());
const drift = Float32Array.from({ length: B * T }, () => 0.4 * (rand() - 0.5));
const ref = Float32Array.from({ length: B * T }, (_, i) => old[i]! + 0.2 * (rand() - 0.5));
const lengths = Array.from({ length: B }, () => 32 + Math.floor(rand() * (T - 32)));
const maskValues = Float32Array.from({ length: B * T }, (_, i) =>
  i % T < lengths[Math.floor(i / T)]! ? 1 : 0,
);
const advantageValues = groupAdvantages(
  Float64Array.from({ length: B }, () => rand()),
  16,
);

const results: Record<string, unknown>[] = [];

const cpuBench = new Bench({ name: 'groupAdvantages', time: 1000 });
for (const scale of ['group', 'batch', 'none'] as const) {
  cpuBench.add(`groupAdvantages 4096 rewards (G=16, ${scale})`, () => {
    groupAdvantages(rewards, 16, { scale });
  });
}
await cpuBench.run();
console.table(cpuBench.table());
for (const task of cpuBench.tasks) {
  const r = task.result;
  if (r.state === 'completed') {
    results.push({
      task: task.name,
      backend: 'js',
      meanMs: r.latency.mean,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      samples: r.latency.samplesCount,
    });
  }
}

for (const backend of ['wasm', 'cpu'] as const) {
  await tf.setBackend(backend);
  await tf.ready();
  const oldLogp = tf.tensor2d(old, [B, T]);
  const logp = tf.tensor2d(
    old.map((v, i) => v + drift[i]!),
    [B, T],
  );
  const refLogp = tf.tensor2d(ref, [B, T]);
  const mask = tf.tensor2d(maskValues, [B, T]);
  const advantages = tf.tensor1d(advantageValues);
  const configs = {
    'GRPO (DeepSeekMath: k3, β=0.04, seq-mean-token-mean)': { ...GRPO_DEFAULTS },
    'DAPO (clip-higher, β=0, token-mean)': { ...GRPO_RECIPES.dapo },
  };
  const bench = new Bench({ name: `policyLoss on ${backend}`, time: 3000, iterations: 10 });
  for (const [label, config] of Object.entries(configs)) {
    const step = tf.valueAndGrad((lp: tf.Tensor) => {
      const out = policyLoss(
        { logp: lp as tf.Tensor2D, oldLogp, refLogp, advantages, mask },
        config,
      );
      out.stats.dispose();
      return out.loss;
    });
    bench.add(`policyLoss fwd+bwd B=${B} T=${T} ${label} [${backend}]`, () => {
      const { value, grad } = step(logp);
      // Read both results so asynchronous backends are timed to completion.
      value.dataSync();
      grad.dataSync();
      tf.dispose([value, grad]);
    });
    bench.add(`policyLoss fwd only B=${B} T=${T} ${label} [${backend}]`, () => {
      const out = policyLoss({ logp, oldLogp, refLogp, advantages, mask }, config);
      out.loss.dataSync();
      out.stats.read();
      out.loss.dispose();
    });
  }
  const before = tf.memory().numTensors;
  await bench.run();
  const leaked = tf.memory().numTensors - before;
  console.log(`backend: ${tf.getBackend()}; tensors leaked over the run: ${leaked}`);
  console.table(bench.table());
  for (const task of bench.tasks) {
    const r = task.result;
    if (r.state === 'completed') {
      results.push({
        task: task.name,
        backend,
        meanMs: r.latency.mean,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        samples: r.latency.samplesCount,
        leakedTensors: leaked,
      });
    }
  }
  tf.dispose([oldLogp, logp, refLogp, mask, advantages]);
}

mkdirSync('results', { recursive: true });
writeFileSync(
  'results/grpo-core.json',
  JSON.stringify(
    { date: new Date().toISOString(), node: process.version, B, T, tasks: results },
    null,
    2,
  ),
);

// GRPO math cost: advantages for 4,096 rewards, and the policy loss forward+backward at
// B=128 × T=256 (the loss alone: the model's own backward is benchmarked in @r1lab/model).
import { GRPO_RECIPES, groupAdvantages, policyLoss } from '@r1lab/grpo-core';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Bench } from 'tinybench';
import { benchOptions, latencyFigures } from './src/figures.ts';
import { currentRuntime, startProvenance } from './src/provenance.ts';
import type { Environment, Figure } from './src/result-schema.ts';
import { sideBySide } from './src/side-by-side.ts';
import { finishSuite, suiteArgs } from './src/suite-run.ts';

const args = suiteArgs();
const provenance = startProvenance();

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

const figures: Figure[] = [];
const environments: Environment[] = [];
const leakedTensors: Record<string, number> = {};

const cpuBench = new Bench({
  name: 'groupAdvantages',
  ...benchOptions(args.quick, { time: 1000, iterations: 64 }),
});
for (const scale of ['group', 'batch', 'none'] as const) {
  cpuBench.add(`groupAdvantages 4096 rewards (G=16, ${scale})`, () => {
    groupAdvantages(rewards, 16, { scale });
  });
}
await cpuBench.run();
figures.push(...latencyFigures(cpuBench));

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
    'GRPO (DeepSeekMath: k3, β=0.04, seq-mean-token-mean)': { ...GRPO_RECIPES['deepseek-math'] },
    'DAPO (clip-higher, β=0, token-mean)': { ...GRPO_RECIPES.dapo },
  };
  const bench = new Bench({
    name: `policyLoss on ${backend}`,
    ...benchOptions(args.quick, { time: 3000, iterations: 10 }),
  });
  for (const [label, config] of Object.entries(configs)) {
    const step = tf.valueAndGrad((lp: tf.Tensor) => {
      const out = policyLoss(
        { logp: lp as tf.Tensor2D, oldLogp, refLogp, advantages, mask },
        config,
      );
      out.stats.dispose();
      return out.loss;
    });
    bench.add(`policyLoss fwd+bwd B=${B} T=${T} ${label}`, () => {
      const { value, grad } = step(logp);
      // Read both results so asynchronous backends are timed to completion.
      value.dataSync();
      grad.dataSync();
      tf.dispose([value, grad]);
    });
    bench.add(`policyLoss fwd only B=${B} T=${T} ${label}`, () => {
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
  figures.push(...latencyFigures(bench, backend));
  leakedTensors[backend] = leaked;
  // Plain tfjs-backend-wasm under Node is single-threaded (tfjs issue 3830; stack-probe §3.4).
  environments.push({ variant: backend, ...currentRuntime(), backend, threads: 1 });
  tf.dispose([oldLogp, logp, refLogp, mask, advantages]);
}

finishSuite({
  suite: 'grpo-core',
  args,
  provenance: provenance.finish(environments),
  figures,
  sideBySide: sideBySide(figures, 'wasm'),
  data: { B, T, leakedTensors },
});

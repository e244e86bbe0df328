// The model suite's workload, run once per variant (runtime × backend) in its own process:
// training steps (forward + backward + AdamW) and KV-cache sampling of the 0.8 M-parameter config
// of issue 5 (hidden 128, 4 layers, 4 heads, vocab 64). Wall and process CPU time per run: on a
// loaded machine the CPU time of a 1-thread run is the steadier measure of the work done.
import os from 'node:os';
import {
  AdamW,
  CharTokenizer,
  countParameters,
  createModel,
  generate,
  initBackend,
  lmLoss,
  type Tokenizer,
  trainStep,
} from '@r1lab/model';
import * as tf from '@tensorflow/tfjs';
import { currentRuntime } from './provenance.ts';

export interface ModelWorkload {
  backend: 'wasm' | 'cpu';
  threads: number;
  iterations: number;
  /** Training batch B × T. */
  train: { batch: number; length: number };
  /** Sampling batch sizes, each generating `newTokens` tokens a sequence. */
  sampleBatches: number[];
  newTokens: number;
}

export interface MeasuredTask {
  name: string;
  /** Tokens a run processes (trained or generated). */
  tokens: number;
  /** Model FLOPs a token (2 a weight forward; training ×3). */
  flopsPerToken: number;
  wallMs: number[];
  cpuMs: number[];
}

export interface ModelMeasurement {
  runtime: 'node' | 'bun';
  runtimeVersion: string;
  backend: string;
  threads: number;
  parameters: number;
  loadBefore: number;
  loadAfter: number;
  tasks: MeasuredTask[];
}

/** The benchmark's tokenizer: 7 specials + 57 characters = 64 ids. */
export function benchTokenizer(): CharTokenizer {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789+-*/=()., ABCDEFGHIJKLMNOPQRSTU';
  return CharTokenizer.fromAlphabet(alphabet.slice(0, 57));
}

/** The 0.8 M-parameter config every model benchmark measures (the vs-torch reference too). */
export const BENCH_MODEL_CONFIG = {
  vocab_size: 64,
  hidden_size: 128,
  intermediate_size: 344,
  num_hidden_layers: 4,
  num_attention_heads: 4,
  num_key_value_heads: 4,
  max_position_embeddings: 256,
  tie_word_embeddings: true,
} as const;

/** One warm-up run, then `iterations` timed runs, each with its wall and CPU milliseconds. */
async function timeRuns(iterations: number, fn: () => Promise<void>) {
  await fn();
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wallMs.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
  }
  return { wallMs, cpuMs };
}

/**
 * Measures the workload in this process (the backend is initialised here, once per process).
 * Sampling uses a tokenizer view with no stop tokens, so every sequence produces exactly
 * `newTokens` tokens (a random model would otherwise stop at random on <eos>/</answer>).
 *
 * @example
 * const m = await measureModel({ backend: 'wasm', threads: 1, iterations: 3,
 *   train: { batch: 16, length: 128 }, sampleBatches: [64], newTokens: 64 });
 */
export async function measureModel(w: ModelWorkload): Promise<ModelMeasurement> {
  const info = await initBackend(w.backend, { threads: w.threads });
  const tok = benchTokenizer();
  const config = BENCH_MODEL_CONFIG;
  const model = createModel(config, { seed: 1 });
  const parameters = countParameters(model.config);
  // FLOPs per token: 2 per weight in the matmuls (embedding lookup excluded, tied head included).
  const flopsPerToken =
    2 * (parameters - model.config.hidden_size * (2 * config.num_hidden_layers + 1));
  const noStop: Tokenizer = Object.assign(Object.create(tok), { eosId: -1, tokenId: () => -1 });
  const opt = new AdamW(model.trainableVariables(), { lr: 1e-3 });
  const { batch: B, length: T } = w.train;
  const ids = tf.randomUniform([B, T], 0, tok.vocabSize, 'int32') as tf.Tensor2D;
  const mask = tf.onesLike(ids) as tf.Tensor2D;
  const loadBefore = os.loadavg()[0] ?? 0;
  const tasks: MeasuredTask[] = [];
  const train = await timeRuns(w.iterations, async () => {
    trainStep(model, opt, () => lmLoss(model, ids, mask), { maxGradNorm: 1 });
  });
  tasks.push({
    name: `train ${B}x${T}`,
    tokens: B * T,
    flopsPerToken: 3 * flopsPerToken,
    ...train,
  });
  for (const b of w.sampleBatches) {
    const prompts = Array.from({ length: b }, () => [tok.bosId]);
    const runs = await timeRuns(w.iterations, async () => {
      const out = await generate(model, noStop, prompts, { maxNewTokens: w.newTokens, seed: 1 });
      if (out.some((o) => o.ids.length !== w.newTokens)) throw new Error('early stop in bench');
    });
    tasks.push({
      name: `sample batch ${b} x ${w.newTokens}`,
      tokens: b * w.newTokens,
      flopsPerToken,
      ...runs,
    });
  }
  tf.dispose([ids, mask]);
  const runtime = currentRuntime();
  return {
    runtime: runtime.runtime === 'bun' ? 'bun' : 'node',
    runtimeVersion: runtime.runtimeVersion,
    backend: info.backend,
    threads: info.threads,
    parameters,
    loadBefore,
    loadAfter: os.loadavg()[0] ?? 0,
    tasks,
  };
}

/**
 * @r1lab/model throughput: training tokens/s (forward + backward + AdamW) and KV-cache sampling
 * tokens/s for the 0.8 M-parameter config of issue 5 (hidden 128, 4 layers, 4 heads, vocab 64).
 *
 *   npx tsx model.bench.ts [--backend wasm|cpu] [--threads N] [--iterations N] [--quick]
 *
 * Default: wasm with 1 thread — what the pipeline uses (`initBackend('wasm')`). `--threads 2` starts
 * wasm pthreads (stack-probe §3.4); on this shared 2-core VM that is much slower whenever another
 * process holds a core (XNNPACK's thread pool waits for the descheduled worker), see the README.
 * Besides wall time it records the process CPU time per run: on a loaded machine, CPU time of a
 * 1-thread run is the steadier measure of the work done. Writes results/model[-bun][-cpu][-tN].json.
 * Sampling uses a tokenizer view with no stop tokens so every sequence produces exactly
 * `newTokens` tokens (a random model would otherwise stop at random on <eos>/</answer>).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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
import { Bench } from 'tinybench';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const backendKind = arg('backend', 'wasm') as 'wasm' | 'cpu';
const threads = Number(arg('threads', '1'));
const iterations = Number(arg('iterations', '5'));
const quick = process.argv.includes('--quick');

async function main() {
  const info = await initBackend(backendKind, { threads });
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789+-*/=()., ABCDEFGHIJKLMNOPQRSTU'.slice(
    0,
    57,
  );
  const tok = CharTokenizer.fromAlphabet(alphabet); // 7 specials + 57 = 64 ids
  const config = {
    vocab_size: tok.vocabSize,
    hidden_size: 128,
    intermediate_size: 344,
    num_hidden_layers: 4,
    num_attention_heads: 4,
    num_key_value_heads: 4,
    max_position_embeddings: 256,
    tie_word_embeddings: true,
  };
  const model = createModel(config, { seed: 1 });
  const params = countParameters(model.config);
  // FLOPs per token: 2 per weight in the matmuls (embedding lookup excluded, tied head included).
  const flopsPerToken =
    2 * (params - model.config.hidden_size * (2 * config.num_hidden_layers + 1));
  const noStop: Tokenizer = Object.assign(Object.create(tok), { eosId: -1, tokenId: () => -1 });
  const opt = new AdamW(model.trainableVariables(), { lr: 1e-3 });
  const B = 16;
  const T = 128;
  const ids = tf.randomUniform([B, T], 0, tok.vocabSize, 'int32') as tf.Tensor2D;
  const mask = tf.onesLike(ids) as tf.Tensor2D;
  const newTokens = 64;
  const batches = quick ? [64] : [1, 16, 64, 256];

  const bench = new Bench({ iterations, time: 0, warmupIterations: 1, warmupTime: 0 });
  // Process CPU ms per run (user + system), keyed by task; the warm-up run is dropped below.
  const cpuMs = new Map<string, number[]>();
  const withCpu = (name: string, fn: () => Promise<void>) => async () => {
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    cpuMs.set(name, [...(cpuMs.get(name) ?? []), (c.user + c.system) / 1000]);
  };
  const trainName = `train ${B}x${T}`;
  bench.add(
    trainName,
    withCpu(trainName, async () => {
      trainStep(model, opt, () => lmLoss(model, ids, mask), { maxGradNorm: 1 });
    }),
  );
  for (const b of batches) {
    const prompts = Array.from({ length: b }, () => [tok.bosId]);
    const name = `sample batch ${b} x ${newTokens}`;
    bench.add(
      name,
      withCpu(name, async () => {
        const out = await generate(model, noStop, prompts, { maxNewTokens: newTokens, seed: 1 });
        if (out.some((o) => o.ids.length !== newTokens)) throw new Error('early stop in bench');
      }),
    );
  }
  const loadBefore = os.loadavg()[0];
  await bench.run();
  const rows = bench.tasks.map((task) => {
    const r = task.result as unknown as { latency: { p50: number; min: number; max: number } };
    const tokens = task.name.startsWith('train')
      ? B * T
      : Number(task.name.split(' ')[2]) * newTokens;
    const ms = r.latency.p50;
    const tokPerS = (tokens / ms) * 1000;
    const flops = task.name.startsWith('train') ? 3 * flopsPerToken : flopsPerToken;
    const cpu = (cpuMs.get(task.name) ?? []).slice(1).sort((a, b) => a - b);
    const cpuMedian = cpu[Math.floor(cpu.length / 2)] ?? Number.NaN;
    return {
      task: task.name,
      medianMs: Math.round(ms),
      medianCpuMs: Math.round(cpuMedian),
      tokensPerCpuS: Math.round((tokens / cpuMedian) * 1000),
      minMs: Math.round(r.latency.min),
      maxMs: Math.round(r.latency.max),
      tokensPerS: Math.round(tokPerS),
      modelGflopsPerS: Number(((tokPerS * flops) / 1e9).toFixed(2)),
    };
  });
  console.table(rows);
  const result = {
    package: '@r1lab/model',
    date: new Date().toISOString(),
    runtime:
      typeof (globalThis as { Bun?: unknown }).Bun !== 'undefined'
        ? 'bun'
        : `node ${process.version}`,
    backend: info.backend,
    threads: info.threads,
    cpus: os.cpus().length,
    loadavg1mBefore: loadBefore,
    loadavg1mAfter: os.loadavg()[0],
    parameters: params,
    iterations,
    rows,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = new URL(
    `./results/model${'Bun' in globalThis ? '-bun' : ''}${backendKind === 'wasm' ? '' : `-${backendKind}`}${threads > 1 ? `-t${threads}` : ''}.json`,
    import.meta.url,
  );
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `wrote ${file.pathname} (backend ${info.backend}, threads ${info.threads}, load ${loadBefore?.toFixed(2)} → ${os.loadavg()[0]?.toFixed(2)})`,
  );
}

main().then(
  () => process.exit(0), // wasm pthreads keep the process alive otherwise
  (err) => {
    console.error((err as Error).stack);
    process.exit(1);
  },
);

/**
 * Batched sampling with a KV cache: one prefill pass over the left-padded prompts, then one
 * T = 1 decoder step per new token for every live sequence. Finished sequences are dropped from
 * the batch (their cache rows gathered away) once they make up half of it, so a group of G
 * completions with uneven lengths does not keep paying for the ones that already stopped.
 */
import { Rng } from '@r1lab/random';
import * as tf from '@tensorflow/tfjs';
import { attentionBias, positionsFromMask, ropeInputs } from './attention-inputs.ts';
import { headDim } from './config.ts';
import type { Model } from './model.ts';
import { padArrays } from './pad-batch.ts';
import { sampleToken } from './sampler.ts';
import type { Tokenizer } from './tokenizer.ts';
import {
  disposePrepared,
  embedTokens,
  type KvCache,
  type PreparedWeights,
  prepareInferenceWeights,
  runDecoder,
} from './transformer.ts';

export interface GenerateOptions {
  maxNewTokens: number;
  /** Sampling temperature (> 0); the returned logprobs are at this temperature. Default 1. */
  temperature?: number;
  topK?: number;
  topP?: number;
  /** Extra stop strings, checked against the decoded completion. */
  stop?: string[];
  seed?: number;
  /** Argmax decoding (logprobs still reported at `temperature`). */
  greedy?: boolean;
}

export interface Completion {
  promptIds: number[];
  /** Completion ids, including the stop token (`</answer>` or `<eos>`) when one ended it. */
  ids: number[];
  /** Completion text (`</answer>` included, `<eos>` excluded). */
  text: string;
  /** log p(token) at `temperature`, untruncated by top-k/top-p — equals tokenLogProbs. */
  logprobs: number[];
  finishReason: 'stop' | 'length';
}

interface Live {
  /** original sequence index of each batch row */
  rows: number[];
  /** key mask, row-major [rows.length, tk] */
  keyMask: Float32Array;
  tk: number;
  /** real tokens seen so far per row (= RoPE position of the next token) */
  nReal: number[];
  cache: KvCache;
}

/** Next-token logits [B, V] from final hidden states (final norm folded into headT). */
function stepLogits(w: PreparedWeights, hidden: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(hidden, w.headT);
}

/**
 * log softmax(logits / temperature) of row `r` into `out` (float32, like tokenLogProbs). Done in JS
 * on the one array read per step: V exps per row are cheaper than the ~6 tfjs kernels of
 * tf.logSoftmax (max, sub, exp, sum, log, sub), each a fixed per-op cost in a decode step.
 */
function rowLogSoftmax(
  logits: Float32Array,
  r: number,
  vocab: number,
  temperature: number,
  out: Float32Array,
): void {
  const o = r * vocab;
  let max = -Infinity;
  for (let i = 0; i < vocab; i++) max = Math.max(max, logits[o + i]! / temperature);
  let sum = 0;
  for (let i = 0; i < vocab; i++) sum += Math.exp(logits[o + i]! / temperature - max);
  const lse = max + Math.log(sum);
  for (let i = 0; i < vocab; i++) out[o + i] = logits[o + i]! / temperature - lse;
}

/**
 * The embedding rows of `tokens` copied from a host copy of the matrix: the same floats as
 * tf.gather, whose wasm kernel took 4.6 ms a decode step at batch 256 (~18 µs a row; profile at
 * load ~5), about 3 % of sampling time there.
 */
function embedRows(embed: Float32Array, tokens: Int32Array, dim: number): Float32Array {
  const out = new Float32Array(tokens.length * dim);
  for (let i = 0; i < tokens.length; i++) {
    const o = tokens[i]! * dim;
    out.set(embed.subarray(o, o + dim), i * dim);
  }
  return out;
}

function disposeCache(cache: KvCache): void {
  for (const c of cache) {
    c.k.dispose();
    c.v.dispose();
  }
}

/**
 * Samples completions for every prompt at once (pass each prompt G times for a GRPO group).
 * Strings are encoded with `tokenizer.encode` as is (put `<bos>` in the text if the model expects it).
 *
 * @example
 * const out = await generate(model, tok, ['<bos>1+2=', '<bos>3+4='], { maxNewTokens: 32, temperature: 1, seed: 1 });
 * out[0].text; // '<think>…</think><answer>3</answer>'
 */
export async function generate(
  model: Model,
  tokenizer: Tokenizer,
  prompts: readonly string[] | readonly (readonly number[])[],
  opts: GenerateOptions,
): Promise<Completion[]> {
  const temperature = opts.temperature ?? 1;
  if (!(temperature > 0)) throw new Error(`generate: temperature must be > 0, got ${temperature}`);
  if (!(opts.maxNewTokens >= 0)) throw new Error('generate: maxNewTokens must be >= 0');
  const promptIds = prompts.map((p) => (typeof p === 'string' ? tokenizer.encode(p) : [...p]));
  if (promptIds.length === 0) return [];
  promptIds.forEach((p, i) => {
    if (p.length === 0) throw new Error(`generate: prompt ${i} is empty (add <bos>)`);
  });
  const cfg = model.config;
  const V = cfg.vocab_size;
  const hd = headDim(cfg);
  // Seed 0 becomes state 0x9e3779b9: this sampler's seeding since its first version, kept so that
  // every seeded sample (and each run's checkpoints) stays bit-identical.
  const random = new Rng((opts.seed ?? 0) >>> 0 || 0x9e3779b9);
  const rng = () => random.next();
  const stopIds = new Set<number>([tokenizer.eosId]);
  const answerEnd = tokenizer.tokenId('</answer>');
  if (answerEnd !== undefined) stopIds.add(answerEnd);
  const stopStrings = [...(opts.stop ?? []), ...(answerEnd === undefined ? ['</answer>'] : [])];
  const n = promptIds.length;
  const out: Completion[] = promptIds.map((p) => ({
    promptIds: p,
    ids: [],
    text: '',
    logprobs: [],
    finishReason: 'length',
  }));
  if (opts.maxNewTokens === 0) return out;

  const padded = padArrays(promptIds, tokenizer.padId, 'left');
  const P = padded.len;
  const w = prepareInferenceWeights(model);
  const embedHost = w.embed.dataSync() as Float32Array;
  let logits: tf.Tensor2D | undefined;
  const heads = cfg.num_attention_heads + cfg.num_key_value_heads;
  const live: Live = {
    rows: Array.from({ length: n }, (_, i) => i),
    keyMask: Float32Array.from(padded.mask),
    tk: P,
    nReal: promptIds.map((p) => p.length),
    cache: [],
  };
  try {
    // Prefill: the whole prompt batch in one pass; keep each layer's K/V.
    const pre = tf.tidy(() => {
      const ids = tf.tensor2d(padded.ids, [n, P], 'int32');
      const positions = positionsFromMask(padded.mask, n, P);
      const { cos, sin } = ropeInputs(positions, heads, hd, cfg.rope_theta);
      const bias = attentionBias(padded.mask, n, P, P, 0);
      const x = embedTokens(w.embed, ids, false);
      const r = runDecoder(model, w, {
        x,
        batch: n,
        len: P,
        cos,
        sin,
        bias,
        keepCache: true,
        inference: true,
      });
      const last = r.hidden
        .reshape([n, P, cfg.hidden_size])
        .slice([0, P - 1, 0], [n, 1, cfg.hidden_size])
        .reshape([n, cfg.hidden_size]) as tf.Tensor2D;
      return { logits: stepLogits(w, last), cache: r.cache! };
    });
    logits = pre.logits;
    live.cache = pre.cache;
    let lp = new Float32Array(0);

    for (let step = 0; step < opts.maxNewTokens; step++) {
      // The one device → host read per step.
      const raw = (await logits.data()) as Float32Array;
      logits.dispose();
      logits = undefined;
      const B = live.rows.length;
      if (lp.length !== raw.length) lp = new Float32Array(raw.length);
      const next = new Int32Array(B);
      const still: boolean[] = [];
      for (let r = 0; r < B; r++) {
        const seq = out[live.rows[r]!]!;
        if (seq.finishReason === 'stop') {
          still.push(false); // finished earlier, awaiting compaction
          continue;
        }
        rowLogSoftmax(raw, r, V, temperature, lp);
        const tok = sampleToken(lp, r * V, V, opts, rng);
        seq.ids.push(tok);
        seq.logprobs.push(lp[r * V + tok]!);
        let done = stopIds.has(tok);
        if (!done && stopStrings.length > 0) {
          const text = tokenizer.decode(seq.ids);
          done = stopStrings.some((s) => text.endsWith(s) || text.includes(s));
        }
        if (done) seq.finishReason = 'stop';
        next[r] = tok;
        still.push(!done);
      }
      const remaining = still.filter(Boolean).length;
      if (remaining === 0 || step === opts.maxNewTokens - 1) break;

      // Drop finished rows once they are half the batch (fewer rows = cheaper steps).
      let keep = still.map((_, r) => r);
      if (remaining <= B / 2) {
        keep = keep.filter((r) => still[r]);
        compact(live, keep);
      }
      const Bn = keep.length;
      const tokens = new Int32Array(Bn);
      const newMask = new Float32Array(Bn * (live.tk + 1));
      const positions = new Int32Array(Bn);
      keep.forEach((r, i) => {
        tokens[i] = still[r] ? next[r]! : tokenizer.padId;
        newMask.set(live.keyMask.subarray(i * live.tk, (i + 1) * live.tk), i * (live.tk + 1));
        newMask[i * (live.tk + 1) + live.tk] = still[r] ? 1 : 0;
        positions[i] = live.nReal[i]!;
        if (still[r]) live.nReal[i]!++;
      });
      live.tk += 1;
      live.keyMask = newMask;
      const prev = live.cache;
      const res = tf.tidy(() => {
        const { cos, sin } = ropeInputs(positions, heads, hd, cfg.rope_theta);
        const bias = attentionBias(newMask, Bn, 1, live.tk, live.tk - 1);
        const x = tf.tensor2d(embedRows(embedHost, tokens, cfg.hidden_size), [Bn, cfg.hidden_size]);
        const r = runDecoder(model, w, {
          x,
          batch: Bn,
          len: 1,
          cos,
          sin,
          bias,
          past: prev,
          keepCache: true,
          inference: true,
        });
        return { logits: stepLogits(w, r.hidden), cache: r.cache! };
      });
      disposeCache(prev);
      live.cache = res.cache;
      logits = res.logits;
    }
  } finally {
    logits?.dispose();
    disposeCache(live.cache);
    disposePrepared(w, model);
  }
  for (const seq of out) {
    const body = seq.ids.at(-1) === tokenizer.eosId ? seq.ids.slice(0, -1) : seq.ids;
    seq.text = tokenizer.decode(body);
  }
  return out;
}

/** Keeps only batch rows `keep` (indices into the current batch) in the cache and bookkeeping. */
function compact(live: Live, keep: number[]): void {
  const idx = tf.tensor1d(keep, 'int32');
  const cache = live.cache.map((c) => ({
    k: tf.gather(c.k, idx) as tf.Tensor4D,
    v: tf.gather(c.v, idx) as tf.Tensor4D,
  }));
  idx.dispose();
  disposeCache(live.cache);
  live.cache = cache;
  const mask = new Float32Array(keep.length * live.tk);
  keep.forEach((r, i) => {
    mask.set(live.keyMask.subarray(r * live.tk, (r + 1) * live.tk), i * live.tk);
  });
  live.keyMask = mask;
  live.rows = keep.map((r) => live.rows[r]!);
  live.nReal = keep.map((r) => live.nReal[r]!);
}

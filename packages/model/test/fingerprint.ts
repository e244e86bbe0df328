// A bit-level fingerprint of the model's numerics: what a speed change must leave identical.
// It hashes float32 bit patterns (not rounded values) of: teacher-forced logits, sampler-side
// log-probs and entropies at a temperature, the loss of each of N clipped AdamW steps and the
// weights after them, and generate()'s tokens and log-probs (with early stops, so the batch
// compaction path runs). Left padding everywhere, so the mask paths are covered.
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import {
  AdamW,
  CharTokenizer,
  createModel,
  forward,
  generate,
  type LlamaConfig,
  lmLoss,
  type Model,
  padBatch,
  tokenLogProbs,
  trainStep,
} from '../src/index.ts';

export interface Fingerprint {
  logits: string;
  logp: string;
  entropy: string;
  /** gradient of a GRPO-like objective (tempered log-probs + entropy bonus) */
  policyGrads: string;
  /** loss of each training step, as float32 bit patterns in hex */
  losses: string[];
  weightsAfter: string;
  generateIds: string;
  generateLogprobs: string;
}

const ALPHABET = '0123456789+-=*abcdefghij ';

/** The r1-zero model's shape (MHA, untied head), smaller; and a tied GQA one. */
export const FINGERPRINT_CONFIGS: Record<string, Partial<LlamaConfig>> = {
  mha: {
    hidden_size: 64,
    intermediate_size: 172,
    num_hidden_layers: 2,
    num_attention_heads: 4,
    num_key_value_heads: 4,
    max_position_embeddings: 64,
    rms_norm_eps: 1e-5,
    tie_word_embeddings: false,
  },
  gqa: {
    hidden_size: 32,
    intermediate_size: 48,
    num_hidden_layers: 2,
    num_attention_heads: 4,
    num_key_value_heads: 2,
    max_position_embeddings: 64,
    tie_word_embeddings: true,
  },
};

function sha(...arrays: ArrayLike<number>[]): string {
  const h = createHash('sha256');
  for (const a of arrays) {
    const f = Float32Array.from(a);
    h.update(new Uint8Array(f.buffer));
  }
  return h.digest('hex').slice(0, 16);
}

const bits = (x: number) => {
  const f = new Float32Array([x]);
  return new Uint32Array(f.buffer)[0]!.toString(16).padStart(8, '0');
};

/**
 * Computes the fingerprint on the current backend.
 *
 * @example
 * const fp = await modelFingerprint(FINGERPRINT_CONFIGS.mha!, 5);
 */
export async function modelFingerprint(
  config: Partial<LlamaConfig>,
  steps: number,
): Promise<Fingerprint> {
  const tok = CharTokenizer.fromAlphabet(ALPHABET);
  const model: Model = createModel({ ...config, vocab_size: tok.vocabSize }, { seed: 11 });
  const texts = ['<bos>12+7=19', '<bos>3*4=12 abc', '<bos>9-2=7', '<bos>ab+cd=ef*gh=ij 100'];
  const { ids, attentionMask } = padBatch(
    texts.map((t) => tok.encode(t)),
    tok.padId,
    'left',
  );
  const logits = tf.tidy(() => forward(model, ids, attentionMask).dataSync());
  const lp = tokenLogProbs(model, ids, attentionMask, { temperature: 0.7, withEntropy: true });
  const logp = lp.logp.dataSync();
  const entropy = lp.entropy!.dataSync();
  tf.dispose([lp.logp, lp.entropy!]);
  const vars = model.trainableVariables();
  const { value, grads } = tf.variableGrads(() => {
    const r = tokenLogProbs(model, ids, attentionMask, { temperature: 0.7, withEntropy: true });
    return r.logp.sum().add(r.entropy!.sum().mul(0.01)) as tf.Scalar;
  }, vars);
  const policyGrads = sha(...vars.map((v) => grads[v.name]!.dataSync()));
  tf.dispose([value, grads]);
  const opt = new AdamW(model.trainableVariables(), { lr: 3e-3, weightDecay: 0.1 });
  const lossMask = attentionMask;
  const losses: string[] = [];
  for (let s = 0; s < steps; s++) {
    const r = trainStep(model, opt, () => lmLoss(model, ids, lossMask, attentionMask), {
      maxGradNorm: 0.5,
    });
    losses.push(bits(r.loss));
  }
  const names = [...model.weights.keys()].sort();
  const weightsAfter = sha(...names.map((n) => model.get(n).dataSync()));
  const prompts = Array.from({ length: 12 }, (_, i) => `<bos>${i}+${(i * 7) % 10}=`);
  const out = await generate(model, tok, prompts, { maxNewTokens: 20, temperature: 1, seed: 5 });
  tf.dispose([ids, attentionMask]);
  opt.dispose();
  model.dispose();
  return {
    logits: sha(logits),
    logp: sha(logp),
    entropy: sha(entropy),
    policyGrads,
    losses,
    weightsAfter,
    generateIds: sha(out.flatMap((o) => [...o.ids, -1])),
    generateLogprobs: sha(out.flatMap((o) => o.logprobs)),
  };
}

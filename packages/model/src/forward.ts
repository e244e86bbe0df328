/**
 * Full-sequence (teacher-forced) passes: logits, per-token log-probs, LM loss. All differentiable
 * with respect to the model's variables (call them inside `tf.variableGrads`).
 */
import * as tf from '@tensorflow/tfjs';
import { attentionBias, positionsFromMask, ropeInputs } from './attention-inputs.ts';
import { headDim } from './config.ts';
import { dense } from './dense.ts';
import type { Model } from './model.ts';
import { tokenEntropy } from './token-entropy.ts';
import { embedTokens, type PreparedWeights, prepareWeights, runDecoder } from './transformer.ts';

function maskArray(ids: tf.Tensor2D, attentionMask?: tf.Tensor2D): Float32Array {
  if (!attentionMask) return new Float32Array(ids.size).fill(1);
  if (attentionMask.shape.join() !== ids.shape.join()) {
    throw new Error(`attentionMask shape [${attentionMask.shape}] != ids shape [${ids.shape}]`);
  }
  return Float32Array.from(attentionMask.dataSync());
}

/**
 * Hidden states after the final norm, [B·T, D], plus the prepared weights (for the head).
 *
 * @example
 * const { hidden, w } = decoderHidden(model, ids, mask);
 */
export function decoderHidden(
  model: Model,
  ids: tf.Tensor2D,
  attentionMask?: tf.Tensor2D,
): { hidden: tf.Tensor2D; w: PreparedWeights } {
  if (ids.rank !== 2) throw new Error(`ids must be [B, T], got rank ${ids.rank}`);
  const [B, T] = ids.shape;
  const cfg = model.config;
  const mask = maskArray(ids, attentionMask);
  const positions = positionsFromMask(mask, B, T);
  const heads = cfg.num_attention_heads + cfg.num_key_value_heads;
  const { cos, sin } = ropeInputs(positions, heads, headDim(cfg), cfg.rope_theta);
  const bias = attentionBias(mask, B, T, T, 0);
  const w = prepareWeights(model);
  const x = embedTokens(w.embed, ids, true);
  const { hidden } = runDecoder(model, w, { x, batch: B, len: T, cos, sin, bias });
  return { hidden, w };
}

/**
 * Logits [B, T, V] for every position (teacher forcing). Differentiable.
 *
 * @example
 * const logits = forward(model, tf.tensor2d([[0, 7, 8]], undefined, 'int32')); // [1, 3, V]
 */
export function forward(model: Model, ids: tf.Tensor2D, attentionMask?: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const { hidden, w } = decoderHidden(model, ids, attentionMask);
    const [B, T] = ids.shape;
    return dense(hidden, w.headT).reshape([B, T, model.config.vocab_size]) as tf.Tensor3D;
  });
}

/**
 * log softmax(logits)[target] per row, with a fused gradient dy·(onehot − softmax).
 * `logits` [N, V], `targets` one-hot [N, V] (not differentiated).
 */
function selectedLogProb(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  const op = tf.customGrad(((l: tf.Tensor2D, save: tf.GradSaveFunc) => {
    const lse = tf.logSumExp(l, -1);
    const value = l.mul(targets).sum(-1).sub(lse);
    save([l, lse, targets]); // saved copies outlive the caller's tidy

    return {
      value,
      gradFunc: (dy: tf.Tensor1D, saved: tf.Tensor[]) => {
        const [L, LSE, Y] = saved as [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D];
        const p = L.sub(LSE.expandDims(1)).exp();
        return [Y.sub(p).mul(dy.expandDims(1))];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(logits) as tf.Tensor1D;
}

export interface TokenLogProbsOptions {
  /** Sampling temperature the log-probs are taken at (logits / temperature). */
  temperature?: number;
  /** Also return the per-token entropy of the (tempered) next-token distribution. */
  withEntropy?: boolean;
}

/**
 * logp[b, t] = log p(ids[b, t] | ids[b, < t]) at the given temperature; t = 0 and padding get 0.
 * entropy[b, t] is the entropy of the distribution that predicted ids[b, t] (0 likewise).
 * Materialises one [B·(T−1), V] logits tensor (plus its softmax in the backward pass).
 *
 * @example
 * const { logp } = tokenLogProbs(model, ids, mask, { temperature: 1 }); // [B, T]
 */
export function tokenLogProbs(
  model: Model,
  ids: tf.Tensor2D,
  attentionMask: tf.Tensor2D | undefined,
  opts: TokenLogProbsOptions = {},
): { logp: tf.Tensor2D; entropy?: tf.Tensor2D } {
  const temperature = opts.temperature ?? 1;
  if (!(temperature > 0))
    throw new Error(`tokenLogProbs: temperature must be > 0, got ${temperature}`);
  const [B, T] = ids.shape;
  const V = model.config.vocab_size;
  const D = model.config.hidden_size;
  if (T < 2) {
    const z = tf.zeros([B, T]) as tf.Tensor2D;
    return opts.withEntropy ? { logp: z, entropy: tf.zeros([B, T]) } : { logp: z };
  }
  const out = tf.tidy(() => {
    const { hidden, w } = decoderHidden(model, ids, attentionMask);
    const h = hidden.reshape([B, T, D]).slice([0, 0, 0], [B, T - 1, D]);
    let logits = dense(h, w.headT).reshape([B * (T - 1), V]) as tf.Tensor2D;
    if (temperature !== 1) logits = logits.div(temperature);
    const next = ids
      .slice([0, 1], [B, T - 1])
      .reshape([-1])
      .toInt();
    const targets = tf.oneHot(next, V).toFloat() as tf.Tensor2D;
    const realNext = attentionMask
      ? attentionMask.slice([0, 1], [B, T - 1]).toFloat()
      : tf.ones([B, T - 1]);
    const zeroCol = tf.zeros([B, 1]);
    const lp = selectedLogProb(logits, targets)
      .reshape([B, T - 1])
      .mul(realNext);
    const result: tf.Tensor[] = [tf.concat([zeroCol, lp], 1)];
    if (opts.withEntropy) {
      const ent = tokenEntropy(logits)
        .reshape([B, T - 1])
        .mul(realNext);
      result.push(tf.concat([zeroCol, ent], 1));
    }
    return result;
  });
  return opts.withEntropy
    ? { logp: out[0] as tf.Tensor2D, entropy: out[1] as tf.Tensor2D }
    : { logp: out[0] as tf.Tensor2D };
}

/**
 * Mean next-token cross-entropy over the target positions where `lossMask` is 1 (position 0 is
 * never a target). Pretraining: lossMask = attention mask; SFT: completion tokens only.
 * Pass `attentionMask` when the batch is left-padded (right padding needs none: attention is causal).
 *
 * @example
 * const loss = lmLoss(model, ids, lossMask); // tf.Scalar
 */
export function lmLoss(
  model: Model,
  ids: tf.Tensor2D,
  lossMask: tf.Tensor2D,
  attentionMask?: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => {
    const [B, T] = ids.shape;
    const { logp } = tokenLogProbs(model, ids, attentionMask, { temperature: 1 });
    const m = lossMask.toFloat().slice([0, 1], [B, T - 1]);
    const lp = logp.slice([0, 1], [B, T - 1]);
    return lp.mul(m).sum().neg().div(m.sum().maximum(1)) as tf.Scalar;
  });
}

/**
 * The Llama decoder forward pass (HF `LlamaForCausalLM`): embedding → N × [RMSNorm → GQA
 * self-attention with RoPE → residual → RMSNorm → SwiGLU MLP → residual] → RMSNorm → LM head.
 *
 * Shapes: B batch, T new tokens, Tk keys (cache + new), D hidden, H query heads, Hkv key/value
 * heads, G = H / Hkv, hd head dim. Projections are fused per layer (q|k|v and gate|up) and
 * pre-transposed to [in, out] so each is one untransposed 2-D matmul (fast on wasm).
 */
import * as tf from '@tensorflow/tfjs';
import { headDim } from './config.ts';
import { dense, matMul2d } from './dense.ts';
import type { Model } from './model.ts';
import { rotateHalfMatrix } from './rope.ts';

export interface LayerWeights {
  ln1: tf.Tensor1D;
  /** [D, (H + 2·Hkv)·hd] */
  qkvT: tf.Tensor2D;
  /** [H·hd, D] */
  oT: tf.Tensor2D;
  ln2: tf.Tensor1D;
  /** [D, 2·I] */
  guT: tf.Tensor2D;
  /** [I, D] */
  downT: tf.Tensor2D;
}

export interface PreparedWeights {
  embed: tf.Tensor2D;
  layers: LayerWeights[];
  norm: tf.Tensor1D;
  /** [D, V] */
  headT: tf.Tensor2D;
  /** [hd, hd] rotate_half as a matrix */
  rot: tf.Tensor2D;
}

/** Per-layer K/V: [B, Hkv, Tk, hd]. */
export type KvCache = Array<{ k: tf.Tensor4D; v: tf.Tensor4D }>;

/**
 * Fused, transposed views of the model's variables. Inside `tf.variableGrads` the gradients flow
 * back through the concat/transpose to the HF-layout variables.
 *
 * @example
 * const w = tf.tidy(() => prepareWeights(model)); // dispose with disposePrepared(w)
 */
export function prepareWeights(model: Model): PreparedWeights {
  const cfg = model.config;
  const layers: LayerWeights[] = [];
  for (let i = 0; i < cfg.num_hidden_layers; i++) {
    const p = `model.layers.${i}`;
    const g = (n: string) => model.get(`${p}.${n}`);
    layers.push({
      ln1: g('input_layernorm.weight') as tf.Tensor1D,
      qkvT: tf
        .concat(
          [
            g('self_attn.q_proj.weight'),
            g('self_attn.k_proj.weight'),
            g('self_attn.v_proj.weight'),
          ],
          0,
        )
        .transpose() as tf.Tensor2D,
      oT: g('self_attn.o_proj.weight').transpose() as tf.Tensor2D,
      ln2: g('post_attention_layernorm.weight') as tf.Tensor1D,
      guT: tf
        .concat([g('mlp.gate_proj.weight'), g('mlp.up_proj.weight')], 0)
        .transpose() as tf.Tensor2D,
      downT: g('mlp.down_proj.weight').transpose() as tf.Tensor2D,
    });
  }
  const embed = model.get('model.embed_tokens.weight') as tf.Tensor2D;
  const head = cfg.tie_word_embeddings ? embed : model.get('lm_head.weight');
  return {
    embed,
    layers,
    norm: model.get('model.norm.weight') as tf.Tensor1D,
    headT: head.transpose() as tf.Tensor2D,
    rot: rotateHalfMatrix(headDim(cfg)),
  };
}

/**
 * `prepareWeights` for sampling: built once under tf.tidy; free with `disposePrepared`.
 *
 * @example
 * const w = prepareInferenceWeights(model);
 */
export function prepareInferenceWeights(model: Model): PreparedWeights {
  return tf.tidy(
    () => prepareWeights(model) as unknown as tf.TensorContainer,
  ) as unknown as PreparedWeights;
}

/**
 * Disposes the derived tensors of `prepareWeights` (never the model's variables).
 *
 * @example
 * disposePrepared(w);
 */
export function disposePrepared(w: PreparedWeights, model: Model): void {
  const own = new Set<tf.Tensor>(model.weights.values());
  const all: tf.Tensor[] = [w.embed, w.norm, w.headT, w.rot];
  for (const l of w.layers) all.push(l.ln1, l.qkvT, l.oT, l.ln2, l.guT, l.downT);
  for (const t of all) if (!own.has(t)) t.dispose();
}

/**
 * RMSNorm over the last axis (HF LlamaRMSNorm): x · rsqrt(mean(x²) + eps) · w.
 *
 * @example
 * rmsNorm(x, w, 1e-6);
 */
export function rmsNorm(x: tf.Tensor, w: tf.Tensor1D, eps: number): tf.Tensor {
  return x.mul(x.square().mean(-1, true).add(eps).rsqrt()).mul(w);
}

/**
 * Token embeddings [B·T, D]. On wasm `tf.gather` has no gradient (UnsortedSegmentSum is missing),
 * (tf.oneHot with dtype float32 writes int32 bit patterns on wasm 4.22, so one-hots are cast.)
 * so the differentiable path multiplies a one-hot matrix instead.
 *
 * @example
 * embedTokens(w.embed, ids, true); // differentiable
 */
export function embedTokens(
  embed: tf.Tensor2D,
  ids: tf.Tensor,
  differentiable: boolean,
): tf.Tensor2D {
  const flat = ids.reshape([-1]).toInt();
  if (differentiable && tf.getBackend() === 'wasm') {
    return matMul2d(tf.oneHot(flat, embed.shape[0]).toFloat() as tf.Tensor2D, embed);
  }
  return tf.gather(embed, flat) as tf.Tensor2D;
}

export interface DecoderInputs {
  /** [B·T, D] embedded tokens */
  x: tf.Tensor2D;
  batch: number;
  len: number;
  /** [B, T, 1, hd] */
  cos: tf.Tensor;
  sin: tf.Tensor;
  /** [B, 1, T, Tk] additive */
  bias: tf.Tensor;
  past?: KvCache;
  /** return the (past + new) K/V per layer */
  keepCache?: boolean;
}

/**
 * Runs all decoder layers and the final norm. Returns hidden states [B·T, D] (+ the new cache).
 *
 * @example
 * const { hidden } = runDecoder(model, w, { x, batch: B, len: T, cos, sin, bias });
 */
export function runDecoder(
  model: Model,
  w: PreparedWeights,
  inp: DecoderInputs,
): { hidden: tf.Tensor2D; cache?: KvCache } {
  const cfg = model.config;
  const { batch: B, len: T } = inp;
  const H = cfg.num_attention_heads;
  const Hkv = cfg.num_key_value_heads;
  const G = H / Hkv;
  const hd = headDim(cfg);
  const I = cfg.intermediate_size;
  const scale = 1 / Math.sqrt(hd);
  const cache: KvCache = [];
  let x: tf.Tensor = inp.x;
  w.layers.forEach((lw, li) => {
    const h = rmsNorm(x, lw.ln1, cfg.rms_norm_eps);
    const qkv = dense(h, lw.qkvT).reshape([B, T, H + 2 * Hkv, hd]);
    let qk = qkv.slice([0, 0, 0, 0], [B, T, H + Hkv, hd]);
    const vNew = qkv.slice([0, 0, H + Hkv, 0], [B, T, Hkv, hd]);
    const qkRot = matMul2d(qk.reshape([-1, hd]) as tf.Tensor2D, w.rot).reshape(qk.shape);
    qk = qk.mul(inp.cos).add(qkRot.mul(inp.sin));
    const q = qk.slice([0, 0, 0, 0], [B, T, H, hd]).mul(scale);
    // [B, T, Hkv, hd] → [B, Hkv, T, hd]; for T = 1 the transpose is a pure reshape.
    const toHeads = (t: tf.Tensor) =>
      T === 1 ? t.reshape([B, Hkv, 1, hd]) : t.transpose([0, 2, 1, 3]);
    let k = toHeads(qk.slice([0, 0, H, 0], [B, T, Hkv, hd])) as tf.Tensor4D;
    let v = toHeads(vNew) as tf.Tensor4D;
    const past = inp.past?.[li];
    if (past) {
      k = tf.concat([past.k, k], 2);
      v = tf.concat([past.v, v], 2);
    }
    if (inp.keepCache) cache.push({ k, v });
    const tk = k.shape[2];
    // Query heads grouped under their K/V head: [B, Hkv, G·T, hd] (no K/V repetition needed).
    const qh =
      T === 1
        ? q.reshape([B, Hkv, G, hd])
        : G === 1
          ? q.transpose([0, 2, 1, 3])
          : q
              .reshape([B, T, Hkv, G, hd])
              .transpose([0, 2, 3, 1, 4])
              .reshape([B, Hkv, G * T, hd]);
    let scores = tf.matMul(qh as tf.Tensor4D, k, false, true); // [B, Hkv, G·T, Tk]
    if (G === 1) scores = scores.add(inp.bias);
    else {
      scores = scores
        .reshape([B, Hkv, G, T, tk])
        .add(inp.bias.reshape([B, 1, 1, T, tk]))
        .reshape([B, Hkv, G * T, tk]);
    }
    const o = tf.matMul(tf.softmax(scores), v); // [B, Hkv, G·T, hd]
    const merged =
      T === 1
        ? o.reshape([B, H * hd])
        : G === 1
          ? o.transpose([0, 2, 1, 3]).reshape([B * T, H * hd])
          : o
              .reshape([B, Hkv, G, T, hd])
              .transpose([0, 3, 1, 2, 4])
              .reshape([B * T, H * hd]);
    x = x.add(dense(merged, lw.oT));
    const h2 = rmsNorm(x, lw.ln2, cfg.rms_norm_eps);
    const gu = dense(h2, lw.guT);
    const gate = gu.slice([0, 0], [B * T, I]);
    const up = gu.slice([0, I], [B * T, I]);
    x = x.add(dense(gate.mul(gate.sigmoid()).mul(up), lw.downT));
  });
  const hidden = rmsNorm(x, w.norm, cfg.rms_norm_eps) as tf.Tensor2D;
  return inp.keepCache ? { hidden, cache } : { hidden };
}

/**
 * The Llama decoder forward pass (HF `LlamaForCausalLM`): embedding → N × [RMSNorm → GQA
 * self-attention with RoPE → residual → RMSNorm → SwiGLU MLP → residual] → RMSNorm → LM head.
 *
 * Shapes: B batch, T new tokens, Tk keys (cache + new), D hidden, H query heads, Hkv key/value
 * heads, G = H / Hkv, hd head dim. Projections are fused per layer (q|k|v and gate|up) and
 * pre-transposed to [in, out] so each is one untransposed 2-D matmul (fast on wasm).
 */
import * as tf from '@tensorflow/tfjs';
import { depthwiseAttention } from './attention-dw.ts';
import { headDim } from './config.ts';
import { matMul2d, matMulConstant } from './dense.ts';
import type { Model } from './model.ts';
import { rotateHalfMatrix } from './rope.ts';

export interface LayerWeights {
  /**
   * [D, (H + Hkv)·hd]: q | k projections, input_layernorm weight folded into the rows and the
   * 1/√hd attention scale folded into the q columns (both linear, so exact up to rounding).
   */
  qkT: tf.Tensor2D;
  /** [D, Hkv·hd], input_layernorm folded in */
  vT: tf.Tensor2D;
  /** [H·hd, D] */
  oT: tf.Tensor2D;
  /** [D, I] each, post_attention_layernorm folded in */
  gateT: tf.Tensor2D;
  upT: tf.Tensor2D;
  /** [I, D] */
  downT: tf.Tensor2D;
}

export interface PreparedWeights {
  embed: tf.Tensor2D;
  layers: LayerWeights[];
  /** [D, V], final norm weight folded into the rows */
  headT: tf.Tensor2D;
  /** [hd, hd] rotate_half as a matrix, and its transpose (for the backward pass) */
  rot: tf.Tensor2D;
  rotT: tf.Tensor2D;
}

/** Per-layer K/V: [B, Hkv, Tk, hd]. */
export type KvCache = Array<{ k: tf.Tensor4D; v: tf.Tensor4D }>;

/**
 * Transposed, norm-folded views of the model's variables. Why fold: RMSNorm's weight w and the
 * attention scale are per-row/per-column constants of the next matmul, so multiplying them into
 * the small weight matrix once replaces a multiply over every [B·T, D] activation (forward and
 * backward). q|k stay fused so RoPE runs once for both; v and gate/up are separate matmuls because
 * slicing a fused output costs a Slice per piece and a Pad per piece in the backward pass.
 * Inside `tf.variableGrads` the gradients flow back through these ops to the HF-layout variables.
 *
 * @example
 * const w = tf.tidy(() => prepareWeights(model)); // dispose with disposePrepared(w)
 */
export function prepareWeights(model: Model): PreparedWeights {
  const cfg = model.config;
  const D = cfg.hidden_size;
  const scale = 1 / Math.sqrt(headDim(cfg));
  const layers: LayerWeights[] = [];
  for (let i = 0; i < cfg.num_hidden_layers; i++) {
    const p = `model.layers.${i}`;
    const g = (n: string) => model.get(`${p}.${n}`);
    const ln1 = g('input_layernorm.weight').reshape([D, 1]);
    const ln2 = g('post_attention_layernorm.weight').reshape([D, 1]);
    layers.push({
      qkT: tf
        .concat([g('self_attn.q_proj.weight').mul(scale), g('self_attn.k_proj.weight')], 0)
        .transpose()
        .mul(ln1) as tf.Tensor2D,
      vT: g('self_attn.v_proj.weight').transpose().mul(ln1) as tf.Tensor2D,
      oT: g('self_attn.o_proj.weight').transpose() as tf.Tensor2D,
      gateT: g('mlp.gate_proj.weight').transpose().mul(ln2) as tf.Tensor2D,
      upT: g('mlp.up_proj.weight').transpose().mul(ln2) as tf.Tensor2D,
      downT: g('mlp.down_proj.weight').transpose() as tf.Tensor2D,
    });
  }
  const embed = model.get('model.embed_tokens.weight') as tf.Tensor2D;
  const head = cfg.tie_word_embeddings ? embed : model.get('lm_head.weight');
  const rot = rotateHalfMatrix(headDim(cfg));
  return {
    embed,
    layers,
    headT: head.transpose().mul(model.get('model.norm.weight').reshape([D, 1])) as tf.Tensor2D,
    rot,
    rotT: rot.transpose(),
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
  const all: tf.Tensor[] = [w.embed, w.headT, w.rot, w.rotT];
  for (const l of w.layers) all.push(l.qkT, l.vT, l.oT, l.gateT, l.upT, l.downT);
  for (const t of all) if (!own.has(t)) t.dispose();
}

/**
 * RMSNorm without its weight (HF LlamaRMSNorm up to the final `· w`, which `prepareWeights`
 * folds into the next matmul): x · rsqrt(mean(x²) + eps).
 *
 * @example
 * normalize(x, 1e-6);
 */
export function normalize(x: tf.Tensor, eps: number): tf.Tensor {
  return x.mul(x.square().mean(-1, true).add(eps).rsqrt());
}

/**
 * Token embeddings [B·T, D]. On wasm `tf.gather` has no gradient (UnsortedSegmentSum is missing),
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
  const flat = (ids.dtype === 'int32' ? ids : ids.toInt()).reshape([-1]) as tf.Tensor1D;
  if (differentiable && tf.getBackend() === 'wasm') {
    // (tf.oneHot with dtype float32 writes int32 bit patterns on wasm 4.22, so it is cast instead.)
    return matMul2d(tf.oneHot(flat, embed.shape[0]).toFloat() as tf.Tensor2D, embed);
  }
  return tf.gather(embed, flat) as tf.Tensor2D;
}

export interface DecoderInputs {
  /** [B·T, D] embedded tokens */
  x: tf.Tensor2D;
  batch: number;
  len: number;
  /** [B·T·(H + Hkv), hd], from ropeInputs(positions, H + Hkv, …) */
  cos: tf.Tensor2D;
  sin: tf.Tensor2D;
  /** [B, 1, T, Tk] additive (Tk includes the cache) */
  bias: tf.Tensor;
  past?: KvCache;
  /** return the (past + new) K/V per layer */
  keepCache?: boolean;
  /**
   * No gradients needed (sampling): plain tf.matMul instead of the custom-gradient matMul2d,
   * whose per-call gradient scope is pure overhead in a decode step.
   */
  inference?: boolean;
}

/**
 * Runs all decoder layers and the final norm (its weight is folded into `w.headT`, so multiply
 * by `w.headT` for logits). Returns hidden states [B·T, D] (+ the new cache).
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
  const N = B * T;
  const eps = cfg.rms_norm_eps;
  const cache: KvCache = [];
  const mm = inp.inference ? (a: tf.Tensor2D, b: tf.Tensor2D) => tf.matMul(a, b) : matMul2d;
  const rotate = (rows: tf.Tensor2D) =>
    inp.inference ? tf.matMul(rows, w.rot) : matMulConstant(rows, w.rot, w.rotT);
  // Teacher-forced passes on wasm: attention products as XNNPACK depthwise convs (attention-dw.ts).
  const useDw = T > 1 && !inp.past && !inp.keepCache && tf.getBackend() === 'wasm';
  const biasTB = useDw ? inp.bias.transpose([2, 0, 1, 3]) : undefined;
  let x: tf.Tensor = inp.x;
  w.layers.forEach((lw, li) => {
    const h = normalize(x, eps) as tf.Tensor2D;
    // RoPE on q|k at once: rows are (token, head) pairs, x·cos + (x·R)·sin.
    const qkRows = mm(h, lw.qkT).reshape([N * (H + Hkv), hd]) as tf.Tensor2D;
    // q and k as column blocks of the [N, (H + Hkv)·hd] view: a 2-D slice (N runs of H·hd, one
    // copy each: wasm-kernels.ts) instead of the 4-D one (N·H runs of hd). Same values; the
    // backward pass is a Pad per block and an Add.
    const qk = qkRows
      .mul(inp.cos)
      .add(rotate(qkRows).mul(inp.sin))
      .reshape([N, (H + Hkv) * hd]);
    const q = qk.slice([0, 0], [N, H * hd]).reshape([B, T, H, hd]);
    const kNew = qk.slice([0, H * hd], [N, Hkv * hd]).reshape([B, T, Hkv, hd]);
    const vNew = mm(h, lw.vT);
    if (biasTB) {
      // Repeat K/V heads for GQA (a broadcast; its gradient sums the copies back).
      const rep = (t: tf.Tensor) =>
        G === 1
          ? t.reshape([B, T, H, hd])
          : t.reshape([N, Hkv, 1, hd]).tile([1, 1, G, 1]).reshape([B, T, H, hd]); // rank 4: tile's gradient stops at 4-D
      const o = depthwiseAttention(q, rep(kNew), rep(vNew), biasTB);
      x = x.add(mm(o.reshape([N, H * hd]) as tf.Tensor2D, lw.oT));
    } else {
      x = attendWithCache();
    }
    const h2 = normalize(x, eps) as tf.Tensor2D;
    const gate = mm(h2, lw.gateT);
    const up = mm(h2, lw.upT);
    x = x.add(mm(gate.mul(gate.sigmoid()).mul(up) as tf.Tensor2D, lw.downT));

    /** Batched-matMul attention (sampling: prefill and decode steps, which keep a K/V cache). */
    function attendWithCache(): tf.Tensor {
      // [B, T, Hkv, hd] → [B, Hkv, T, hd]; for T = 1 the transpose is a pure reshape.
      const toHeads = (t: tf.Tensor) =>
        T === 1 ? t.reshape([B, Hkv, 1, hd]) : t.reshape([B, T, Hkv, hd]).transpose([0, 2, 1, 3]);
      let k = toHeads(kNew) as tf.Tensor4D;
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
      if (G === 1 || T === 1)
        scores = scores.add(inp.bias); // T = 1: bias [B,1,1,Tk] broadcasts over G
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
            ? o.transpose([0, 2, 1, 3]).reshape([N, H * hd])
            : o
                .reshape([B, Hkv, G, T, hd])
                .transpose([0, 3, 1, 2, 4])
                .reshape([N, H * hd]);
      return x.add(mm(merged as tf.Tensor2D, lw.oT));
    }
  });
  const hidden = normalize(x, eps) as tf.Tensor2D;
  return inp.keepCache ? { hidden, cache } : { hidden };
}

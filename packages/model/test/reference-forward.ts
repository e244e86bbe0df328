/**
 * A deliberately naive Llama forward in plain TypeScript loops, written from the HF
 * `modeling_llama.py` definitions (RMSNorm, rotate_half RoPE, repeat_kv GQA, SwiGLU), used as
 * the parity reference for the tfjs implementation.
 */
import { headDim, type LlamaConfig } from '../src/config.ts';

type Weights = Map<string, { data: Float32Array; shape: number[] }>;

function linear(w: { data: Float32Array; shape: number[] }, x: number[]): number[] {
  const [out, inp] = w.shape as [number, number];
  const y = new Array<number>(out).fill(0);
  for (let o = 0; o < out; o++) {
    let s = 0;
    for (let i = 0; i < inp; i++) s += w.data[o * inp + i]! * x[i]!;
    y[o] = s;
  }
  return y;
}

function rms(x: number[], w: Float32Array, eps: number): number[] {
  const ms = x.reduce((a, v) => a + v * v, 0) / x.length;
  const r = 1 / Math.sqrt(ms + eps);
  return x.map((v, i) => v * r * w[i]!);
}

function rope(vec: number[], pos: number, hd: number, theta: number): number[] {
  const half = hd / 2;
  const out = vec.slice();
  for (let i = 0; i < half; i++) {
    const a = pos * theta ** (-(2 * i) / hd);
    const x1 = vec[i]!;
    const x2 = vec[i + half]!;
    out[i] = x1 * Math.cos(a) - x2 * Math.sin(a);
    out[i + half] = x2 * Math.cos(a) + x1 * Math.sin(a);
  }
  return out;
}

/** Logits [T][V] for one unpadded sequence. */
export function referenceForward(weights: Weights, cfg: LlamaConfig, ids: number[]): number[][] {
  const g = (n: string) => weights.get(n)!;
  const D = cfg.hidden_size;
  const H = cfg.num_attention_heads;
  const Hkv = cfg.num_key_value_heads;
  const hd = headDim(cfg); // HF: head_dim, else hidden_size / heads
  const E = g('model.embed_tokens.weight');
  let x = ids.map((id) => Array.from(E.data.subarray(id * D, (id + 1) * D)));
  for (let l = 0; l < cfg.num_hidden_layers; l++) {
    const p = `model.layers.${l}`;
    const h = x.map((v) => rms(v, g(`${p}.input_layernorm.weight`).data, cfg.rms_norm_eps));
    const q = h.map((v) => linear(g(`${p}.self_attn.q_proj.weight`), v));
    const k = h.map((v) => linear(g(`${p}.self_attn.k_proj.weight`), v));
    const v = h.map((v) => linear(g(`${p}.self_attn.v_proj.weight`), v));
    const head = (vec: number[], i: number) => vec.slice(i * hd, (i + 1) * hd);
    const attnOut = x.map((_, t) => {
      const out: number[] = [];
      for (let hh = 0; hh < H; hh++) {
        const kvh = Math.floor(hh / (H / Hkv)); // repeat_kv
        const qv = rope(head(q[t]!, hh), t, hd, cfg.rope_theta);
        const scores: number[] = [];
        for (let s = 0; s <= t; s++) {
          const kv = rope(head(k[s]!, kvh), s, hd, cfg.rope_theta);
          scores.push(qv.reduce((a, val, i) => a + val * kv[i]!, 0) / Math.sqrt(hd));
        }
        const m = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - m));
        const z = e.reduce((a, b) => a + b, 0);
        const o = new Array<number>(hd).fill(0);
        e.forEach((w, s) => {
          const vv = head(v[s]!, kvh);
          for (let i = 0; i < hd; i++) o[i]! += (w / z) * vv[i]!;
        });
        out.push(...o);
      }
      return out;
    });
    x = x.map((xv, t) => {
      const o = linear(g(`${p}.self_attn.o_proj.weight`), attnOut[t]!);
      return xv.map((val, i) => val + o[i]!);
    });
    x = x.map((xv) => {
      const h2 = rms(xv, g(`${p}.post_attention_layernorm.weight`).data, cfg.rms_norm_eps);
      const gate = linear(g(`${p}.mlp.gate_proj.weight`), h2);
      const up = linear(g(`${p}.mlp.up_proj.weight`), h2);
      const act = gate.map((a, i) => (a / (1 + Math.exp(-a))) * up[i]!);
      const d = linear(g(`${p}.mlp.down_proj.weight`), act);
      return xv.map((val, i) => val + d[i]!);
    });
  }
  const headW = cfg.tie_word_embeddings ? E : g('lm_head.weight');
  return x.map((xv) => linear(headW, rms(xv, g('model.norm.weight').data, cfg.rms_norm_eps)));
}

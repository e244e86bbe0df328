/**
 * Builds a random checkpoint in Hugging Face Llama layout as raw files (safetensors bytes written
 * by our writer from a hand-listed set of HF tensor names, config.json as HF writes it).
 */
import { headDim, type LlamaConfig, resolveConfig } from '../src/config.ts';
import { writeSafetensors } from '../src/index.ts';
import { seeded } from './fixtures.ts';

export function hfCheckpointFiles(partial: Partial<LlamaConfig>, seed = 7) {
  const cfg = resolveConfig(partial);
  const rnd = seeded(seed);
  const D = cfg.hidden_size;
  const hd = headDim(cfg);
  const I = cfg.intermediate_size;
  const shapes: Array<[string, number[]]> = [['model.embed_tokens.weight', [cfg.vocab_size, D]]];
  for (let l = 0; l < cfg.num_hidden_layers; l++) {
    const p = `model.layers.${l}`;
    shapes.push(
      [`${p}.self_attn.q_proj.weight`, [cfg.num_attention_heads * hd, D]],
      [`${p}.self_attn.k_proj.weight`, [cfg.num_key_value_heads * hd, D]],
      [`${p}.self_attn.v_proj.weight`, [cfg.num_key_value_heads * hd, D]],
      [`${p}.self_attn.o_proj.weight`, [D, cfg.num_attention_heads * hd]],
      [`${p}.mlp.gate_proj.weight`, [I, D]],
      [`${p}.mlp.up_proj.weight`, [I, D]],
      [`${p}.mlp.down_proj.weight`, [D, I]],
      [`${p}.input_layernorm.weight`, [D]],
      [`${p}.post_attention_layernorm.weight`, [D]],
    );
  }
  shapes.push(['model.norm.weight', [D]]);
  if (!cfg.tie_word_embeddings) shapes.push(['lm_head.weight', [cfg.vocab_size, D]]);
  // An extra buffer HF checkpoints sometimes carry; loaders must ignore it.
  shapes.push(['model.layers.0.self_attn.rotary_emb.inv_freq', [hd / 2]]);
  const weights = new Map<string, { data: Float32Array; shape: number[] }>();
  for (const [name, shape] of shapes) {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    const isNorm = name.endsWith('norm.weight');
    for (let i = 0; i < n; i++) data[i] = isNorm ? 0.8 + 0.4 * rnd() : (rnd() - 0.5) * 0.6;
    weights.set(name, { data, shape });
  }
  const st = writeSafetensors(
    new Map([...weights].map(([k, v]) => [k, { dtype: 'F32' as const, ...v }])),
    { format: 'pt' },
  );
  const config = {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    hidden_act: 'silu',
    ...partial,
  };
  const files = new Map<string, Uint8Array>([
    ['model.safetensors', st],
    ['config.json', new TextEncoder().encode(JSON.stringify(config))],
  ]);
  return { files, weights, cfg };
}

/**
 * Which settings of a Hugging Face Llama `config.json` r1lab's forward pass does not implement.
 * Loading such a checkpoint must fail, naming the setting, instead of computing other logits
 * than Hugging Face would. Checked against transformers' LlamaConfig (v4 and v5 field names):
 *
 * - implemented: vocab/hidden/intermediate sizes, layers, heads, GQA (`num_key_value_heads`),
 *   `head_dim` different from hidden_size / heads (every projection uses heads × head_dim),
 *   `rms_norm_eps`, `rope_theta` (or v5's `rope_parameters.rope_theta`), `tie_word_embeddings`,
 *   `hidden_act: "silu"`;
 * - harmless: `pretraining_tp` > 1 (HF v4 splits the projections into that many slices and sums
 *   them: the same function up to rounding), `attention_dropout` (training only; r1lab trains
 *   without dropout, and inference is unaffected), `max_position_embeddings`, `use_cache`,
 *   `initializer_range`, token ids, dtypes;
 * - not implemented (rejected here): another `model_type` (Gemma, Qwen2, Mistral… share Llama's
 *   tensor names but not its forward pass), `hidden_act` other than silu, RoPE scaling of any
 *   type but "default" (`rope_scaling` in v4, `rope_parameters.rope_type` in v5),
 *   `attention_bias`, `mlp_bias`, and quantized weights (`quantization_config`).
 * Bias tensors in the weights are rejected by the checkpoint loader (checkpoint.ts).
 */
import type { LlamaConfig } from './config.ts';

const ropeType = (r: { rope_type?: unknown; type?: unknown }) => r.rope_type ?? r.type ?? 'default';

/**
 * The settings of `cfg` that r1lab does not implement, one phrase each (empty when none).
 *
 * @example
 * unimplementedFeatures({ ...cfg, attention_bias: true }); // ['attention_bias: true (…)']
 */
export function unimplementedFeatures(cfg: Partial<LlamaConfig>): string[] {
  const out: string[] = [];
  if (cfg.model_type != null && cfg.model_type !== 'llama') {
    out.push(`model_type "${cfg.model_type}" (only "llama" is implemented)`);
  }
  if (cfg.hidden_act != null && cfg.hidden_act !== 'silu') {
    out.push(`hidden_act "${cfg.hidden_act}" (only hidden_act "silu" is supported)`);
  }
  if (cfg.rope_scaling != null && ropeType(cfg.rope_scaling) !== 'default') {
    out.push(
      `rope_scaling of type "${String(ropeType(cfg.rope_scaling))}" (only plain RoPE is implemented)`,
    );
  }
  if (cfg.rope_parameters != null && ropeType(cfg.rope_parameters) !== 'default') {
    out.push(
      `rope_parameters.rope_type "${String(ropeType(cfg.rope_parameters))}" (only plain RoPE is implemented)`,
    );
  }
  if (cfg.attention_bias === true) {
    out.push('attention_bias: true (the attention projections have no bias here)');
  }
  if (cfg.mlp_bias === true) out.push('mlp_bias: true (the MLP projections have no bias here)');
  if (cfg.quantization_config != null) {
    out.push('quantization_config (quantized weights are not implemented; use a float checkpoint)');
  }
  return out;
}

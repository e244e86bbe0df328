import { unimplementedFeatures } from './config-features.ts';

/**
 * The model's hyper-parameters, in the shape (and with the snake_case field names) of a
 * Hugging Face `LlamaConfig` / `config.json`, so a real checkpoint folder's config reads as is.
 */
export interface LlamaConfig {
  vocab_size: number;
  hidden_size: number;
  intermediate_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  /** Grouped-query attention: number of K/V heads; must divide num_attention_heads. */
  num_key_value_heads: number;
  max_position_embeddings: number;
  rms_norm_eps: number;
  rope_theta: number;
  tie_word_embeddings: boolean;
  /** Per-head width; HF derives it as hidden_size / num_attention_heads when absent. */
  head_dim?: number;
  model_type?: string;
  architectures?: string[];
  bos_token_id?: number;
  eos_token_id?: number | number[];
  pad_token_id?: number;
  hidden_act?: string;
  torch_dtype?: string;
  /** transformers < 5: RoPE scaling; only null or type "default" is implemented. */
  rope_scaling?: RopeSettings | null;
  /** transformers ≥ 5: RoPE settings (`rope_theta` moved here); only type "default". */
  rope_parameters?: RopeSettings | null;
  /** Biases on q/k/v/o or on the MLP projections: not implemented (rejected). */
  attention_bias?: boolean;
  mlp_bias?: boolean;
  /** HF v4 tensor-parallel slicing of the projections: the same function, accepted. */
  pretraining_tp?: number;
  /** Present in quantized checkpoints: rejected. */
  quantization_config?: unknown;
}

/** RoPE settings as HF writes them (`rope_type`, or `type` in older configs, plus parameters). */
export interface RopeSettings {
  rope_type?: string;
  type?: string;
  rope_theta?: number;
  [key: string]: unknown;
}

/** Defaults a partial HF config.json is completed with (HF LlamaConfig defaults where sensible). */
const defaults: Omit<LlamaConfig, 'vocab_size' | 'hidden_size'> = {
  intermediate_size: 0,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  num_key_value_heads: 0,
  max_position_embeddings: 2048,
  rms_norm_eps: 1e-6,
  rope_theta: 10000,
  tie_word_embeddings: false,
};

/**
 * Completes and validates a (possibly partial) Llama config; throws a clear error on nonsense.
 *
 * @example
 * const cfg = resolveConfig({ vocab_size: 64, hidden_size: 128, num_hidden_layers: 4, num_attention_heads: 4 });
 * cfg.num_key_value_heads; // 4
 */
export function resolveConfig(partial: Partial<LlamaConfig>): LlamaConfig {
  const cfg = { ...defaults, ...partial } as LlamaConfig;
  if (!cfg.vocab_size || !cfg.hidden_size) {
    throw new Error('LlamaConfig: vocab_size and hidden_size are required');
  }
  const missing = unimplementedFeatures(cfg);
  if (missing.length > 0) {
    throw new Error(`LlamaConfig: not implemented by r1lab: ${missing.join('; ')}`);
  }
  // transformers ≥ 5 writes rope_theta inside rope_parameters only.
  const ropeTheta = partial.rope_parameters?.rope_theta;
  if (ropeTheta !== undefined) {
    if (partial.rope_theta !== undefined && partial.rope_theta !== ropeTheta) {
      throw new Error(
        `LlamaConfig: rope_theta ${partial.rope_theta} and rope_parameters.rope_theta ${ropeTheta} disagree`,
      );
    }
    cfg.rope_theta = ropeTheta;
  }
  if (!cfg.num_key_value_heads) cfg.num_key_value_heads = cfg.num_attention_heads;
  if (!cfg.intermediate_size) cfg.intermediate_size = Math.round((cfg.hidden_size * 8) / 3);
  const hd = headDim(cfg);
  const ints: Array<keyof LlamaConfig> = [
    'vocab_size',
    'hidden_size',
    'intermediate_size',
    'num_hidden_layers',
    'num_attention_heads',
    'num_key_value_heads',
    'max_position_embeddings',
  ];
  for (const k of ints) {
    const v = cfg[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new Error(`LlamaConfig: ${k} must be a positive integer, got ${String(v)}`);
    }
  }
  if (cfg.num_attention_heads % cfg.num_key_value_heads !== 0) {
    throw new Error(
      `LlamaConfig: num_key_value_heads (${cfg.num_key_value_heads}) must divide num_attention_heads (${cfg.num_attention_heads})`,
    );
  }
  if (!Number.isInteger(hd) || hd % 2 !== 0) {
    throw new Error(`LlamaConfig: head dim must be an even integer, got ${hd}`);
  }
  return cfg;
}

/**
 * Width of one attention head.
 *
 * @example
 * headDim(resolveConfig({ vocab_size: 64, hidden_size: 128, num_attention_heads: 4 })); // 32
 */
export function headDim(cfg: LlamaConfig): number {
  return cfg.head_dim ?? cfg.hidden_size / cfg.num_attention_heads;
}

/**
 * Number of parameters the config describes (embedding counted once when tied).
 *
 * @example
 * countParameters(resolveConfig({ vocab_size: 64, hidden_size: 128, intermediate_size: 344, num_hidden_layers: 4, num_attention_heads: 4, tie_word_embeddings: true })); // 799_872
 */
export function countParameters(cfg: LlamaConfig): number {
  const d = cfg.hidden_size;
  const hd = headDim(cfg);
  const attn = d * cfg.num_attention_heads * hd * 2 + d * cfg.num_key_value_heads * hd * 2;
  const mlp = 3 * d * cfg.intermediate_size;
  const layer = attn + mlp + 2 * d;
  const emb = cfg.vocab_size * d;
  return emb * (cfg.tie_word_embeddings ? 1 : 2) + cfg.num_hidden_layers * layer + d;
}

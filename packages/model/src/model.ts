/**
 * The policy's parameters: named tf.Variables keyed by Hugging Face Llama tensor names,
 * stored in HF layout (nn.Linear weights are [out_features, in_features]).
 */
import * as tf from '@tensorflow/tfjs';
import { headDim, type LlamaConfig, resolveConfig } from './config.ts';

/** HF tensor names and shapes for a config, in a stable order. */
export function parameterShapes(cfg: LlamaConfig): Array<[string, number[]]> {
  const d = cfg.hidden_size;
  const hd = headDim(cfg);
  const qOut = cfg.num_attention_heads * hd;
  const kvOut = cfg.num_key_value_heads * hd;
  const out: Array<[string, number[]]> = [['model.embed_tokens.weight', [cfg.vocab_size, d]]];
  for (let i = 0; i < cfg.num_hidden_layers; i++) {
    const p = `model.layers.${i}`;
    out.push(
      [`${p}.input_layernorm.weight`, [d]],
      [`${p}.self_attn.q_proj.weight`, [qOut, d]],
      [`${p}.self_attn.k_proj.weight`, [kvOut, d]],
      [`${p}.self_attn.v_proj.weight`, [kvOut, d]],
      [`${p}.self_attn.o_proj.weight`, [d, qOut]],
      [`${p}.post_attention_layernorm.weight`, [d]],
      [`${p}.mlp.gate_proj.weight`, [cfg.intermediate_size, d]],
      [`${p}.mlp.up_proj.weight`, [cfg.intermediate_size, d]],
      [`${p}.mlp.down_proj.weight`, [d, cfg.intermediate_size]],
    );
  }
  out.push(['model.norm.weight', [d]]);
  if (!cfg.tie_word_embeddings) out.push(['lm_head.weight', [cfg.vocab_size, d]]);
  return out;
}

let modelCounter = 0;

/** A Llama-style decoder: config + its variables. Owns the variables; call `dispose()`. */
export class Model {
  readonly config: LlamaConfig;
  /** HF tensor name → variable (tfjs-global variable names carry a unique prefix). */
  readonly weights: Map<string, tf.Variable>;
  readonly trainable: boolean;
  private disposed = false;

  constructor(config: LlamaConfig, tensors: Map<string, tf.Tensor>, trainable = true) {
    this.config = config;
    this.trainable = trainable;
    const id = modelCounter++;
    this.weights = new Map();
    for (const [name, shape] of parameterShapes(config)) {
      const t = tensors.get(name);
      if (!t) throw new Error(`Model: missing tensor ${name}`);
      if (t.shape.join(',') !== shape.join(',')) {
        throw new Error(`Model: tensor ${name} has shape [${t.shape}], expected [${shape}]`);
      }
      this.weights.set(name, tf.variable(t.toFloat(), trainable, `r1lab${id}/${name}`));
    }
  }

  /**
   * The variable for an HF tensor name (throws when absent).
   *
   * @example
   * model.get('model.norm.weight').shape; // [hidden_size]
   */
  get(name: string): tf.Variable {
    const v = this.weights.get(name);
    if (!v) throw new Error(`Model: no tensor named ${name}`);
    return v;
  }

  /**
   * Variables to optimise, in a stable order (empty for frozen clones).
   *
   * @example
   * const opt = new AdamW(model.trainableVariables(), { lr: 1e-3 });
   */
  trainableVariables(): tf.Variable[] {
    return this.trainable ? [...this.weights.values()] : [];
  }

  /**
   * Total number of parameters.
   *
   * @example
   * model.numParameters(); // 799_872 for the 0.8 M benchmark config
   */
  numParameters(): number {
    let n = 0;
    for (const v of this.weights.values()) n += v.size;
    return n;
  }

  /**
   * Frees every variable. Idempotent.
   *
   * @example
   * model.dispose();
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.weights.values()) v.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }
}

/**
 * A randomly initialised model (weights ~ N(0, 0.02), residual output projections scaled by
 * 1/√(2·layers) as in GPT-2, norms 1), deterministic for a given seed.
 *
 * @example
 * const model = createModel({ vocab_size: 64, hidden_size: 128, num_hidden_layers: 4, num_attention_heads: 4 }, { seed: 1 });
 */
export function createModel(
  config: Partial<LlamaConfig>,
  opts: { seed?: number; initStd?: number } = {},
): Model {
  const cfg = resolveConfig(config);
  const std = opts.initStd ?? 0.02;
  let seed = opts.seed ?? 0;
  const tensors = new Map<string, tf.Tensor>();
  const residualStd = std / Math.sqrt(2 * cfg.num_hidden_layers);
  for (const [name, shape] of parameterShapes(cfg)) {
    if (name.endsWith('norm.weight')) tensors.set(name, tf.ones(shape));
    else {
      const s = /o_proj|down_proj/.test(name) ? residualStd : std;
      tensors.set(name, tf.randomNormal(shape, 0, s, 'float32', seed++));
    }
  }
  try {
    return new Model(cfg, tensors);
  } finally {
    for (const t of tensors.values()) t.dispose();
  }
}

/**
 * A deep copy with its own variables: frozen (not trainable) by default, for the reference
 * and old-policy models of GRPO.
 *
 * @example
 * const ref = cloneModel(policy); // ref.trainableVariables().length === 0
 */
export function cloneModel(model: Model, opts: { trainable?: boolean } = {}): Model {
  return new Model(model.config, model.weights as Map<string, tf.Tensor>, opts.trainable ?? false);
}

/**
 * Copies the weights of `from` into `into` (same config), e.g. to refresh the old policy.
 *
 * @example
 * copyWeights(policy, oldPolicy);
 */
export function copyWeights(from: Model, into: Model): void {
  for (const [name, v] of into.weights) v.assign(from.get(name));
}

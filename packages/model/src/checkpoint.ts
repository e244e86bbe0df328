/**
 * Checkpoints in Hugging Face layout: `model.safetensors` (HF Llama tensor names, F32),
 * `config.json` (LlamaConfig with the tokenizer's token ids), and with a tokenizer
 * `tokenizer.json` + `tokenizer_config.json` (Hugging Face `tokenizers` format, r1lab's char
 * tokenizer included) and `generation_config.json`; for training resume `optimizer.safetensors`
 * (AdamW moments) + `trainer_state.json`. This file turns models into file bytes and back
 * (web-standard); checkpoint-fs.ts does the I/O, checkpoint-hf-files.ts the tokenizer files.
 */
import * as tf from '@tensorflow/tfjs';
import type { AdamW, AdamWState } from './adamw.ts';
import {
  configTokenIds,
  type GenerationDefaults,
  generationConfig,
  tokenizerFiles,
  tokenizerFromFiles,
} from './checkpoint-hf-files.ts';
import { type LlamaConfig, resolveConfig } from './config.ts';
import { Model, parameterShapes } from './model.ts';
import { readSafetensors, type SafeTensor, writeSafetensors } from './safetensors.ts';
import type { Tokenizer } from './tokenizer.ts';

export interface SaveOptions {
  tokenizer?: Tokenizer;
  /** generation_config.json's sampling defaults (written with a tokenizer). */
  generation?: GenerationDefaults;
  optimizer?: AdamW;
  /** Anything JSON-serialisable the trainer wants back on resume (step, rng state, …). */
  extra?: Record<string, unknown>;
  /** Second weights of the same shape (GRPO's frozen reference after a reset), written as
   * `reference.safetensors` so that any machine can resume with them. */
  reference?: Model;
}

export interface LoadedCheckpoint {
  model: Model;
  tokenizer?: Tokenizer;
  optimizerState?: AdamWState;
  extra?: Record<string, unknown>;
  /** The `reference` weights, when the checkpoint has them (not trainable). */
  reference?: Model;
}

const json = (o: unknown) => new TextEncoder().encode(`${JSON.stringify(o, null, 2)}\n`);

function toSafe(t: tf.Tensor): SafeTensor {
  return { dtype: 'F32', shape: t.shape, data: t.dataSync() as Float32Array };
}

function weightsFile(model: Model): Uint8Array {
  const tensors = new Map<string, SafeTensor>();
  for (const [name] of parameterShapes(model.config)) tensors.set(name, toSafe(model.get(name)));
  return writeSafetensors(tensors, { format: 'pt' });
}

/**
 * The checkpoint's files as bytes (name → content).
 *
 * @example
 * const files = serializeCheckpoint(model, { tokenizer: tok }); // Map { 'model.safetensors' => …, … }
 */
export function serializeCheckpoint(model: Model, opts: SaveOptions = {}): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  files.set('model.safetensors', weightsFile(model));
  if (opts.reference) files.set('reference.safetensors', weightsFile(opts.reference));
  files.set(
    'config.json',
    json({
      architectures: ['LlamaForCausalLM'],
      model_type: 'llama',
      hidden_act: 'silu',
      torch_dtype: 'float32',
      ...model.config,
      ...(opts.tokenizer ? configTokenIds(model.config, opts.tokenizer) : {}),
    }),
  );
  if (opts.tokenizer) {
    const maxLen = model.config.max_position_embeddings;
    for (const [name, o] of tokenizerFiles(opts.tokenizer, maxLen)) files.set(name, json(o));
    files.set('generation_config.json', json(generationConfig(opts.tokenizer, opts.generation)));
  }
  if (opts.optimizer) {
    const s = opts.optimizer.state();
    const ot = new Map<string, SafeTensor>();
    for (const [k, t] of s.m) ot.set(`m.${k}`, toSafe(t));
    for (const [k, t] of s.v) ot.set(`v.${k}`, toSafe(t));
    files.set('optimizer.safetensors', writeSafetensors(ot, { step: String(s.step) }));
    for (const t of [...s.m.values(), ...s.v.values()]) t.dispose();
  }
  if (opts.optimizer || opts.extra) {
    files.set(
      'trainer_state.json',
      json({ optimizer_step: opts.optimizer?.stepCount ?? null, extra: opts.extra ?? {} }),
    );
  }
  return files;
}

/** Reads a file of the checkpoint; undefined when absent. */
export type FileReader = (name: string) => Promise<Uint8Array | undefined>;

const parseJson = (bytes: Uint8Array, name: string): unknown => {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new Error(`checkpoint: ${name} is not valid JSON (${(err as Error).message})`);
  }
};

async function readModelTensors(read: FileReader): Promise<Map<string, SafeTensor>> {
  const single = await read('model.safetensors');
  if (single) return readSafetensors(single).tensors;
  const index = await read('model.safetensors.index.json');
  if (!index)
    throw new Error('checkpoint: neither model.safetensors nor model.safetensors.index.json found');
  const map = (
    parseJson(index, 'model.safetensors.index.json') as { weight_map: Record<string, string> }
  ).weight_map;
  const out = new Map<string, SafeTensor>();
  for (const shard of new Set(Object.values(map))) {
    const bytes = await read(shard);
    if (!bytes) throw new Error(`checkpoint: shard ${shard} missing`);
    for (const [k, t] of readSafetensors(bytes).tensors) out.set(k, t);
  }
  return out;
}

/**
 * Tensors of a checkpoint that the config's model does not have: a bias (HF's attention_bias /
 * mlp_bias, or another architecture's) or any other weight would be silently left out of the
 * forward pass, so they are an error. Allowed: the `rotary_emb.inv_freq` buffer HF recomputes,
 * and a stored `lm_head.weight` under tied embeddings (HF ties it to the embedding).
 */
function checkNoUnusedTensors(stored: Map<string, SafeTensor>, config: LlamaConfig): void {
  const expected = new Set(parameterShapes(config).map(([name]) => name));
  const unused = [...stored.keys()].filter(
    (n) =>
      !expected.has(n) &&
      !n.endsWith('.rotary_emb.inv_freq') &&
      !(n === 'lm_head.weight' && config.tie_word_embeddings),
  );
  const list = (names: string[]) =>
    names.slice(0, 4).join(', ') + (names.length > 4 ? `, … (${names.length} in all)` : '');
  const biases = unused.filter((n) => n.endsWith('.bias'));
  if (biases.length > 0) {
    throw new Error(
      `checkpoint: bias tensors are not implemented (r1lab's Llama has no biases): ${list(biases)}`,
    );
  }
  if (unused.length > 0) {
    throw new Error(`checkpoint: tensors r1lab's Llama does not use: ${list(unused)}`);
  }
}

/**
 * Rebuilds a model (+ tokenizer, optimizer state, extra) from checkpoint files.
 * A config setting or a tensor r1lab does not implement (rope scaling, biases, …) is an error;
 * HF's `rotary_emb.inv_freq` buffers are ignored; a missing tensor is an error.
 *
 * @example
 * const { model, tokenizer } = await deserializeCheckpoint(async (n) => files.get(n));
 */
export async function deserializeCheckpoint(read: FileReader): Promise<LoadedCheckpoint> {
  const cfgBytes = await read('config.json');
  if (!cfgBytes) throw new Error('checkpoint: config.json missing');
  const config: LlamaConfig = resolveConfig(
    parseJson(cfgBytes, 'config.json') as Partial<LlamaConfig>,
  );
  const stored = await readModelTensors(read);
  checkNoUnusedTensors(stored, config);
  const model = modelFrom(stored, config, 'model.safetensors', true);
  const result: LoadedCheckpoint = { model };
  try {
    const refBytes = await read('reference.safetensors');
    if (refBytes) {
      result.reference = modelFrom(
        readSafetensors(refBytes).tensors,
        config,
        'reference.safetensors',
        false,
      );
    }
    const tokBytes = await read('tokenizer.json');
    if (tokBytes) {
      const tc = await read('tokenizer_config.json');
      result.tokenizer = tokenizerFromFiles(
        parseJson(tokBytes, 'tokenizer.json'),
        tc ? (parseJson(tc, 'tokenizer_config.json') as Record<string, unknown>) : {},
      );
    }
    const optBytes = await read('optimizer.safetensors');
    if (optBytes) {
      const f = readSafetensors(optBytes);
      const m = new Map<string, tf.Tensor>();
      const v = new Map<string, tf.Tensor>();
      for (const [k, t] of f.tensors) {
        const target = k.startsWith('m.') ? m : k.startsWith('v.') ? v : undefined;
        target?.set(k.slice(2), tf.tensor(t.data as Float32Array, t.shape, 'float32'));
      }
      result.optimizerState = { step: Number(f.metadata.step ?? 0), m, v };
    }
    const stateBytes = await read('trainer_state.json');
    if (stateBytes) {
      result.extra = (
        parseJson(stateBytes, 'trainer_state.json') as { extra?: Record<string, unknown> }
      ).extra;
    }
    return result;
  } catch (err) {
    model.dispose();
    result.reference?.dispose();
    throw err;
  }
}

/** A model from stored tensors, each checked against the shape the config implies. */
function modelFrom(
  stored: Map<string, SafeTensor>,
  config: LlamaConfig,
  file: string,
  trainable: boolean,
): Model {
  const tensors = new Map<string, tf.Tensor>();
  try {
    for (const [name, shape] of parameterShapes(config)) {
      const t = stored.get(name);
      if (!t) throw new Error(`checkpoint: ${file} lacks tensor ${name}`);
      if (t.shape.join() !== shape.join()) {
        throw new Error(
          `checkpoint: tensor ${name} has shape [${t.shape}], config implies [${shape}]`,
        );
      }
      tensors.set(name, tf.tensor(t.data as Float32Array, t.shape, 'float32'));
    }
    return new Model(config, tensors, trainable);
  } finally {
    for (const t of tensors.values()) t.dispose();
  }
}

/**
 * Hex SHA-256 of bytes (Web Crypto).
 *
 * @example
 * await sha256Hex(new TextEncoder().encode('abc')); // 'ba7816bf…'
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Frees the tensors of a loaded optimizer state.
 *
 * @example
 * disposeOptimizerState(loaded.optimizerState);
 */
export function disposeOptimizerState(state: AdamWState | undefined): void {
  if (!state) return;
  for (const t of [...state.m.values(), ...state.v.values()]) t.dispose();
}

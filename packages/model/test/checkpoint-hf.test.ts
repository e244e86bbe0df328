import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CharTokenizer,
  createModel,
  deserializeCheckpoint,
  forward,
  HfTokenizerAdapter,
  initBackend,
  loadCheckpoint,
  readSafetensors,
  saveCheckpoint,
  writeSafetensors,
} from '../src/index.ts';
import { ALPHABET, tinyConfig } from './fixtures.ts';
import { hfCheckpointFiles } from './hf-checkpoint.ts';
import { referenceForward } from './reference-forward.ts';

let dir: string;
beforeAll(async () => {
  await initBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'r1lab-model-ckpt-hf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readJson = async (d: string, name: string) =>
  JSON.parse(await readFile(join(d, name), 'utf8')) as Record<string, unknown>;

describe('checkpoint files other tools open', () => {
  const tok = CharTokenizer.fromAlphabet(ALPHABET);

  it('writes the token ids, a generation config and the tokenizer in the HF format', async () => {
    const model = createModel({ ...tinyConfig, vocab_size: tok.vocabSize }, { seed: 3 });
    const d = join(dir, 'hf');
    const saved = await saveCheckpoint(d, model, { tokenizer: tok });
    expect(saved.files.map((f) => f.slice(d.length + 1)).sort()).toEqual([
      'config.json',
      'generation_config.json',
      'model.safetensors',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    expect(await readJson(d, 'config.json')).toMatchObject({
      model_type: 'llama',
      bos_token_id: 0,
      eos_token_id: 1,
      pad_token_id: 2,
    });
    expect(await readJson(d, 'generation_config.json')).toEqual({
      bos_token_id: 0,
      eos_token_id: [1, 6], // r1lab's generate stops on <eos> and on </answer>
      pad_token_id: 2,
      do_sample: true,
      temperature: 1,
      top_k: 0,
      top_p: 1,
      max_new_tokens: 64,
    });
    const tokConfig = await readJson(d, 'tokenizer_config.json');
    expect(tokConfig).toMatchObject({ model_max_length: 64, eos_token: '<eos>' });
    const hf = new HfTokenizer(await readJson(d, 'tokenizer.json'), tokConfig);
    const text = '<think>1+2=3</think><answer>3</answer>';
    expect(hf.encode(text, { add_special_tokens: false }).ids).toEqual(tok.encode(text));

    const loaded = await loadCheckpoint(d);
    expect(loaded.tokenizer).toBeInstanceOf(CharTokenizer);
    expect(loaded.tokenizer!.toJSON()).toEqual(tok.toJSON());
    model.dispose();
    loaded.model.dispose();
  });

  it('takes generation defaults, and keeps the token ids a loaded config already has', async () => {
    const model = createModel(
      { ...tinyConfig, vocab_size: tok.vocabSize, eos_token_id: [1, 6] },
      { seed: 3 },
    );
    const d = join(dir, 'gen');
    await saveCheckpoint(d, model, {
      tokenizer: tok,
      generation: { maxNewTokens: 24, temperature: 0.7 },
    });
    expect(await readJson(d, 'generation_config.json')).toMatchObject({
      max_new_tokens: 24,
      temperature: 0.7,
    });
    expect((await readJson(d, 'config.json')).eos_token_id).toEqual([1, 6]);
    model.dispose();
  });

  it('still loads a checkpoint written before the HF format ({"type": "r1lab-char"})', async () => {
    const model = createModel({ ...tinyConfig, vocab_size: tok.vocabSize }, { seed: 4 });
    const d = join(dir, 'old');
    await saveCheckpoint(d, model, { tokenizer: tok });
    await writeFile(join(d, 'tokenizer.json'), JSON.stringify(tok.toJSON()));
    await unlink(join(d, 'tokenizer_config.json'));
    await unlink(join(d, 'generation_config.json'));
    const loaded = await loadCheckpoint(d);
    expect(loaded.tokenizer).toBeInstanceOf(CharTokenizer);
    expect(loaded.tokenizer!.encode('<answer>12</answer>')).toEqual(
      tok.encode('<answer>12</answer>'),
    );
    model.dispose();
    loaded.model.dispose();
  });

  it('loads a foreign HF tokenizer through the generic adapter', async () => {
    const model = createModel({ ...tinyConfig, vocab_size: tok.vocabSize }, { seed: 4 });
    const d = join(dir, 'foreign-tok');
    await saveCheckpoint(d, model, { tokenizer: tok });
    const hfJson = await readJson(d, 'tokenizer.json');
    const bpe = hfJson.model as Record<string, unknown>;
    // one merge ("1" "2" → "12", a new id) makes it a BPE that is not a char tokenizer any more
    const vocab = { ...(bpe.vocab as Record<string, number>), '12': tok.vocabSize };
    const foreign = { ...hfJson, model: { ...bpe, vocab, merges: [['1', '2']] } };
    await writeFile(join(d, 'tokenizer.json'), JSON.stringify(foreign));
    const loaded = await loadCheckpoint(d);
    expect(loaded.tokenizer).toBeInstanceOf(HfTokenizerAdapter);
    expect(loaded.tokenizer!.encode('<answer>12</answer>')).toEqual([5, tok.vocabSize, 6]);
    expect(loaded.tokenizer!.eosId).toBe(1);
    model.dispose();
    loaded.model.dispose();
  });
});

/** An HF-layout checkpoint whose config.json gets `extra` (the weights are a valid Llama's). */
function foreignCheckpoint(extra: Record<string, unknown>, tensors?: Record<string, number[]>) {
  const { files } = hfCheckpointFiles(tinyConfig, 9);
  const config = JSON.parse(new TextDecoder().decode(files.get('config.json')));
  files.set('config.json', new TextEncoder().encode(JSON.stringify({ ...config, ...extra })));
  if (tensors) {
    const st = readSafetensors(files.get('model.safetensors')!).tensors;
    for (const [name, shape] of Object.entries(tensors)) {
      const n = shape.reduce((a, b) => a * b, 1);
      st.set(name, { dtype: 'F32', shape, data: new Float32Array(n).fill(0.5) });
    }
    files.set('model.safetensors', writeSafetensors(st, { format: 'pt' }));
  }
  return deserializeCheckpoint(async (n) => files.get(n));
}

describe('foreign checkpoints with features r1lab does not implement', () => {
  it.each([
    [{ rope_scaling: { rope_type: 'llama3', factor: 8 } }, /rope_scaling of type "llama3"/],
    [{ rope_scaling: { type: 'linear', factor: 2 } }, /rope_scaling of type "linear"/],
    [
      { rope_parameters: { rope_type: 'yarn', rope_theta: 1e6 } },
      /rope_parameters.rope_type "yarn"/,
    ],
    [{ attention_bias: true }, /attention_bias: true/],
    [{ mlp_bias: true }, /mlp_bias: true/],
    [{ model_type: 'gemma' }, /model_type "gemma"/],
    [{ hidden_act: 'gelu_pytorch_tanh' }, /hidden_act "gelu_pytorch_tanh"/],
    [{ quantization_config: { quant_method: 'gptq', bits: 4 } }, /quantization_config/],
  ])('rejects %j', async (extra, message) => {
    await expect(foreignCheckpoint(extra)).rejects.toThrow(message);
  });

  it('rejects bias tensors and other weights it would leave out of the forward pass', async () => {
    const qBias = { 'model.layers.0.self_attn.q_proj.bias': [32] };
    await expect(foreignCheckpoint({}, qBias)).rejects.toThrow(
      /bias tensors are not implemented.*model.layers.0.self_attn.q_proj.bias/,
    );
    const qNorm = { 'model.layers.1.self_attn.q_norm.weight': [8] };
    await expect(foreignCheckpoint({}, qNorm)).rejects.toThrow(
      /does not use: model.layers.1.self_attn.q_norm.weight/,
    );
  });

  it('accepts what does not change the logits: default RoPE, false flags, pretraining_tp', async () => {
    const fine = {
      rope_scaling: null,
      rope_parameters: { rope_type: 'default', rope_theta: 10000 },
      attention_bias: false,
      mlp_bias: false,
      pretraining_tp: 2,
      attention_dropout: 0.1,
    };
    const { model } = await foreignCheckpoint(fine);
    expect(model.config.rope_theta).toBe(10000);
    model.dispose();
  });

  it('reads rope_theta from transformers 5 rope_parameters, and rejects a conflicting pair', async () => {
    const v5 = {
      rope_theta: undefined,
      rope_parameters: { rope_type: 'default', rope_theta: 5e5 },
    };
    const { model } = await foreignCheckpoint(v5);
    expect(model.config.rope_theta).toBe(5e5);
    model.dispose();
    await expect(
      foreignCheckpoint({ rope_theta: 1e4, rope_parameters: { rope_theta: 5e5 } }),
    ).rejects.toThrow(/rope_theta 10000 and rope_parameters.rope_theta 500000 disagree/);
  });

  it('supports head_dim different from hidden_size / heads (matches the reference forward)', async () => {
    const partial = { ...tinyConfig, head_dim: 16 }; // hidden 32, 4 heads: HF default would be 8
    const { files, weights, cfg } = hfCheckpointFiles(partial, 13);
    const { model } = await deserializeCheckpoint(async (n) => files.get(n));
    expect(model.get('model.layers.0.self_attn.q_proj.weight').shape).toEqual([64, 32]);
    const ids = [2, 9, 4, 17, 1];
    const ref = referenceForward(weights, cfg, ids);
    const got = forward(model, tf.tensor2d([ids], undefined, 'int32'));
    const rows = (got.arraySync() as number[][][])[0]!;
    const maxErr = Math.max(...rows.flatMap((r, t) => r.map((x, v) => Math.abs(x - ref[t]![v]!))));
    expect(maxErr).toBeLessThan(1e-4);
    got.dispose();
    model.dispose();
  });
});

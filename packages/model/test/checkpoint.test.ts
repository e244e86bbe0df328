import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdamW,
  CharTokenizer,
  createModel,
  disposeOptimizerState,
  initBackend,
  lmLoss,
  loadCheckpoint,
  readSafetensors,
  saveCheckpoint,
  sha256Hex,
  trainStep,
  writeSafetensors,
} from '../src/index.ts';
import { ALPHABET, tinyConfig } from './fixtures.ts';

let dir: string;
beforeAll(async () => {
  await initBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'r1lab-model-ckpt-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('safetensors', () => {
  it('writes the layout of the spec: u64 LE header length, JSON header, LE data at offsets', () => {
    const bytes = writeSafetensors(
      {
        a: { dtype: 'F32', shape: [2], data: new Float32Array([1.5, -2]) },
        b: { dtype: 'I32', shape: [1, 1], data: new Int32Array([7]) },
      },
      { format: 'pt' },
    );
    const view = new DataView(bytes.buffer);
    const n = Number(view.getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.__metadata__).toEqual({ format: 'pt' });
    expect(header.a).toEqual({ dtype: 'F32', shape: [2], data_offsets: [0, 8] });
    expect(header.b).toEqual({ dtype: 'I32', shape: [1, 1], data_offsets: [8, 12] });
    expect(view.getFloat32(8 + n, true)).toBe(1.5);
    expect(view.getFloat32(8 + n + 4, true)).toBe(-2);
    expect(view.getInt32(8 + n + 8, true)).toBe(7);
    expect(bytes.byteLength).toBe(8 + n + 12);
  });

  it('round-trips arbitrary float32 tensors bit-exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: false }), { minLength: 0, maxLength: 50 }),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
        (values, metadata) => {
          const data = new Float32Array(values);
          const out = readSafetensors(
            writeSafetensors({ t: { dtype: 'F32', shape: [data.length], data } }, metadata),
          );
          expect(new Uint8Array(out.tensors.get('t')!.data.buffer)).toEqual(
            new Uint8Array(data.buffer),
          );
          expect(out.metadata).toEqual(metadata);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('decodes F16 and BF16 to float32', () => {
    const header = JSON.stringify({
      h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] },
      b: { dtype: 'BF16', shape: [1], data_offsets: [4, 6] },
    });
    const hb = new TextEncoder().encode(header);
    const bytes = new Uint8Array(8 + hb.length + 6);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, BigInt(hb.length), true);
    bytes.set(hb, 8);
    view.setUint16(8 + hb.length, 0x3c00, true); // 1.0
    view.setUint16(8 + hb.length + 2, 0xc000, true); // -2.0
    view.setUint16(8 + hb.length + 4, 0x4049, true); // bf16 ≈ 3.140625
    const t = readSafetensors(bytes).tensors;
    expect([...t.get('h')!.data]).toEqual([1, -2]);
    expect(t.get('b')!.data[0]).toBeCloseTo(3.140625, 6);
  });

  it('gives clear errors for a bad header, truncated data and a wrong dtype', () => {
    const good = writeSafetensors({ w: { dtype: 'F32', shape: [4], data: new Float32Array(4) } });
    expect(() => readSafetensors(good.subarray(0, 4))).toThrow(/file too short/);
    expect(() => readSafetensors(good.subarray(0, good.length - 3))).toThrow(/truncated/);
    const bad = good.slice();
    new DataView(bad.buffer).setBigUint64(0, 10n ** 12n, true);
    expect(() => readSafetensors(bad)).toThrow(/header length .* exceeds file size/);
    const garbage = good.slice();
    garbage[8] = 0x7b + 1; // '{' → '|'
    expect(() => readSafetensors(garbage)).toThrow(/not valid UTF-8 JSON/);
    const mk = (entry: unknown, dataBytes = 16) => {
      const hb = new TextEncoder().encode(JSON.stringify({ w: entry }));
      const b = new Uint8Array(8 + hb.length + dataBytes);
      new DataView(b.buffer).setBigUint64(0, BigInt(hb.length), true);
      b.set(hb, 8);
      return b;
    };
    expect(() => readSafetensors(mk({ dtype: 'F31', shape: [4], data_offsets: [0, 16] }))).toThrow(
      /unsupported dtype "F31"/,
    );
    expect(() => readSafetensors(mk({ dtype: 'F32', shape: [5], data_offsets: [0, 16] }))).toThrow(
      /needs 20/,
    );
    expect(() => readSafetensors(mk({ dtype: 'F32', shape: [-1], data_offsets: [0, 16] }))).toThrow(
      /bad shape/,
    );
    expect(() =>
      writeSafetensors({ w: { dtype: 'F32', shape: [3], data: new Float32Array(2) } }),
    ).toThrow(/needs 12/);
  });
});

describe('checkpoints', () => {
  it('save → load round trip is bit-exact (model, tokenizer, optimizer state, extra)', async () => {
    const tok = CharTokenizer.fromAlphabet(ALPHABET);
    const model = createModel({ ...tinyConfig, vocab_size: tok.vocabSize }, { seed: 2 });
    const opt = new AdamW(model.trainableVariables(), { lr: 1e-2, weightDecay: 0.1 });
    const ids = tf.tensor2d([tok.encode('<bos>1+2=3<eos>')], undefined, 'int32');
    const mask = tf.onesLike(ids) as tf.Tensor2D;
    trainStep(model, opt, () => lmLoss(model, ids, mask), { maxGradNorm: 1 });
    const saved = await saveCheckpoint(dir, model, {
      tokenizer: tok,
      optimizer: opt,
      extra: { step: 1 },
    });
    expect(saved.files.map((f) => f.slice(dir.length + 1)).sort()).toEqual([
      'config.json',
      'generation_config.json',
      'model.safetensors',
      'optimizer.safetensors',
      'tokenizer.json',
      'tokenizer_config.json',
      'trainer_state.json',
    ]);
    expect(saved.sha256).toBe(
      await sha256Hex(new Uint8Array(await readFile(join(dir, 'model.safetensors')))),
    );
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
    expect(config.model_type).toBe('llama');
    expect(config.num_key_value_heads).toBe(2);

    const loaded = await loadCheckpoint(dir);
    for (const [name, v] of model.weights) {
      expect(loaded.model.get(name).dataSync()).toEqual(v.dataSync());
    }
    expect(loaded.tokenizer!.encode('<answer>12</answer>')).toEqual(
      tok.encode('<answer>12</answer>'),
    );
    expect(loaded.extra).toEqual({ step: 1 });

    // exact resume: one more step from the original and from the restored copy agree bit for bit
    const opt2 = new AdamW(loaded.model.trainableVariables(), { lr: 1e-2, weightDecay: 0.1 });
    opt2.loadState(loaded.optimizerState!);
    expect(opt2.stepCount).toBe(1);
    disposeOptimizerState(loaded.optimizerState);
    trainStep(model, opt, () => lmLoss(model, ids, mask), { maxGradNorm: 1 });
    trainStep(loaded.model, opt2, () => lmLoss(loaded.model, ids, mask), { maxGradNorm: 1 });
    for (const [name, v] of model.weights) {
      expect(loaded.model.get(name).dataSync()).toEqual(v.dataSync());
    }
    tf.dispose([ids, mask]);
    opt.dispose();
    opt2.dispose();
    model.dispose();
    loaded.model.dispose();
  });

  it('keeps second reference weights beside the model when asked, and reads them back frozen', async () => {
    const model = createModel(tinyConfig, { seed: 3 });
    const reference = createModel(tinyConfig, { seed: 4 });
    const at = join(dir, 'with-reference');
    const saved = await saveCheckpoint(at, model, { reference });
    expect(Object.keys(saved.fileSha256).sort()).toEqual([
      'config.json',
      'model.safetensors',
      'reference.safetensors',
    ]);
    const loaded = await loadCheckpoint(at);
    for (const [name, v] of reference.weights) {
      expect(loaded.reference!.get(name).dataSync()).toEqual(v.dataSync());
      expect(loaded.model.get(name).dataSync()).toEqual(model.get(name).dataSync());
    }
    expect(loaded.reference!.trainable).toBe(false);
    const plain = await loadCheckpoint(dir);
    expect(plain.reference).toBeUndefined();
    disposeOptimizerState(plain.optimizerState);
    for (const m of [model, reference, loaded.model, loaded.reference!, plain.model]) m.dispose();
  });

  it('reports missing files and mismatched tensors clearly', async () => {
    await expect(loadCheckpoint(join(dir, 'nope'))).rejects.toThrow(/config.json missing/);
    const model = createModel(tinyConfig, { seed: 1 });
    const d2 = join(dir, 'bad');
    await saveCheckpoint(d2, model);
    const cfg = JSON.parse(await readFile(join(d2, 'config.json'), 'utf8'));
    await writeFile(join(d2, 'config.json'), JSON.stringify({ ...cfg, hidden_size: 64 }));
    await expect(loadCheckpoint(d2)).rejects.toThrow(
      /has shape \[24,32\], config implies \[24,64\]/,
    );
    await writeFile(join(d2, 'config.json'), JSON.stringify({ ...cfg, num_hidden_layers: 3 }));
    await expect(loadCheckpoint(d2)).rejects.toThrow(/lacks tensor model.layers.2/);
    model.dispose();
  });
});

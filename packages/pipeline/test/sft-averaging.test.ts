// SFT's `averageLast`: the stage ends on the mean of its last N checkpoints' weights, and an
// interrupted stage resumed later ends on exactly the same mean.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, loadCheckpoint, WeightAverage } from '@r1lab/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MemoryRecorder,
  parseSpec,
  presetSpec,
  RunFolder,
  runPipeline,
  SpecError,
} from '../src/index.ts';
import { averagingStart } from '../src/lm-training.ts';

const root = mkdtempSync(join(tmpdir(), 'r1lab-sft-average-'));
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function spec(averageLast?: number) {
  const tiny = presetSpec('tiny-r1');
  const sft = { kind: 'sft', name: 'sft', from: 'base', examples: 16, steps: 4, batchSize: 4 };
  return parseSpec({
    ...tiny,
    stages: [
      tiny.stages[0],
      { ...sft, checkpointEvery: 1, ...(averageLast ? { averageLast } : {}) },
    ],
  });
}

async function weights(dir: string): Promise<Map<string, Float32Array>> {
  const { model } = await loadCheckpoint(dir);
  const out = new Map<string, Float32Array>();
  for (const [name, v] of model.weights) out.set(name, v.dataSync() as Float32Array);
  model.dispose();
  return out;
}

describe('SFT weight averaging', () => {
  it('ends on the mean of the last N checkpoints of the same training', async () => {
    const plainDir = join(root, 'plain');
    await runPipeline(spec(), { recorder: new MemoryRecorder(), runDir: plainDir });
    const averagedDir = join(root, 'averaged');
    const out = await runPipeline(spec(3), { recorder: new MemoryRecorder(), runDir: averagedDir });
    expect(out.results.get('sft')!.summary).toMatchObject({ steps: 4, averaged: 3 });

    // Averaging does not change the training: the plain run's steps 2–4 are the points averaged.
    const plain = new RunFolder(plainDir);
    const points = await Promise.all([2, 3, 4].map((s) => weights(plain.checkpointDir('sft', s))));
    const final = await weights(new RunFolder(averagedDir).checkpointDir('sft', 4));
    for (const [name, got] of final) {
      const [a, b, c] = points.map((p) => p.get(name)!);
      for (let i = 0; i < got.length; i++) {
        expect(got[i]).toBeCloseTo((a![i]! + b![i]! + c![i]!) / 3, 6);
      }
    }
    expect(final.get('lm_head.weight')).not.toEqual(points[2]!.get('lm_head.weight'));

    // Bit for bit what WeightAverage gives over the saved checkpoints afterwards, in step order.
    const after = new WeightAverage();
    for (const s of [2, 3, 4]) {
      const { model } = await loadCheckpoint(plain.checkpointDir('sft', s));
      after.add(model);
      model.dispose();
    }
    for (const [name, got] of final) expect(after.model!.get(name).dataSync(), name).toEqual(got);
    after.dispose();
  }, 120_000);

  it('resumed inside the window, ends on exactly the uninterrupted mean', async () => {
    const straightDir = join(root, 'straight');
    await runPipeline(spec(3), { recorder: new MemoryRecorder(), runDir: straightDir });
    const dir = join(root, 'interrupted');
    let stop = false;
    const partial = await runPipeline(spec(3), {
      recorder: new MemoryRecorder(),
      runDir: dir,
      onProgress: (stage, done) => {
        if (stage === 'sft' && done === 3) stop = true;
      },
      shouldStop: () => stop,
    });
    expect(partial.status).toBe('interrupted');
    const resumed = await runPipeline(spec(3), { recorder: new MemoryRecorder(), runDir: dir });
    expect(resumed.status).toBe('succeeded');
    const a = await weights(new RunFolder(straightDir).checkpointDir('sft', 4));
    const b = await weights(new RunFolder(dir).checkpointDir('sft', 4));
    for (const [name, t] of a) expect(b.get(name), name).toEqual(t);
  }, 120_000);

  it('counts the checkpoints the window can hold', () => {
    expect(averagingStart(3000, 100, 5)).toBe(2600);
    expect(averagingStart(250, 100, 2)).toBe(200);
    expect(averagingStart(250, 100, 3)).toBe(100);
    expect(() => spec(5)).toThrow(SpecError);
    expect(() => spec(5)).toThrow(/stages\.1\.averageLast: 5 checkpoints to average/);
  });
});

// The tiny presets end to end: every stage runs, artifacts and records exist, metrics are finite,
// lineage is recorded. Mechanics only — the pass@1 result is a benchmark (`npm run bench:pass1`).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@r1lab/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRecorder, presetSpec, RunFolder, runPipeline } from '../src/index.ts';

const root = mkdtempSync(join(tmpdir(), 'r1lab-pipeline-'));
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function expectFiniteMetrics(rec: MemoryRecorder) {
  expect(rec.metricRows.length).toBeGreaterThan(0);
  for (const row of rec.metricRows)
    expect(Number.isFinite(row.value), `${row.stage} ${row.key}`).toBe(true);
}

describe('tiny-r1-zero', () => {
  it('runs pretrain → grpo → eval and records everything', async () => {
    const rec = new MemoryRecorder();
    const runDir = join(root, 'r1-zero');
    const out = await runPipeline(presetSpec('tiny-r1-zero'), { recorder: rec, runDir });
    expect(out.status).toBe('succeeded');
    expect(rec.runStatus).toBe('succeeded');
    expect([...rec.stages.values()].map((s) => s.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expectFiniteMetrics(rec);

    // GRPO logged its documented metrics every step.
    for (const key of [
      'reward',
      'reward_std',
      'frac_reward_zero_std',
      'accuracy',
      'format',
      'grad_norm',
      'completions/mean_length',
      'completions/clipped_ratio',
      'repetition',
      'excess_repetition',
      'updated_fraction',
      'time/sample_s',
    ]) {
      expect(
        rec.series('rl', key).map(([s]) => s),
        key,
      ).toEqual([1, 2]);
    }
    expect(rec.sampleRows.filter((s) => s.stage === 'rl').length).toBeGreaterThan(0);

    // Checkpoints on disk with lineage: rl descends from the base model's final checkpoint.
    const base = out.results.get('base')!.checkpoint!;
    const rl = out.results.get('rl')!.checkpoint!;
    expect(existsSync(join(rl.dir, 'model.safetensors'))).toBe(true);
    expect(rl.parent).toEqual({ stage: 'base', step: base.step });
    expect(rec.checkpoints.some((c) => c.stage === 'rl' && c.step === 2)).toBe(true);

    // One evaluation per listed checkpoint, with rates in [0, 1].
    expect(rec.evaluations.map((e) => e.checkpoint.stage)).toEqual(['base', 'rl']);
    for (const e of rec.evaluations) {
      const repetition = e.details?.repetition as number;
      const excessRepetition = e.details?.excessRepetition as number;
      expect(excessRepetition).toBeLessThanOrEqual(repetition);
      for (const v of [
        e.pass1,
        e.passAtK,
        e.consAtK,
        e.formatRate,
        e.languageConsistency,
        repetition,
        excessRepetition,
      ]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(e.problems).toBe(8);
      expect(e.passAtK).toBeGreaterThanOrEqual(e.pass1);
    }
  }, 180_000);

  it('resumes an interrupted GRPO stage with the same next-step metrics as an uninterrupted run', async () => {
    const spec = presetSpec('tiny-r1-zero', { seed: 5 });
    const straight = new MemoryRecorder();
    await runPipeline(spec, { recorder: straight, runDir: join(root, 'straight') });

    const dir = join(root, 'interrupted');
    const first = new MemoryRecorder();
    let stop = false;
    const partial = await runPipeline(spec, {
      recorder: first,
      runDir: dir,
      onProgress: (stage, done) => {
        if (stage === 'rl' && done === 1) stop = true;
      },
      shouldStop: () => stop,
    });
    expect(partial.status).toBe('interrupted');
    expect(new RunFolder(dir).checkpointSteps('rl')).toEqual([1]);

    const second = new MemoryRecorder();
    const resumed = await runPipeline(spec, { recorder: second, runDir: dir });
    expect(resumed.status).toBe('succeeded');
    // Step 2 ran only in the resumed invocation; it must match the uninterrupted run exactly.
    const keys = ['reward', 'accuracy', 'completions/mean_length', 'grad_norm', 'num_tokens'];
    for (const key of keys) {
      const a = straight.series('rl', key).find(([s]) => s === 2)?.[1];
      const b = second.series('rl', key).find(([s]) => s === 2)?.[1];
      expect(a, key).toBeDefined();
      expect(b, key).toBeCloseTo(a!, 6);
    }
    expect(second.sampleRows.filter((s) => s.stage === 'rl').map((s) => s.completion)).toEqual(
      straight.sampleRows.filter((s) => s.stage === 'rl' && s.step === 2).map((s) => s.completion),
    );
  }, 240_000);
});

describe('tiny-r1', () => {
  it('runs cold start → RL → rejection sampling → SFT → RL → eval of every checkpoint', async () => {
    const rec = new MemoryRecorder();
    const out = await runPipeline(presetSpec('tiny-r1'), {
      recorder: rec,
      runDir: join(root, 'r1'),
      cacheDir: join(root, 'cache'),
    });
    expect(out.status).toBe('succeeded');
    expect([...rec.stages.keys()]).toEqual([
      'base',
      'cold-start',
      'reasoning-rl',
      'rejection',
      'sft',
      'all-scenarios-rl',
      'eval',
    ]);
    expect([...rec.stages.values()].every((s) => s.status === 'succeeded')).toBe(true);
    expectFiniteMetrics(rec);
    const ds = rec.datasets[0]!;
    expect(ds.stage).toBe('rejection');
    expect(ds.stats).toMatchObject({ prompts: 4, sampled: 8 });
    expect(ds.rows).toBe((ds.stats.kept as number) + (ds.stats.general as number));
    // SFT from the base restarts lineage at the base checkpoint.
    expect(out.results.get('sft')!.checkpoint!.parent?.stage).toBe('base');
    expect(rec.evaluations.map((e) => e.checkpoint.stage)).toEqual([
      'base',
      'cold-start',
      'reasoning-rl',
      'sft',
      'all-scenarios-rl',
    ]);
    // Scenario rates sampled at T and, as greedy pass@1 beside pass@1, decoded once by argmax:
    // 4 general requests and 4 to decline, each greedy sample counted once.
    for (const e of rec.evaluations) {
      const rates = e.details?.scenarios as Record<string, number>;
      for (const key of ['helpfulness', 'refusal', 'greedy_helpfulness', 'greedy_refusal']) {
        expect(rates[key], key).toBeGreaterThanOrEqual(0);
        expect(rates[key], key).toBeLessThanOrEqual(1);
      }
      const greedy = e.details?.greedyScenarioByKind as Record<string, { samples: number }>;
      const samples = Object.values(greedy).reduce((n, k) => n + k.samples, 0);
      expect(samples).toBe(8);
    }
  }, 240_000);

  it('reuses the cached base model of an identical pretraining stage', async () => {
    const rec = new MemoryRecorder();
    let cached = false;
    await runPipeline(presetSpec('tiny-r1', { seed: 9 }), {
      recorder: rec,
      runDir: join(root, 'r1-again'),
      cacheDir: join(root, 'cache'),
      onStageStart: (stage, info) => {
        if (stage.name === 'base') cached = info.cached;
      },
    });
    expect(cached).toBe(true);
    expect(rec.series('base', 'loss')).toEqual([]);
  }, 240_000);
});

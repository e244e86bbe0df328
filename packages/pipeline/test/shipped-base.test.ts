// The shipped base model: the presets' pretrain keys must match a manifest in models/ (the drift
// guard: a changed corpus, tokenizer or model config must not run on a stale base), its files must
// hash to the manifest, and a pretrain stage whose key matches completes from it without training.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@r1lab/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findShippedBase,
  MemoryRecorder,
  presetSpec,
  pretrainCacheKey,
  runPipeline,
  SHIPPED_BASES_DIR,
  shippedBases,
} from '../src/index.ts';

const REGENERATE = (preset: string) =>
  `npm run r1lab -- base-model --preset ${preset} --out models/r1-zero-base (about 40 minutes on 2 cores), then commit models/`;

describe('shipped base drift guard', () => {
  it.each(['r1-zero', 'r1'] as const)(
    'the %s preset pretrains exactly the shipped base',
    (preset) => {
      const spec = presetSpec(preset);
      const key = pretrainCacheKey(spec, spec.stages[0]!);
      const known = shippedBases().map((b) => `${b.manifest.name}: ${b.manifest.cacheKey}`);
      const found = findShippedBase(key);
      expect(
        found,
        `preset ${preset}: its pretrain stage's cache key ${key} matches no shipped base (${known.join('; ') || 'none'}). ` +
          `The base corpus, the tokenizer or the model config changed, so the shipped weights are stale. Regenerate with: ${REGENERATE(preset)}`,
      ).not.toBeNull();
      expect(found!.manifest.step).toBe(
        spec.stages[0]!.kind === 'pretrain' ? spec.stages[0]!.steps : -1,
      );
    },
  );

  it('a changed corpus knob no longer matches', () => {
    const spec = presetSpec('r1-zero');
    const stage = spec.stages[0]!;
    if (stage.kind !== 'pretrain') throw new Error('r1-zero starts with pretraining');
    const changed = { ...stage, corpus: { ...stage.corpus, stepErrorRate: 0.05 } };
    expect(findShippedBase(pretrainCacheKey(spec, changed))).toBeNull();
    expect(findShippedBase(pretrainCacheKey(spec, stage))).not.toBeNull();
  });

  it('lists the shipped bases of models/ with their regenerate command', () => {
    const bases = shippedBases(SHIPPED_BASES_DIR);
    expect(bases.length).toBeGreaterThan(0);
    for (const b of bases) {
      expect(b.manifest.regenerate).toMatch(/^npm run r1lab -- base-model /);
      expect(Object.keys(b.manifest.files)).toContain('model.safetensors');
    }
  });
});

describe('a pretrain stage on a shipped base', () => {
  const dir = mkdtempSync(join(tmpdir(), 'r1lab-shipped-'));
  beforeAll(async () => {
    await initBackend('wasm');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('completes at once from the base, records its checkpoint with its sha256, and runs the rest', async () => {
    // Build a "shipped" tiny base by running the tiny pretrain once into a models folder.
    const spec = presetSpec('tiny-r1-zero', { seed: 5 });
    const first = new MemoryRecorder();
    const built = await runPipeline(
      { ...spec, stages: [spec.stages[0]!] },
      {
        recorder: first,
        runDir: join(dir, 'build'),
        useShippedBase: false,
      },
    );
    const { saveShippedBaseForTest } = await import('./shipped-base-fixture.ts');
    const models = join(dir, 'models');
    const manifest = await saveShippedBaseForTest(
      built.results.get('base')!.checkpoint!.dir,
      join(models, 'tiny-base'),
      pretrainCacheKey(spec, spec.stages[0]!),
      4,
    );

    const rec = new MemoryRecorder();
    const started: Array<{ shipped?: { dir: string } }> = [];
    const out = await runPipeline(spec, {
      recorder: rec,
      runDir: join(dir, 'run'),
      shippedBasesDir: models,
      onStageStart: (stage, info) => {
        if (stage.kind === 'pretrain') started.push(info);
      },
    });
    expect(out.status).toBe('succeeded');
    expect(started[0]!.shipped?.dir).toBe(join(models, 'tiny-base'));
    expect(rec.metricRows.filter((r) => r.stage === 'base')).toEqual([]);
    const base = rec.checkpoints.find((c) => c.stage === 'base')!;
    expect(base.sha256).toBe(manifest.files['model.safetensors']!.sha256);
    expect(base.step).toBe(4);
    expect(out.results.get('base')!.summary).toMatchObject({ shipped: true });
    expect(rec.evaluations.map((e) => e.checkpoint.stage)).toEqual(['base', 'rl']);

    // --no-shipped-base: the same spec pretrains from scratch.
    const again = new MemoryRecorder();
    await runPipeline(spec, {
      recorder: again,
      runDir: join(dir, 'run2'),
      shippedBasesDir: models,
      useShippedBase: false,
    });
    expect(again.metricRows.some((r) => r.stage === 'base' && r.key === 'loss')).toBe(true);
  }, 240_000);
});

import { GRPO_RECIPES } from '@r1lab/grpo-core';
import { describe, expect, it } from 'vitest';
import { pretrainCacheKey } from '../src/cache-key.ts';
import { PRESETS, type PresetName, parseSpec, presetSpec, SpecError } from '../src/index.ts';
import { closestKey } from '../src/spec-errors.ts';

describe('pipeline spec', () => {
  it('fills defaults from a minimal spec', () => {
    const spec = parseSpec({ stages: [{ kind: 'pretrain', name: 'base' }] });
    expect(spec.seed).toBe(0);
    expect(spec.model.hidden_size).toBe(128);
    expect(spec.task.name).toBe('arith');
    const stage = spec.stages[0]!;
    expect(stage.kind === 'pretrain' && stage.lr).toBe(2e-3);
  });

  it('parses every preset, and round-trips it through JSON', () => {
    for (const name of Object.keys(PRESETS) as PresetName[]) {
      const spec = presetSpec(name);
      expect(parseSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
    }
  });

  it('names the field at fault', () => {
    const bad = {
      stages: [
        { kind: 'pretrain', name: 'base' },
        { kind: 'grpo', name: 'rl', from: 'base', lr: -1 },
      ],
    };
    expect(() => parseSpec(bad)).toThrow(SpecError);
    try {
      parseSpec(bad);
    } catch (err) {
      expect((err as SpecError).issues[0]!.path).toBe('stages.1.lr');
      expect((err as Error).message).toContain('stages.1.lr');
    }
  });

  it('rejects a stage that reads from a later or unknown stage, and duplicate names', () => {
    expect(() => parseSpec({ stages: [{ kind: 'grpo', name: 'rl', from: 'base' }] })).toThrow(
      /stages\.0\.from: "base" is not an earlier stage/,
    );
    expect(() =>
      parseSpec({
        stages: [
          { kind: 'pretrain', name: 'base' },
          { kind: 'pretrain', name: 'base' },
        ],
      }),
    ).toThrow(/stages\.1\.name: duplicate stage name/);
    expect(() =>
      parseSpec({ stages: [{ kind: 'pretrain', name: 'base' }], model: { hidden_size: 130 } }),
    ).toThrow(/model\.hidden_size/);
    expect(() => parseSpec({ stages: [{ kind: 'distill', name: 'x' }] })).toThrow(
      /stages\.0\.kind/,
    );
  });

  it('rejects an unknown key with its path and the closest known key', () => {
    const bad = {
      stages: [
        { kind: 'pretrain', name: 'base', corpus: { stepErorRate: 0.1 } },
        { kind: 'grpo', name: 'rl', from: 'base', epsHi: 0.28, rewards: { acuracy: 1 } },
      ],
      modle: {},
    };
    let issues: SpecError['issues'] = [];
    try {
      parseSpec(bad);
    } catch (err) {
      expect(err).toBeInstanceOf(SpecError);
      issues = (err as SpecError).issues;
    }
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'stages.1.epsHi', message: 'unknown key (did you mean epsHigh?)' },
        { path: 'stages.1.rewards.acuracy', message: 'unknown key (did you mean accuracy?)' },
        {
          path: 'stages.0.corpus.stepErorRate',
          message: 'unknown key (did you mean stepErrorRate?)',
        },
        { path: 'modle', message: 'unknown key (did you mean model?)' },
      ]),
    );
    expect(issues).toHaveLength(4);
    // Nothing close: the known keys instead.
    expect(() => parseSpec({ stages: [{ kind: 'eval', name: 'e', zzz: 1 }] })).toThrow(
      /stages\.0\.zzz: unknown key \(known: kind, name, checkpoints/,
    );
  });

  it('suggests by edit distance, abbreviation and case', () => {
    expect(closestKey('epsHi', ['epsLow', 'epsHigh', 'beta'])).toBe('epsHigh');
    expect(closestKey('grupSize', ['groupSize', 'steps'])).toBe('groupSize');
    expect(closestKey('LR', ['lr', 'minLr'])).toBe('lr');
    expect(closestKey('dynamicsampling', ['dynamicSampling'])).toBe('dynamicSampling');
    expect(closestKey('zzz', ['epsLow', 'epsHigh'])).toBeUndefined();
  });

  it("fills a GRPO stage's algorithm knobs from its recipe, field by field", () => {
    const base = { kind: 'pretrain', name: 'base' };
    const grpo = (extra: object) =>
      parseSpec({ stages: [base, { kind: 'grpo', name: 'rl', from: 'base', ...extra }] })
        .stages[1] as Extract<ReturnType<typeof parseSpec>['stages'][number], { kind: 'grpo' }>;
    // The default recipe is what the stage always defaulted to.
    expect(grpo({})).toMatchObject({
      recipe: 'trl',
      groupSize: 8,
      beta: 0,
      agg: 'token-mean',
      epsLow: 0.2,
      epsHigh: 0.2,
      dynamicSampling: false,
      overlong: null,
      refResetEvery: 0,
    });
    const dapo = grpo({ recipe: 'dapo', groupSize: 4 });
    expect(dapo).toMatchObject({
      groupSize: 4,
      epsHigh: GRPO_RECIPES.dapo.epsHigh,
      dynamicSampling: true,
      overlong: { cacheFraction: 0.2 },
    });
    expect(grpo({ recipe: 'r1-zero' })).toMatchObject({ beta: 0.001, refResetEvery: 400 });
    expect(grpo({ recipe: 'dapo', dynamicSampling: false }).dynamicSampling).toBe(false);
    expect(() => grpo({ recipe: 'ppo' })).toThrow(/stages\.1\.recipe/);
  });

  it("keeps the r1-zero base model's cache key (the shipped base is stored under it)", () => {
    const spec = presetSpec('r1-zero');
    expect(pretrainCacheKey(spec, spec.stages[0]!)).toBe(
      'b84b54f83a192e1802c114c979c726ee8ded6d3032d070f81ad9e13cbe50415a',
    );
  });

  it.each(['letterFactRate', 'countingRate'])(
    'hashes a corpus with %s apart, and one without it as before',
    (field) => {
      const spec = presetSpec('r1-zero');
      const base = spec.stages[0]!;
      if (base.kind !== 'pretrain') throw new Error('r1-zero starts with pretraining');
      const withRuns = { ...base, corpus: { ...base.corpus, [field]: 0.2 } };
      expect(pretrainCacheKey(spec, withRuns)).not.toBe(pretrainCacheKey(spec, base));
      const bad = { stages: [{ kind: 'pretrain', name: 'base', corpus: { [field]: 2 } }] };
      expect(() => parseSpec(bad)).toThrow(new RegExp(`stages\\.0\\.corpus\\.${field}`));
    },
  );

  it('every preset names the recipe of each GRPO stage', () => {
    for (const preset of Object.values(PRESETS)) {
      for (const stage of preset.stages as ReadonlyArray<{ kind: string; recipe?: string }>) {
        if (stage.kind === 'grpo') expect(stage.recipe).toBe('trl');
      }
    }
  });

  it('applies seed and task overrides to a preset', () => {
    const spec = presetSpec('r1-zero', { seed: 7, task: 'countdown' });
    expect(spec.seed).toBe(7);
    expect(spec.task.name).toBe('countdown');
    expect(() => presetSpec('nope' as PresetName)).toThrow(/unknown preset "nope"/);
  });
});

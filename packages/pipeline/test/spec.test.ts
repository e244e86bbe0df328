import { describe, expect, it } from 'vitest';
import { PRESETS, type PresetName, parseSpec, presetSpec, SpecError } from '../src/index.ts';

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

  it('applies seed and task overrides to a preset', () => {
    const spec = presetSpec('r1-zero', { seed: 7, task: 'countdown' });
    expect(spec.seed).toBe(7);
    expect(spec.task.name).toBe('countdown');
    expect(() => presetSpec('nope' as PresetName)).toThrow(/unknown preset "nope"/);
  });
});

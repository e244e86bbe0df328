// The r1-zero-reflect preset (issue 20): a base of its own with the self-checking corpus knobs; a
// pretrain stage that continues from another is keyed by its parent's key; and the behaviour keys.
import { describe, expect, it } from 'vitest';
import { behaviourMetrics } from '../src/behaviour-metrics.ts';
import { parseSpec, presetSpec, pretrainCacheKey } from '../src/index.ts';

describe('r1-zero-reflect', () => {
  it("pretrains a base of its own on the self-checking corpus, keyed apart from r1-zero's", () => {
    const spec = presetSpec('r1-zero-reflect');
    const zero = presetSpec('r1-zero');
    const [selfCheck] = spec.stages;
    expect(selfCheck).toMatchObject({
      kind: 'pretrain',
      name: 'self-check-base',
      corpus: { correctRate: 0.4, verifyRate: 0.1 },
    });
    expect(selfCheck).not.toHaveProperty('from');
    expect(pretrainCacheKey(spec, selfCheck!)).not.toBe(pretrainCacheKey(zero, zero.stages[0]!));
  });

  it('rewards the final answer only', () => {
    const rl = presetSpec('r1-zero-reflect').stages.find((s) => s.kind === 'grpo');
    expect(rl && 'rewards' in rl ? rl.rewards : undefined).toEqual({ accuracy: 1 });
  });

  it("keys a continued pretraining by its parent's key", () => {
    const stages = (lr: number) => [
      { kind: 'pretrain', name: 'base', lr },
      { kind: 'pretrain', name: 'more', from: 'base', corpus: { correctRate: 0.2 } },
    ];
    const a = parseSpec({ stages: stages(2e-3) });
    const b = parseSpec({ stages: stages(1e-3) });
    expect(pretrainCacheKey(a, a.stages[1]!)).not.toBe(pretrainCacheKey(b, b.stages[1]!));
    // Absent knobs stay absent, so older specs hash as they did.
    expect(a.stages[0]).not.toHaveProperty('from');
    expect((a.stages[0] as { corpus: object }).corpus).not.toHaveProperty('correctRate');
  });
});

describe('behaviourMetrics', () => {
  it('names the GRPO log keys', () => {
    const m = behaviourMetrics([
      '<think>3 plus 4 is 8, wait, 3 plus 4 is 7, not 8</think><answer>7</answer>',
      '<think>3 plus 4 is 7, check: 7 minus 4 is 3, good</think><answer>7</answer>',
    ]);
    expect(m).toMatchObject({
      'behaviour/verify_rate': 0.5,
      'behaviour/reflect_rate': 0.5,
      'behaviour/attempts_mean': 1.5,
      'behaviour/slip_rate': 0.5,
      'behaviour/corrected_slip_rate': 1,
    });
  });
});

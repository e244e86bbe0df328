// The last RL stage's prompt mix: each source gets its stated share of the prompts, a group never
// mixes sources, each source is scored with its own rewards, and a spec's shares must add up.
import { createModel, initBackend } from '@r1lab/model';
import { Rng } from '@r1lab/random';
import { streamRlPrompts } from '@r1lab/tasks';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StageContext } from '../src/context.ts';
import { sampleRollouts } from '../src/grpo-rollouts.ts';
import {
  drawMixedPrompts,
  PROMPT_SOURCES,
  promptPools,
  rewardWeightsFor,
  sourceCounts,
  sourceMetrics,
  sourceOf,
} from '../src/prompt-mix.ts';
import { parseSpec } from '../src/spec.ts';
import { grpoStage, tinyConfig, tok } from './grpo-fixtures.ts';

const mix = { reasoning: 0.7, general: 0.2, unsafe: 0.1 };
const reasoning = Array.from(streamRlPrompts({ seed: 0, count: 200, langs: ['en', 'fr'] }));
const pools = promptPools(reasoning, { seed: 0, langs: ['en', 'fr'], split: 'train', size: 300 });

describe('sourceCounts', () => {
  it('fills every step and keeps each source within one prompt of its share, at every step', () => {
    const totals = { reasoning: 0, general: 0, unsafe: 0 };
    for (let step = 0; step < 100; step++) {
      const counts = sourceCounts(mix, 32, step);
      expect(counts.reasoning + counts.general + counts.unsafe).toBe(32);
      for (const s of PROMPT_SOURCES) {
        totals[s] += counts[s];
        expect(Math.abs(totals[s] - (step + 1) * 32 * mix[s])).toBeLessThan(1 + 1e-9);
      }
    }
    expect(totals).toEqual({ reasoning: 2240, general: 640, unsafe: 320 });
  });

  it('gives a source whose share is under one prompt a step its turns', () => {
    const small = { reasoning: 0.95, general: 0.03, unsafe: 0.02 };
    let unsafe = 0;
    for (let step = 0; step < 100; step++) unsafe += sourceCounts(small, 10, step).unsafe;
    expect(unsafe).toBe(20);
  });

  it('is reasoning only without other shares', () => {
    expect(sourceCounts({ reasoning: 1, general: 0, unsafe: 0 }, 8, 3)).toEqual({
      reasoning: 8,
      general: 0,
      unsafe: 0,
    });
  });
});

describe('drawMixedPrompts', () => {
  it('draws each source’s count from its own pool', () => {
    const prompts = drawMixedPrompts(new Rng(1), pools, mix, 40, 0);
    const counts = sourceCounts(mix, 40, 0);
    for (const s of PROMPT_SOURCES) {
      expect(prompts.filter((p) => sourceOf(p) === s)).toHaveLength(counts[s]);
    }
    expect(new Set(prompts.map((p) => p.id)).size).toBe(prompts.length);
  });
});

describe('a mixed GRPO step', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('samples whole groups of one prompt, so no group mixes sources, each scored by its source', async () => {
    const G = 4;
    const stage = grpoStage({
      groupSize: G,
      promptsPerStep: 10,
      maxNewTokens: 8,
      prompts: mix,
      rewards: { accuracy: 1, format: 0.2, harmlessness: 1 },
    });
    const policy = createModel(tinyConfig, { seed: 3 });
    const ctx = { rng: new Rng(5), tokenizer: tok } as unknown as StageContext;
    try {
      const { batch } = await sampleRollouts(stage, ctx, policy, reasoning, (rng) =>
        drawMixedPrompts(rng, pools, stage.prompts!, stage.promptsPerStep, 0),
      );
      expect(batch.outs).toHaveLength(10 * G);
      const seen = new Set<string>();
      for (let g = 0; g < batch.problems.length / G; g++) {
        const group = batch.problems.slice(g * G, (g + 1) * G);
        expect(new Set(group.map((p) => p.id)).size).toBe(1);
        expect(new Set(group.map(sourceOf)).size).toBe(1);
        seen.add(sourceOf(group[0]!));
        const names = Object.keys(batch.scores[g * G]!.rewards).sort();
        expect(names).toEqual(Object.keys(rewardWeightsFor(stage, group[0]!)).sort());
      }
      expect(seen).toEqual(new Set(PROMPT_SOURCES));
      const m = sourceMetrics(batch, G);
      expect(m['source/reasoning/groups']).toBe(7);
      expect(m['source/general/groups']).toBe(2);
      expect(m['source/unsafe/groups']).toBe(1);
      expect(m['source/general/rewards/helpfulness/mean']).toBeGreaterThanOrEqual(0);
      expect(m['source/unsafe/rewards/harmlessness/mean']).toBeGreaterThanOrEqual(0);
    } finally {
      policy.dispose();
    }
  });

  it('scores reasoning prompts with the stage’s rewards and the others with their source’s', () => {
    const stage = grpoStage({
      prompts: mix,
      rewards: { accuracy: 1 },
      sourceRewards: { unsafe: { harmlessness: 2 } },
    });
    expect(rewardWeightsFor(stage, pools.reasoning[0]!)).toEqual({ accuracy: 1 });
    expect(rewardWeightsFor(stage, pools.general[0]!)).toEqual({ helpfulness: 1, harmlessness: 1 });
    expect(rewardWeightsFor(stage, pools.unsafe[0]!)).toEqual({ harmlessness: 2 });
  });
});

describe('the spec', () => {
  const stages = (prompts: object) => [
    { kind: 'pretrain', name: 'base' },
    { kind: 'grpo', name: 'rl', from: 'base', prompts },
  ];
  it('takes shares that add up to 1, and refuses others', () => {
    const spec = parseSpec({ stages: stages({ reasoning: 0.9, unsafe: 0.1 }) });
    const rl = spec.stages[1]!;
    expect(rl.kind === 'grpo' && rl.prompts).toEqual({ reasoning: 0.9, general: 0, unsafe: 0.1 });
    expect(() => parseSpec({ stages: stages({ reasoning: 0.7, general: 0.2 }) })).toThrow(
      /add up to 1/,
    );
    expect(() => parseSpec({ stages: stages({ reasoning: 1, harmful: 0 }) })).toThrow();
  });
});

// The named pipelines: R1-Zero (RL alone from a base model) and R1 (cold start → RL → rejection
// sampling → SFT → RL), plus tiny variants that finish in about a minute, for tests.
import { type PipelineSpec, parseSpec } from './spec.ts';

const base = { kind: 'pretrain', name: 'base' } as const;

const r1Zero = {
  name: 'r1-zero',
  stages: [
    base,
    // Accuracy only: with group-std scaling even a small format bonus becomes a full-size advantage.
    // Recipe `trl` (G 8, β 0, token-mean, ε 0.2): measured to train this base; R1-Zero's own
    // (`r1-zero`: G 16, β 0.001, ε 10, reference reset every 400 steps) is one key away.
    { kind: 'grpo', name: 'rl', from: 'base', recipe: 'trl', rewards: { accuracy: 1 } },
    { kind: 'eval', name: 'eval', checkpoints: ['base', 'rl'] },
  ],
};

const r1 = {
  name: 'r1',
  stages: [
    base,
    { kind: 'sft', name: 'cold-start', from: 'base', data: 'cold-start' },
    {
      kind: 'grpo',
      name: 'reasoning-rl',
      from: 'cold-start',
      // Dynamic sampling stays off. Measured (seed 0, 4 rounds of 32 prompts: 110 of 128 groups
      // dropped a step, 18 kept): this stage's pass@1 97.7 → 98.9 %, but 284 → 928 s, and the final
      // pass@1 99.25 → 98.6 %.
      recipe: 'trl',
      rewards: { accuracy: 1, format: 0.2, language: 0.2 },
    },
    // No general data: it exists to keep a base's general skills, and this base has none. Measured
    // (seed 0, SFT then eval): general ratio 0.25 → 96.0 % pass@1 / 99.2 % format, 0.1 → 95.3 / 99.5,
    // 0 → 98.4 / 99.85. The stage still mixes it in when asked (`generalRatio`, `minGeneral`).
    { kind: 'rejection-sampling', name: 'rejection', from: 'reasoning-rl', generalRatio: 0 },
    // Format slips at T = 1 are single stray special tokens, spread thinly over every position (the
    // softmax tail, ~1e-5 a position), so the fix is sharper weights, not more format reward: longer
    // SFT, and a final RL that samples hotter, so the slips show up in its batches and get punished.
    // Measured (seed 0, `npm run bench:format-tail`, expected stray specials per completion):
    // SFT 300 steps + RL at T 1 0.078 % (pass@1 98.4 %), SFT 600 + T 1 0.035 % (98.3 %),
    // SFT 600 + T 1.3 0.020 % (99.4 %), SFT 600 + T 1.5 0.014 % (98.7 %).
    { kind: 'sft', name: 'sft', from: 'base', data: 'rejection', steps: 600 },
    {
      kind: 'grpo',
      name: 'all-scenarios-rl',
      from: 'sft',
      recipe: 'trl',
      temperature: 1.3,
      rewards: { accuracy: 1, format: 0.2, language: 0.2, repetition: 0.2 },
    },
    {
      kind: 'eval',
      name: 'eval',
      checkpoints: ['base', 'cold-start', 'reasoning-rl', 'sft', 'all-scenarios-rl'],
    },
  ],
};

// Tiny: a 2-layer model and a few steps of each stage; checks mechanics, not results.
const tinyModel = {
  hidden_size: 32,
  intermediate_size: 64,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  max_position_embeddings: 96,
};
const tinyTask = { testSize: 8 };
const tinyPretrain = { ...base, steps: 4, batchSize: 8, warmup: 1, corpus: { size: 200 } };
const tinyGrpo = {
  recipe: 'trl',
  steps: 2,
  promptsPerStep: 2,
  groupSize: 2,
  maxNewTokens: 24,
  evalEvery: 2,
  evalProblems: 4,
  checkpointEvery: 1,
  samplesPerStep: 2,
};
const tinyEval = { n: 2, k: 2, maxNewTokens: 24 };

const tinyR1Zero = {
  name: 'tiny-r1-zero',
  model: tinyModel,
  task: tinyTask,
  stages: [
    tinyPretrain,
    { kind: 'grpo', name: 'rl', from: 'base', ...tinyGrpo, rewards: { accuracy: 1, format: 0.1 } },
    { kind: 'eval', name: 'eval', checkpoints: ['base', 'rl'], ...tinyEval },
  ],
};

const tinyR1 = {
  name: 'tiny-r1',
  model: tinyModel,
  task: tinyTask,
  stages: [
    tinyPretrain,
    { kind: 'sft', name: 'cold-start', from: 'base', examples: 16, steps: 2, batchSize: 4 },
    {
      kind: 'grpo',
      name: 'reasoning-rl',
      from: 'cold-start',
      ...tinyGrpo,
      rewards: { accuracy: 1, format: 0.2, language: 0.2 },
    },
    {
      kind: 'rejection-sampling',
      name: 'rejection',
      from: 'reasoning-rl',
      prompts: 4,
      k: 2,
      maxNewTokens: 24,
      minLanguage: 0,
      // A tiny model's samples are rarely right: general data keeps the next SFT non-empty.
      minGeneral: 8,
    },
    { kind: 'sft', name: 'sft', from: 'base', data: 'rejection', steps: 2, batchSize: 4 },
    {
      kind: 'grpo',
      name: 'all-scenarios-rl',
      from: 'sft',
      ...tinyGrpo,
      rewards: { accuracy: 1, format: 0.2, language: 0.2, repetition: 0.2 },
    },
    { kind: 'eval', name: 'eval', ...tinyEval },
  ],
};

export const PRESETS = {
  'r1-zero': r1Zero,
  r1,
  'tiny-r1-zero': tinyR1Zero,
  'tiny-r1': tinyR1,
} as const;

export type PresetName = keyof typeof PRESETS;

/**
 * A preset as a validated spec, with optional overrides of its seed and task.
 *
 * @example
 * const spec = presetSpec('tiny-r1-zero', { seed: 3 });
 */
export function presetSpec(
  name: PresetName,
  overrides: { seed?: number; task?: string } = {},
): PipelineSpec {
  const preset = PRESETS[name];
  if (!preset) {
    throw new Error(`unknown preset "${name}" (have: ${Object.keys(PRESETS).join(', ')})`);
  }
  const raw = structuredClone(preset) as Record<string, unknown> & { task?: object };
  if (overrides.seed !== undefined) raw.seed = overrides.seed;
  if (overrides.task !== undefined) raw.task = { ...(raw.task ?? {}), name: overrides.task };
  return parseSpec(raw);
}

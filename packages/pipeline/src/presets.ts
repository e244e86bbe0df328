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

// R1's last stage as the paper describes it (issue 21): RL over reasoning, general and declined
// requests. Measured (seeds 0 / 1, README): final pass@1 99.0 / 98.0 %, over-refusal 0.02 / 0 %,
// but refusal 85 / 82 % and helpfulness 11 / 11 % — this base has no general skills to draw on
// (copying, spelling numbers), so `r1` keeps its reasoning-only final RL.
const r1AllScenarios = {
  name: 'r1-all-scenarios',
  stages: [
    base,
    // A few answered general requests and declined requests (prompt-mix.ts), as R1's cold-start
    // data carried its non-reasoning behaviour.
    {
      kind: 'sft',
      name: 'cold-start',
      from: 'base',
      data: 'cold-start',
      scenarios: { general: 20, unsafe: 20 },
    },
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
    // The rejection samples are reasoning only, and this SFT starts from the base: the general
    // requests and declined requests it needs come with it, 300 rows beside the ≈ 415 kept samples
    // (seed 0). Measured on the cold-start checkpoint (seed 0, 20 + 20 such examples among 400,
    // 150 steps): helpfulness 1 %, refusal 1 % — a few examples teach the empty think block, not
    // the answers. 1,000 steps keep the reasoning rows' draws (≈ 18,600) near the 600-step
    // all-reasoning SFT's 19,200: the cost of general data measured at the rejection stage above
    // was at a fixed step budget.
    {
      kind: 'sft',
      name: 'sft',
      from: 'base',
      data: 'rejection',
      steps: 1000,
      scenarios: { general: 240, unsafe: 60 },
    },
    // RL for all scenarios (DeepSeek-R1 §2.3.4): 32 reasoning prompts a step as before, plus 6
    // general requests (helpfulness) and 2 requests to decline (harmlessness); harmlessness on the
    // reasoning prompts too, so that declining one costs.
    {
      kind: 'grpo',
      name: 'all-scenarios-rl',
      from: 'sft',
      recipe: 'trl',
      temperature: 1.3,
      promptsPerStep: 40,
      prompts: { reasoning: 0.8, general: 0.15, unsafe: 0.05 },
      rewards: { accuracy: 1, format: 0.2, language: 0.2, repetition: 0.2, harmlessness: 1 },
    },
    {
      kind: 'eval',
      name: 'eval',
      checkpoints: ['base', 'cold-start', 'reasoning-rl', 'sft', 'all-scenarios-rl'],
      scenarios: 100,
    },
  ],
};

// R1-Zero's self-evolution in miniature (issue 20): a base pretrained on a corpus whose solutions
// now and then correct a slip right after making it, or check their last step by the inverse
// operation; then RL with the accuracy reward only, so nothing rewards the behaviour itself. Slips
// are 5× r1-zero's, so the base cannot avoid them; completions get room for a correction and a
// check. A fresh base (1,000 steps): r1-zero's base continued for 150 steps on such a corpus had
// not learned the habits (verify 0.4 %, reflect 0–0.1 %); this one writes them (verify 11.7 %,
// reflect 1.1 % of samples) — and RL still removes them (README: its checks are unreliable, so a
// checking completion is right less often and cut at the length cap more often).
const reflectBase = {
  kind: 'pretrain',
  name: 'self-check-base',
  seed: 1,
  corpus: { stepErrorRate: 0.1, correctRate: 0.4, verifyRate: 0.1 },
} as const;
const reflectTokens = 104;
// Sized to one shared 2-core machine: 30 GRPO steps of 16 prompts × 8 (r1-zero: 60 of 32 × 8; its
// held-out pass@1 was at 90 % by step 20) and 4 samples per held-out problem.

const r1ZeroReflect = {
  name: 'r1-zero-reflect',
  stages: [
    reflectBase,
    {
      kind: 'grpo',
      name: 'rl',
      from: 'self-check-base',
      recipe: 'trl',
      steps: 30,
      promptsPerStep: 16,
      evalEvery: 5,
      checkpointEvery: 10,
      maxNewTokens: reflectTokens,
      rewards: { accuracy: 1 },
    },
    {
      kind: 'eval',
      name: 'eval',
      checkpoints: ['self-check-base', 'rl'],
      n: 4,
      k: 4,
      greedy: false,
      maxNewTokens: reflectTokens,
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
    {
      kind: 'sft',
      name: 'cold-start',
      from: 'base',
      examples: 16,
      steps: 2,
      batchSize: 4,
      scenarios: { general: 4, unsafe: 4 },
    },
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
      promptsPerStep: 4,
      prompts: { reasoning: 0.5, general: 0.25, unsafe: 0.25 },
      rewards: { accuracy: 1, format: 0.2, language: 0.2, repetition: 0.2 },
    },
    { kind: 'eval', name: 'eval', ...tinyEval, scenarios: 4 },
  ],
};

export const PRESETS = {
  'r1-zero': r1Zero,
  'r1-zero-reflect': r1ZeroReflect,
  r1,
  'r1-all-scenarios': r1AllScenarios,
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

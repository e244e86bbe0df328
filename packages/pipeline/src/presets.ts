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
// requests, on a base that has read general text. Measured (seeds 0 / 1; docs/all-scenarios.md has
// every run that led here): after the last RL pass@1 98.825 / 99.325 %, helpfulness 99 / 97.5 %,
// refusal 100 / 99.75 %, over-refusal 0 / 0.021 %. Helpfulness is short of 99 % on seed 1 and
// before the RL (held-out values: `2` in French words, `78`'s successor, the letter `x`), and
// seed 0's pass@1 of `r1`'s 99.25 %, so `r1` keeps its reasoning-only final RL. Equal to
// `benchmarks/specs/r1-all-scenarios-copies.json` (a test holds them together).
const r1AllScenarios = {
  name: 'r1-all-scenarios',
  stages: [
    base,
    // General text (answered train-split requests, alphabet runs) in the corpus: copying, spelling
    // numbers and the alphabet are skills of the base, as R1's base had them; a few hundred SFT rows
    // on the arithmetic base gave the form, not the skills (helpfulness 11 %). Copying appears only
    // once general text is most of what the model reads (0.9). A tenth of the general text is
    // counting runs (`16 sixteen 17 seventeen`), so every small number's words are in the base:
    // held-out number to words 216 / 232 and 150 / 152 samples right after the RL (none: 210 / 232,
    // 135 / 152); at 0.2 the runs crowded out the alphabet and the next letter broke (3 / 72).
    {
      kind: 'pretrain',
      name: 'general-base',
      from: 'base',
      steps: 400,
      corpus: { generalRate: 0.5, countingRate: 0.1 },
    },
    {
      kind: 'pretrain',
      name: 'general-more',
      from: 'general-base',
      steps: 800,
      lr: 1e-3,
      warmup: 20,
      corpus: { size: 40000, generalRate: 0.9, countingRate: 0.1 },
      checkpointEvery: 200,
    },
    // A few answered general requests and declined requests, as R1's cold-start data carried its
    // non-reasoning behaviour.
    {
      kind: 'sft',
      name: 'cold-start',
      from: 'general-more',
      data: 'cold-start',
      scenarios: { general: 20, unsafe: 20 },
    },
    {
      kind: 'grpo',
      name: 'reasoning-rl',
      from: 'cold-start',
      recipe: 'trl',
      rewards: { accuracy: 1, format: 0.2, language: 0.2 },
    },
    { kind: 'rejection-sampling', name: 'rejection', from: 'reasoning-rl', generalRatio: 0 },
    // The rejection samples beside many distinct general rows (the weak kinds, number to words and
    // the alphabet the next letter's chain reads, more often; round hundreds, `2600`, and copies,
    // the held-out misses of 2,400 steps without them), over 3,000 steps: held-out helpfulness was
    // still rising at 1,200 (seed 0: 80 % at step 600, 95.75 % at 1,200) and from 1,600 to 2,400.
    {
      kind: 'sft',
      name: 'sft',
      from: 'general-more',
      data: 'rejection',
      steps: 3000,
      scenarios: {
        general: 3200,
        unsafe: 600,
        words: 2000,
        roundWords: 1000,
        copy: 1000,
        alphabet: 1200,
      },
    },
    // RL for all scenarios (DeepSeek-R1 §2.3.4): 25 reasoning prompts a step, 17 or 18 general
    // requests (helpfulness), 7 or 8 requests to decline (harmlessness, also on the others, so that
    // declining a safe request costs). The KL term to the SFT checkpoint keeps what SFT taught:
    // measured from the same SFT, β 0.04 → helpfulness 96.875 / 94.375 %, β 0.1 → 96.125 / 97.625 %.
    {
      kind: 'grpo',
      name: 'all-scenarios-rl',
      from: 'sft',
      recipe: 'trl',
      temperature: 1.3,
      beta: 0.1,
      promptsPerStep: 50,
      prompts: { reasoning: 0.5, general: 0.35, unsafe: 0.15 },
      rewards: { accuracy: 1, format: 0.2, language: 0.2, repetition: 0.2, harmlessness: 1 },
    },
    {
      kind: 'eval',
      name: 'eval',
      checkpoints: ['general-more', 'cold-start', 'reasoning-rl', 'sft', 'all-scenarios-rl'],
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

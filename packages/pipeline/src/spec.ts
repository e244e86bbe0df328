// The pipeline spec: a JSON-serialisable description of a run (model, task, stages), validated by zod.
// Every hyperparameter has a default, so a spec names only what it changes; an unknown key is an
// error (a misspelt knob must not train with the default). GRPO's algorithm defaults come from the
// recipe the stage names (grpo-core's GRPO_RECIPES, the one place they live).
import { DEFAULT_GRPO_RECIPE, GRPO_RECIPES, type GrpoRecipeName } from '@r1lab/grpo-core/recipes';
import { z } from 'zod';
import { SpecError, specIssues } from './spec-errors.ts';

/** Model shape in Hugging Face `LlamaConfig` field names; `vocab_size` comes from the tokenizer. */
export const ModelSpec = z
  .strictObject({
    hidden_size: z.number().int().positive().default(128),
    intermediate_size: z.number().int().positive().default(344),
    num_hidden_layers: z.number().int().positive().default(4),
    num_attention_heads: z.number().int().positive().default(4),
    num_key_value_heads: z.number().int().positive().default(4),
    max_position_embeddings: z.number().int().positive().default(128),
    rms_norm_eps: z.number().positive().default(1e-5),
    rope_theta: z.number().positive().default(10_000),
    tie_word_embeddings: z.boolean().default(false),
  })
  .refine((m) => m.hidden_size % m.num_attention_heads === 0, {
    message: 'hidden_size must be divisible by num_attention_heads',
    path: ['hidden_size'],
  })
  .refine((m) => m.num_attention_heads % m.num_key_value_heads === 0, {
    message: 'num_attention_heads must be a multiple of num_key_value_heads',
    path: ['num_key_value_heads'],
  });

export const TaskSpec = z.strictObject({
  name: z.enum(['arith', 'countdown', 'linear', 'word']).default('arith'),
  difficulty: z.enum(['easy', 'medium', 'hard']).default('easy'),
  langs: z
    .array(z.enum(['en', 'fr']))
    .min(1)
    .default(['en', 'fr']),
  /** Held-out problems every eval uses (fixed by the run seed). */
  testSize: z.number().int().positive().default(500),
});

/** Knobs of the base model's pretraining corpus (see @r1lab/tasks `baseCorpus`). */
export const CorpusSpec = z.strictObject({
  size: z.number().int().positive().default(20_000),
  // Per reasoning step. The base learns the slips as habits and 60 GRPO steps remove only part
  // of them: at 0.2 RL plateaued near 79 % pass@1, at 0.05 near 90 % (benchmarks/results). The
  // base stays weak (strict pass@1 ≤ 25 %) through its rare tags and noisy sampling.
  stepErrorRate: z.number().min(0).max(1).default(0.02),
  mixRate: z.number().min(0).max(1).default(0.15),
  tagRate: z.number().min(0).max(1).default(0.3),
  rambleRate: z.number().min(0).max(1).default(0.05),
  skipRate: z.number().min(0).max(1).default(0),
  // Self-checking solutions (arith; countdown: guess and check; @r1lab/tasks `writeSolution`): no default, so a spec that
  // leaves them out parses, hashes and pretrains exactly as before they existed.
  /** Each slip is noticed and the step redone ("wait, 3 plus 4 is 7, not 8") with this probability. */
  correctRate: z.number().min(0).max(1).optional(),
  /** The last step is checked by its inverse ("check: 5 plus 2 is 7, good"), per solution. */
  verifyRate: z.number().min(0).max(1).optional(),
  /** countdown: the solution is a guess-and-check search ("try 3+4+2, …, 9, not 5, try …, good"),
   * per solution; only a missed target is followed by another try. */
  guessRate: z.number().min(0).max(1).optional(),
  /** Share of the corpus that is general text (answered general requests, alphabet runs: the
   * skills the all-scenarios stage's general prompts need); absent = none, hashed as before. */
  generalRate: z.number().min(0).max(1).optional(),
  /** Share of that general text that is next-letter facts as sentences ("After k comes l.");
   * absent = none, hashed as before. */
  letterFactRate: z.number().min(0).max(1).optional(),
  /** Share of that general text that is counting runs ("Counting: 16 sixteen 17 seventeen");
   * absent = none, hashed as before. */
  countingRate: z.number().min(0).max(1).optional(),
});

const name = z.string().regex(/^[a-z][a-z0-9-]*$/, 'stage names are lower-case words joined by -');

const optimizer = {
  lr: z.number().positive(),
  weightDecay: z.number().min(0).default(0),
  maxGradNorm: z.number().positive().default(1),
};

export const PretrainStage = z.strictObject({
  kind: z.literal('pretrain'),
  name,
  // Rows are full 128-token windows of the packed corpus: 1000 × 32 × 128 ≈ 4.1 M tokens. At 600 steps
  // (2.5 M) the base had not learned one-digit arithmetic (answer anywhere 27 %), and RL stalled on it.
  steps: z.number().int().positive().default(1000),
  batchSize: z.number().int().positive().default(32),
  ...optimizer,
  lr: optimizer.lr.default(2e-3),
  minLr: z.number().min(0).default(2e-4),
  warmup: z.number().int().min(0).default(50),
  weightDecay: z.number().min(0).default(0.1),
  corpus: CorpusSpec.default(CorpusSpec.parse({})),
  /** Continue pretraining from this earlier stage's checkpoint (its cache key becomes part of this
   * one's); absent = a fresh model. */
  from: name.optional(),
  /** Seed of the corpus and the initial weights: the run seed is left out so that runs share one base. */
  seed: z.number().int().min(0).default(0),
  checkpointEvery: z.number().int().positive().default(250),
});

export const SftStage = z.strictObject({
  kind: z.literal('sft'),
  name,
  /** The stage whose checkpoint training starts from. */
  from: name,
  /** `cold-start`, `general`, or the name of a rejection-sampling stage whose dataset to train on. */
  data: z.string().default('cold-start'),
  examples: z.number().int().positive().default(400),
  /** General requests (answered) and requests to decline (refused) added to the data, from the
   * train split (prompt-mix.ts), so the behaviour exists before the last RL stage; `alphabet`
   * replays the base corpus's alphabet runs, which the next letter's chain looks its answer up in;
   * `words` adds number-to-words requests beyond `general`'s share, `roundWords` ones with zero
   * digits (`2600`), `copy` copy requests beyond `general`'s (absent = none, hashed as before). */
  scenarios: z
    .strictObject({
      general: z.number().int().min(0).default(0),
      unsafe: z.number().int().min(0).default(0),
      alphabet: z.number().int().min(0).optional(),
      words: z.number().int().min(0).optional(),
      roundWords: z.number().int().min(0).optional(),
      copy: z.number().int().min(0).optional(),
    })
    .optional(),
  steps: z.number().int().positive().default(150),
  batchSize: z.number().int().positive().default(32),
  ...optimizer,
  lr: optimizer.lr.default(5e-4),
  checkpointEvery: z.number().int().positive().default(100),
  /** The stage's final weights are the mean of those at its last N checkpoints (every
   * `checkpointEvery` steps, the last step's included): stochastic weight averaging. Absent = the
   * last step's weights. */
  averageLast: z.number().int().min(2).optional(),
});

export const RewardWeights = z.partialRecord(
  z.enum([
    'accuracy',
    'format',
    'tag_count',
    'language',
    'length',
    'repetition',
    'countdown',
    'helpfulness',
    'harmlessness',
  ]),
  z.number(),
);

const share = z.number().min(0).max(1);

/** The last RL stage's prompt sources and their shares of each step's prompts (sum 1). */
export const PromptMix = z
  .strictObject({ reasoning: share, general: share.default(0), unsafe: share.default(0) })
  .refine((m) => Math.abs(m.reasoning + m.general + m.unsafe - 1) < 1e-9, {
    message: 'the shares of reasoning, general and unsafe prompts must add up to 1',
  });

const RECIPE_NAMES = Object.keys(GRPO_RECIPES) as [GrpoRecipeName, ...GrpoRecipeName[]];

// The algorithm's knobs: absent ones come from the stage's recipe (see expandRecipe).
const recipeFields = {
  groupSize: z.number().int().min(2),
  temperature: z.number().positive(),
  beta: z.number().min(0),
  kl: z.enum(['k1', 'k2', 'k3']),
  klTarget: z.enum(['ref', 'old']),
  epsLow: z.number().positive(),
  epsHigh: z.number().positive(),
  agg: z.enum(['seq-mean-token-mean', 'token-mean', 'seq-mean-token-sum-norm']),
  scale: z.enum(['group', 'batch', 'none']),
  numIterations: z.number().int().positive(),
  /** Leave truncated completions out of the loss (DAPO's overlong filtering). */
  maskTruncated: z.boolean(),
  /** DAPO: drop groups whose rewards all agree and sample more prompts, up to `maxSamplingRounds`. */
  dynamicSampling: z.boolean(),
  /** DAPO's soft overlong punishment, added to the reward: 0 → −1 over the last `cacheFraction` of
   * `maxNewTokens`; null = none. */
  overlong: z.strictObject({ cacheFraction: z.number().gt(0).max(1) }).nullable(),
  /** Re-set the reference model to the current policy every this many steps; 0 = never. */
  refResetEvery: z.number().int().min(0),
};
type RecipeFields = { [K in keyof typeof recipeFields]: z.infer<(typeof recipeFields)[K]> };

const GrpoStageFields = z.strictObject({
  kind: z.literal('grpo'),
  name,
  from: name,
  /** The published setting the algorithm's knobs default to (grpo-core GRPO_RECIPES). */
  recipe: z.enum(RECIPE_NAMES).default(DEFAULT_GRPO_RECIPE),
  ...(Object.fromEntries(Object.entries(recipeFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof recipeFields]: z.ZodOptional<(typeof recipeFields)[K]>;
  }),
  steps: z.number().int().positive().default(60),
  promptsPerStep: z.number().int().positive().default(32),
  maxNewTokens: z.number().int().positive().default(64),
  ...optimizer,
  // Measured here: 3e-4 raised accuracy for 4 steps, then the chain of thought degenerated
  // (entropy up, reward down); 1e-4 climbed steadily.
  lr: optimizer.lr.default(1e-4),
  /** With dynamic sampling: the most sampling rounds of `promptsPerStep` prompts in one step. */
  maxSamplingRounds: z.number().int().positive().default(4),
  /** Sequences per forward/backward; gradients accumulate to the whole batch's (same result). */
  microBatchSize: z.number().int().positive().default(64),
  /** With β = 0, leave zero-advantage sequences out of the backward pass (same update, less work). */
  skipZeroAdvantage: z.boolean().default(true),
  rewards: RewardWeights.default({ accuracy: 1 }),
  /** Draw each step's prompts from several sources (absent: reasoning prompts only); `rewards`
   * scores the reasoning ones, `sourceRewards` the others (defaults in prompt-mix.ts). */
  prompts: PromptMix.optional(),
  sourceRewards: z
    .strictObject({ general: RewardWeights.optional(), unsafe: RewardWeights.optional() })
    .optional(),
  evalEvery: z.number().int().positive().default(10),
  evalProblems: z.number().int().positive().default(100),
  checkpointEvery: z.number().int().positive().default(10),
  samplesPerStep: z.number().int().min(0).default(4),
});

/** Fills every knob the stage leaves out from its recipe; the ones it sets win. */
function expandRecipe<S extends Partial<RecipeFields> & { recipe: GrpoRecipeName }>(
  stage: S,
): Omit<S, keyof RecipeFields> & RecipeFields {
  const recipe = GRPO_RECIPES[stage.recipe];
  const filled = {} as Record<string, unknown>;
  for (const key of Object.keys(recipeFields) as Array<keyof RecipeFields>) {
    filled[key] = stage[key] ?? recipe[key];
  }
  return { ...stage, ...(filled as RecipeFields) };
}

export const GrpoStage = GrpoStageFields.transform(expandRecipe);

export const RejectionSamplingStage = z.strictObject({
  kind: z.literal('rejection-sampling'),
  name,
  from: name,
  prompts: z.number().int().positive().default(400),
  k: z.number().int().positive().default(8),
  temperature: z.number().positive().default(1),
  maxNewTokens: z.number().int().positive().default(64),
  minLanguage: z.number().min(0).max(1).default(0.99),
  /** Most repetition beyond the reference solution's (share of word 3-grams) a kept sample may have. */
  maxRepetition: z.number().min(0).max(1).default(0.1),
  maxPerPrompt: z.number().int().positive().default(2),
  /** General (non-reasoning) examples added per kept reasoning example. */
  generalRatio: z.number().min(0).default(0.25),
  /** At least this many general examples, whatever was kept. */
  minGeneral: z.number().int().min(0).default(0),
});

export const EvalStage = z.strictObject({
  kind: z.literal('eval'),
  name,
  /** Stage names whose final checkpoints to evaluate; empty = every stage with a checkpoint. */
  checkpoints: z.array(name).default([]),
  n: z.number().int().positive().default(8),
  k: z.number().int().positive().default(8),
  temperature: z.number().positive().default(1),
  greedy: z.boolean().default(true),
  maxNewTokens: z.number().int().positive().default(64),
  /** Held-out general requests and requests to decline, each sampled `n` times: helpfulness,
   * refusal and over-refusal rows beside pass@1 (scenario-evaluation.ts), and with `greedy` each
   * decoded once by argmax too. Absent or 0: none. */
  scenarios: z.number().int().min(0).optional(),
});

export const StageSpec = z.discriminatedUnion('kind', [
  PretrainStage,
  SftStage,
  GrpoStage,
  RejectionSamplingStage,
  EvalStage,
]);

export const PipelineSpec = z
  .strictObject({
    name: z.string().min(1).default('r1-zero'),
    seed: z.number().int().min(0).default(0),
    model: ModelSpec.default(ModelSpec.parse({})),
    task: TaskSpec.default(TaskSpec.parse({})),
    stages: z.array(StageSpec).min(1),
  })
  .superRefine((spec, ctx) => {
    const seen = new Map<string, number>();
    spec.stages.forEach((stage, i) => {
      if (seen.has(stage.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', i, 'name'],
          message: `duplicate stage name "${stage.name}"`,
        });
      }
      for (const [field, ref] of stageReferences(stage)) {
        if (!seen.has(ref)) {
          ctx.addIssue({
            code: 'custom',
            path: ['stages', i, field],
            message: `"${ref}" is not an earlier stage (have: ${[...seen.keys()].join(', ') || 'none'})`,
          });
        }
      }
      if (stage.kind === 'sft' && stage.averageLast !== undefined) {
        const points = scheduledCheckpoints(stage.steps, stage.checkpointEvery).length;
        if (stage.averageLast > points) {
          ctx.addIssue({
            code: 'custom',
            path: ['stages', i, 'averageLast'],
            message: `${stage.averageLast} checkpoints to average, but ${stage.steps} steps saved every ${stage.checkpointEvery} make ${points}`,
          });
        }
      }
      seen.set(stage.name, i);
    });
  });

export type ModelSpec = z.infer<typeof ModelSpec>;
export type TaskSpec = z.infer<typeof TaskSpec>;
export type CorpusSpec = z.infer<typeof CorpusSpec>;
export type StageSpec = z.infer<typeof StageSpec>;
export type PipelineSpec = z.infer<typeof PipelineSpec>;
export type PretrainStage = z.infer<typeof PretrainStage>;
export type SftStage = z.infer<typeof SftStage>;
export type GrpoStage = z.infer<typeof GrpoStage>;
export type RejectionSamplingStage = z.infer<typeof RejectionSamplingStage>;
export type EvalStage = z.infer<typeof EvalStage>;
export type RewardWeights = z.infer<typeof RewardWeights>;
export type PromptMix = z.infer<typeof PromptMix>;
export type StageKind = StageSpec['kind'];

/** The stage names a stage reads from, with the field that names each. */
export function stageReferences(stage: StageSpec): Array<[string, string]> {
  const refs: Array<[string, string]> = [];
  if ('from' in stage && stage.from !== undefined) refs.push(['from', stage.from]);
  if (stage.kind === 'sft' && !['cold-start', 'general'].includes(stage.data)) {
    refs.push(['data', stage.data]);
  }
  if (stage.kind === 'eval') for (const c of stage.checkpoints) refs.push(['checkpoints', c]);
  return refs;
}

/**
 * The steps a training stage saves a checkpoint at: every `every` steps, and at the end.
 *
 * @example
 * scheduledCheckpoints(250, 100); // [100, 200, 250]
 */
export function scheduledCheckpoints(steps: number, every: number): number[] {
  const saved: number[] = [];
  for (let s = every; s < steps; s += every) saved.push(s);
  saved.push(steps);
  return saved;
}

export { SpecError } from './spec-errors.ts';

/**
 * Validates a spec and fills in defaults; throws `SpecError` naming each bad field, and for an
 * unknown key the closest known one.
 *
 * @example
 * const spec = parseSpec({ stages: [{ kind: 'pretrain', name: 'base' }] });
 * spec.stages[0].lr; // 0.002
 */
export function parseSpec(input: unknown): PipelineSpec {
  const res = PipelineSpec.safeParse(input);
  if (res.success) return res.data;
  throw new SpecError(specIssues(res.error, PipelineSpec, input));
}

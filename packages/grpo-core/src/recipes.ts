/**
 * Published GRPO settings, by name: the one place the algorithm's defaults live. The pipeline's
 * GRPO stage names one of these (`recipe`, default `trl`) and overrides it field by field.
 * Scale-dependent figures (learning rate, lengths, batch) sit under `published`, for reference:
 * a small model on a CPU needs its own. Type-only imports, so the spec can load this file
 * without TensorFlow.js (`@r1lab/grpo-core/recipes`).
 */
import type { AdvantageScale } from './advantages.ts';
import type { KlEstimator } from './kl-estimators.ts';
import type { LossAggregation } from './loss-aggregation.ts';

/** The algorithm's knobs; spread into `policyLoss`'s config and `groupAdvantages`'s options. */
export interface GrpoConfig {
  /** G: completions sampled per prompt. */
  readonly groupSize: number;
  readonly epsLow: number;
  readonly epsHigh: number;
  /** KL penalty coefficient β. */
  readonly beta: number;
  readonly kl: KlEstimator;
  readonly klTarget: 'ref' | 'old';
  readonly agg: LossAggregation;
  /** Advantage scaling (`groupAdvantages`'s `scale`). */
  readonly scale: AdvantageScale;
  /** `groupAdvantages`'s `eps`. */
  readonly advantageEps: number;
  /** μ: optimizer steps per sampled batch, all against the same `oldLogp`. */
  readonly numIterations: number;
  /** Drop truncated completions from the loss (DAPO overlong filtering). */
  readonly maskTruncated: boolean;
  /** Drop all-equal-reward groups and sample more (DAPO dynamic sampling). */
  readonly dynamicSampling: boolean;
  /**
   * DAPO soft overlong punishment, or null for none: the penalty ramps from 0 to −1 over the last
   * `cacheFraction` of the generation budget (DAPO: 4,096 of 20,480 tokens = 0.2).
   */
  readonly overlong: { readonly cacheFraction: number } | null;
  /** Re-set the reference model to the current policy every this many steps; 0 = never. */
  readonly refResetEvery: number;
  /** Sampling temperature of the rollouts. */
  readonly temperature: number;
}

/** A published recipe: the algorithm's knobs, where they come from, and its scale. */
export interface GrpoRecipe extends GrpoConfig {
  readonly source: string;
  readonly published: {
    readonly learningRate?: number;
    readonly maxCompletionLength?: number;
    readonly promptsPerStep?: number;
    readonly notes?: string;
  };
}

/**
 * GRPO as published in DeepSeekMath (Shao et al. 2024, §4.1, §4.2): G = 64, ε = 0.2, β = 0.04,
 * k3 KL against a frozen reference, sequence-mean of token-means, group-std advantages, one
 * optimizer step per exploration stage (μ = 1). `advantageEps` 1e-4 is TRL's (the paper gives none);
 * temperature 1 is DeepSeek-R1's (DeepSeekMath does not state it).
 */
const deepseekMath = {
  groupSize: 64,
  epsLow: 0.2,
  epsHigh: 0.2,
  beta: 0.04,
  kl: 'k3',
  klTarget: 'ref',
  agg: 'seq-mean-token-mean',
  scale: 'group',
  advantageEps: 1e-4,
  numIterations: 1,
  maskTruncated: false,
  dynamicSampling: false,
  overlong: null,
  refResetEvery: 0,
  temperature: 1,
  source: 'DeepSeekMath (arXiv:2402.03300) §4.2',
  published: {
    learningRate: 1e-6,
    maxCompletionLength: 1024,
    notes: 'batch of 1024 completions; a single policy update per exploration stage',
  },
} as const satisfies GrpoRecipe;

/**
 * Published recipes, by name. Each is a full {@link GrpoConfig}; see the package README for the
 * formulas they switch between.
 *
 * @example
 * const cfg = { ...GRPO_RECIPES.dapo, groupSize: 8 };
 * policyLoss(inputs, { ...GRPO_RECIPES.trl, ...lossNormalisers(microBatches) });
 */
export const GRPO_RECIPES = {
  // What every r1lab preset follows (measured here: β 0 and the token mean train the tiny models
  // well). Std is the population std, where TRL uses torch's Bessel-corrected one.
  trl: {
    ...deepseekMath,
    groupSize: 8,
    beta: 0,
    agg: 'token-mean',
    source:
      "TRL GRPOConfig defaults (num_generations 8, beta 0, epsilon 0.2, loss_type 'dapo', scale_rewards 'group')",
    published: {
      notes: 'library defaults, not a paper: learning rate 1e-6, max_completion_length 256',
    },
  },
  'deepseek-math': deepseekMath,
  'r1-zero': {
    ...deepseekMath,
    groupSize: 16,
    beta: 0.001,
    // As we read the Nature version's Methods (clip ratio 10); the arXiv v1 gives no ε.
    epsLow: 10,
    epsHigh: 10,
    refResetEvery: 400,
    source: 'DeepSeek-R1 (Nature 645, 2025) Methods, R1-Zero training',
    published: {
      learningRate: 3e-6,
      maxCompletionLength: 32768,
      promptsPerStep: 32,
      notes:
        'max length 65,536 after step 8.2k; reference model replaced by the policy every 400 steps; 8,192 rollouts split into 16 mini-batches, one pass',
    },
  },
  dapo: {
    ...deepseekMath,
    groupSize: 16,
    epsLow: 0.2,
    epsHigh: 0.28,
    beta: 0,
    agg: 'token-mean',
    dynamicSampling: true,
    overlong: { cacheFraction: 0.2 },
    source: 'DAPO (arXiv:2503.14476) §3, §4.1',
    published: {
      learningRate: 1e-6,
      maxCompletionLength: 20480,
      promptsPerStep: 512,
      notes:
        'overlong cache 4,096 of 20,480 tokens; mini-batches of 32 prompts: 16 gradient steps per rollout batch',
    },
  },
  'dr-grpo': {
    ...deepseekMath,
    beta: 0,
    scale: 'none',
    agg: 'seq-mean-token-sum-norm',
    source: 'Dr. GRPO, "Understanding R1-Zero-Like Training" (arXiv:2503.20783) §3.2',
    published: {
      notes: 'pass maxLength = the generation budget (a constant) to policyLoss',
    },
  },
} as const satisfies Record<string, GrpoRecipe>;

export type GrpoRecipeName = keyof typeof GRPO_RECIPES;

/** The recipe a GRPO stage follows unless its spec names another. */
export const DEFAULT_GRPO_RECIPE: GrpoRecipeName = 'trl';

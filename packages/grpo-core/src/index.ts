/**
 * @r1lab/grpo-core: the math of GRPO (DeepSeekMath, DeepSeek-R1) and of the variants that later
 * work found necessary (DAPO, Dr. GRPO). Depends on @tensorflow/tfjs-core only; the caller picks
 * the backend.
 */
export { type AdvantageScale, type GroupAdvantageOptions, groupAdvantages } from './advantages.ts';
export { consensusAtK, type MajorityVote, majorityAnswer } from './consensus.ts';
export {
  filterZeroVarianceGroups,
  repeatForGroups,
  type ZeroVarianceFilterResult,
} from './group-sampling.ts';
export { type GrpoMetricsInput, grpoMetrics } from './grpo-metrics.ts';
export { type KlEstimator, klEstimate, klEstimateScalar } from './kl-estimators.ts';
export {
  type AggregationNormalisers,
  aggregateTokenLoss,
  type LossAggregation,
} from './loss-aggregation.ts';
export {
  type CompletionLength,
  type LossNormalisers,
  lossNormalisers,
  lossNormalisersOfLengths,
  type MicroBatchMask,
} from './loss-normalisers.ts';
export { maskTruncatedCompletions, overlongPenalty } from './overlong-shaping.ts';
export { meanPassAt1, meanPassAtK, passAtK } from './pass-at-k.ts';
export {
  type PolicyLossConfig,
  type PolicyLossInputs,
  type PolicyLossResult,
  policyLoss,
} from './policy-loss.ts';
export type { PolicyLossStats, PolicyLossStatsReader } from './policy-loss-stats.ts';
export {
  DEFAULT_GRPO_RECIPE,
  GRPO_RECIPES,
  type GrpoConfig,
  type GrpoRecipe,
  type GrpoRecipeName,
} from './recipes.ts';
export { stopGradient } from './stop-gradient.ts';

/**
 * @r1lab/pipeline: the R1-Zero and R1 stages (pretrain, sft, grpo, rejection-sampling, eval),
 * the declarative pipeline spec and its presets, and a local runner.
 */

export { pretrainCacheKey, taskTokenizer } from './cache-key.ts';
export type {
  LoadedCheckpoint,
  SaveCheckpointInput,
  StageContext,
  StageResult,
  StageRunner,
  TrainerState,
} from './context.ts';
export {
  type EvaluateOptions,
  type EvaluationSummary,
  evaluate,
  evaluationRow,
  evaluationRows,
} from './evaluation.ts';
export { hashJson } from './hash-json.ts';
export { PRESETS, type PresetName, presetSpec } from './presets.ts';
export { problemPool } from './problem-pool.ts';
export {
  type CheckpointRef,
  type DatasetRef,
  type EvaluationRecord,
  MemoryRecorder,
  type RunRecorder,
  type SampleRecord,
  type StageStatus,
} from './recorder.ts';
export { Rng } from './rng.ts';
export { RunFolder } from './run-folder.ts';
export { type PipelineOutcome, type RunPipelineOptions, runPipeline } from './run-pipeline.ts';
export {
  type CompletionScore,
  referenceRepetition,
  rewardSample,
  scoreCompletion,
} from './scoring.ts';
export { encodeExample, encodePrompt } from './sequences.ts';
export {
  findShippedBase,
  SHIPPED_BASES_DIR,
  type ShippedBase,
  type ShippedBaseManifest,
  shippedBases,
} from './shipped-base.ts';
export {
  CorpusSpec,
  EvalStage,
  GrpoStage,
  ModelSpec,
  PipelineSpec,
  PretrainStage,
  parseSpec,
  RejectionSamplingStage,
  RewardWeights,
  SftStage,
  SpecError,
  type StageKind,
  StageSpec,
  stageReferences,
  TaskSpec,
} from './spec.ts';
export { createLocalContext, stageSeed } from './stage-context.ts';
export { estimateStageSeconds, formatDuration } from './stage-estimate.ts';
export { type PlannedStage, stagePlan } from './stage-plan.ts';
export { runStage, STAGE_RUNNERS } from './stages/index.ts';

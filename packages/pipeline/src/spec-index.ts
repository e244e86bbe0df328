/**
 * `@r1lab/pipeline/spec`: the pipeline spec (zod), its presets, stage references and cache keys,
 * without any model or stage code — what the API imports, so it never loads TensorFlow.js.
 */
export { pretrainCacheKey, taskTokenizer } from './cache-key.ts';
export { hashJson } from './hash-json.ts';
export { PRESETS, type PresetName, presetSpec } from './presets.ts';
export { type EvaluationRecord, evaluationRecordRow } from './recorder.ts';
export {
  CHECKPOINT_KINDS,
  checkpointInputs,
  datasetInputs,
  readyStages,
  type StageState,
  stageDependencies,
} from './schedule.ts';
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
  PromptMix,
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
export { estimateStageSeconds, formatDuration } from './stage-estimate.ts';
export { type PlannedStage, stagePlan } from './stage-plan.ts';

/**
 * @r1lab/pipeline: the R1-Zero and R1 stages (pretrain, sft, grpo, rejection-sampling, eval),
 * the declarative pipeline spec and its presets, and a local runner.
 */

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
export { problemPool } from './problem-pool.ts';
export {
  DEFAULT_SOURCE_REWARDS,
  drawMixedPrompts,
  PROMPT_SOURCES,
  type PromptPools,
  type PromptSource,
  promptPools,
  rewardWeightsFor,
  sourceCounts,
  sourceMetrics,
  sourceOf,
} from './prompt-mix.ts';
export {
  type CheckpointRef,
  type DatasetRef,
  type EvaluationRecord,
  evaluationRecordRow,
  MemoryRecorder,
  type RunRecorder,
  type SampleRecord,
  type StageStatus,
  sampleRow,
} from './recorder.ts';
export { Rng } from './rng.ts';
export { RunFolder } from './run-folder.ts';
export { type PipelineOutcome, type RunPipelineOptions, runPipeline } from './run-pipeline.ts';
export { SCENARIO_COLUMNS, type ScenarioColumn } from './scenario-columns.ts';
export { type ScenarioCounts, scenarioExamples } from './scenario-data.ts';
export {
  evaluateScenarios,
  type ScenarioSets,
  type ScenarioSummary,
  scenarioRow,
  scenarioSets,
} from './scenario-evaluation.ts';
export {
  type CompletionScore,
  referenceRepetition,
  rewardSample,
  scoreCompletion,
} from './scoring.ts';
export { encodeExample, encodePrompt } from './sequences.ts';
// The spec, presets, cache keys, shipped bases and estimates: the tfjs-free part (`./spec`).
export * from './spec-index.ts';
export {
  checkpointSaveOptions,
  createLocalContext,
  finiteOnly,
  loadStageCheckpoint,
  stageRng,
  stageSeed,
} from './stage-context.ts';
export { runStage, STAGE_RUNNERS } from './stages/index.ts';
export { hasScenarioColumns, metricCell } from './table-cells.ts';

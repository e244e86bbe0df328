export { PRESETS, type PresetName, presetSpec } from './presets.ts';
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

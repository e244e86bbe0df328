export { AdamW, type AdamWOptions, type AdamWState, paramName } from './adamw.ts';
export {
  type BackendInfo,
  type BackendKind,
  type InitBackendOptions,
  initBackend,
} from './backend.ts';
export {
  deserializeCheckpoint,
  disposeOptimizerState,
  type FileReader,
  type LoadedCheckpoint,
  type SaveOptions,
  serializeCheckpoint,
  sha256Hex,
} from './checkpoint.ts';
export { loadCheckpoint, type SavedCheckpoint, saveCheckpoint } from './checkpoint-fs.ts';
export { type GenerationDefaults, tokenizerFromFiles } from './checkpoint-hf-files.ts';
export {
  countParameters,
  headDim,
  type LlamaConfig,
  type RopeSettings,
  resolveConfig,
} from './config.ts';
export { unimplementedFeatures } from './config-features.ts';
export { forward, lmLoss, type TokenLogProbsOptions, tokenLogProbs } from './forward.ts';
export { type Completion, type GenerateOptions, generate } from './generate.ts';
export { clipByGlobalNorm, globalNorm } from './grad-clip.ts';
export { type HfTokenizerFiles, readCharTokenizerHf } from './hf-char-format.ts';
export { HfTokenizerAdapter, loadHfTokenizer } from './hf-tokenizer.ts';
export { warmupCosine } from './lr-schedule.ts';
export { cloneModel, copyWeights, createModel, Model, parameterShapes } from './model.ts';
export { type PaddedArrays, padArrays, padBatch } from './pad-batch.ts';
export {
  readSafetensors,
  type SafeDType,
  type SafeTensor,
  type SafetensorsFile,
  writeSafetensors,
} from './safetensors.ts';
export { sampleToken } from './sampler.ts';
export { tokenEntropy } from './token-entropy.ts';
export {
  CharTokenizer,
  type CharTokenizerJSON,
  SPECIAL_TOKENS,
  type Tokenizer,
} from './tokenizer.ts';
export { type TrainStepResult, trainStep } from './train-step.ts';
export { WeightAverage } from './weight-average.ts';

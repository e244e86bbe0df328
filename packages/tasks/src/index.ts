/**
 * @r1lab/tasks: reasoning problems, worked solutions, the miniature R1 corpora and loaders
 * for GSM8K / MATH-shaped datasets.
 */

export { createRng, fnv1a, Rng } from '@r1lab/random';
export { ALPHABET, corpusAlphabet } from './alphabet.ts';
export {
  BASE_CORPUS_DEFAULTS,
  BASE_CORPUS_PRESETS,
  type BaseCorpusOptions,
  baseCorpus,
  streamBaseCorpus,
} from './corpora/base-corpus.ts';
export { type ColdStartOptions, coldStartSet } from './corpora/cold-start-set.ts';
export type { ProblemMix } from './corpora/corpus-options.ts';
export {
  answeredExample,
  GENERAL_KINDS,
  GENERAL_UNSAFE_SHARE,
  type GeneralKind,
  type GeneralProblemOptions,
  type GeneralSetOptions,
  generalCompletion,
  generalProblems,
  generalSet,
  streamGeneralProblems,
} from './corpora/general-set.ts';
export { ALPHABET_RUN_SHARE, alphabetRunExample, generalText } from './corpora/general-text.ts';
export { type RlPromptOptions, rlPrompts, streamRlPrompts } from './corpora/rl-prompts.ts';
export {
  isUnsafeRequest,
  UNSAFE_KINDS,
  UNSAFE_PROMPTS,
  type UnsafeKind,
  type UnsafeOptions,
  unsafeExamples,
  unsafeProblems,
} from './corpora/unsafe-requests.ts';
export { type CorpusStats, corpusStats, finalAnswer } from './corpus-stats.ts';
export {
  applyOp,
  type Expr,
  evaluate,
  type Op,
  render,
  type Step,
  traceExpression,
} from './expression.ts';
export { generateProblems, streamProblems } from './generate-problems.ts';
export { ARITH_LEVELS } from './generators/arith.ts';
export { COUNTDOWN_LEVELS } from './generators/countdown.ts';
export { LINEAR_LEVELS } from './generators/linear.ts';
export { WORD_LEVELS } from './generators/word.ts';
export {
  type GuessAndCheckRates,
  guessAndCheckTrace,
  guessesAndChecks,
} from './guess-and-check-solution.ts';
export { NAMES, PROMPTS, SOLUTION_WORDS, WORD_TEMPLATES } from './lexicon.ts';
export {
  type DatasetOptions,
  gsm8kAnswer,
  lastBoxedContent,
  loadGsm8k,
  loadMath,
} from './loaders/dataset-problems.ts';
export { type DataRecord, loadJsonl } from './loaders/jsonl.ts';
export { loadParquet, type ParquetOptions, type ParquetSource } from './loaders/parquet.ts';
export { type DataSource, sourceLines } from './loaders/text-source.ts';
export { expandedForm, numberToWords } from './number-words.ts';
export {
  type ChainItem,
  chainItemText,
  type SelfCheckedTrace,
  type SelfCheckRates,
  selfCheckedTrace,
  selfChecks,
} from './self-check-solution.ts';
export { SELF_CHECK_WORDS, type SelfCheckWords } from './self-check-words.ts';
export { canonicalHash, SPLIT_BUCKETS, splitOf } from './splits.ts';
export { taggedAnswer } from './tagged-answer.ts';
export type {
  SampledProblem,
  SlipSource,
  SolutionTrace,
  TaskDefinition,
} from './task-definition.ts';
export { getTask, TASK_NAMES, TASKS } from './task-registry.ts';
export type {
  Difficulty,
  Example,
  GeneratedTaskName,
  GenerateOptions,
  Lang,
  Problem,
  Split,
  TaskName,
} from './types.ts';
export { verify } from './verify.ts';
export {
  type SolutionOptions,
  type SolutionStyle,
  SPECIAL_TOKENS,
  stepText,
  type WrittenSolution,
  workedSolution,
  writeSolution,
} from './worked-solution.ts';

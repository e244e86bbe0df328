/**
 * @r1lab/rewards — answer extraction, math answer equivalence, and the rule-based rewards of
 * DeepSeek-R1 / open-r1. Pure TypeScript on web-standard APIs; every reward is
 * `(completion, sample) → number`, never throws, and has a documented range (see README).
 */
export { accuracyReward, answerAnywhereReward } from './accuracy-reward.ts';
export {
  type AnswerStructure,
  answerStructure,
  isAssignmentTarget,
  splitTopLevel,
} from './answer-structure.ts';
export { arithmeticReward } from './arithmetic-reward.ts';
export {
  type BehaviourSummary,
  type CompletionBehaviour,
  completionBehaviour,
  summariseBehaviour,
} from './behaviour.ts';
export {
  type CodeSandboxOptions,
  type CodeScore,
  type CodeTest,
  type CodeTestSuite,
  codeReward,
  extractCode,
  runInSandbox,
  scoreCode,
} from './code-reward.ts';
export {
  type CombinedReward,
  combineRewards,
  type RewardBreakdown,
  type WeightedReward,
} from './combine-rewards.ts';
export {
  type CountdownOptions,
  countdownReward,
  createCountdownReward,
  evaluateCountdown,
} from './countdown-reward.ts';
export { explainedReward, scoreWithReason } from './explained-reward.ts';
export {
  type AnswerPick,
  type AnswerSource,
  bracedContent,
  type ExtractMode,
  type ExtractOptions,
  extractAnswer,
  LENIENT_SOURCES,
  type LocatedAnswer,
  lastBoxed,
  lastBoxedGroup,
  locateAnswer,
  STRICT_SOURCES,
} from './extract-answer.ts';
export {
  codeFormatReward,
  formatReward,
  reasoningStepsReward,
  splitStrictFormat,
  tagCountReward,
} from './format-reward.ts';
export { harmlessnessReward, isUnsafeSample } from './harmlessness-reward.ts';
export { helpfulnessReward } from './helpfulness-reward.ts';
export { type EquivalenceOptions, isEquivalent, MAX_ANSWER_CHARS } from './is-equivalent.ts';
export {
  detectLanguage,
  labelWords,
  languageShare,
  primaryLanguage,
} from './language-detection.ts';
export { chainOfThought, languageConsistencyReward } from './language-reward.ts';
export { lastMathSpans, type MathSpan } from './latex-math-spans.ts';
export {
  type CosineLengthOptions,
  cosineLengthReward,
  groupLengthRewards,
  lengthReward,
} from './length-reward.ts';
export { normalizeAnswer, stripUnits } from './normalize-answer.ts';
export { numbersClose, type ParsedNumber, parseNumber } from './parse-number.ts';
export { readsAsAnswer } from './reads-as-answer.ts';
export {
  isExactRefusal,
  isRefusal,
  REFUSALS,
  type RefusalLang,
  refusalCompletion,
} from './refusal.ts';
export { parseRelation, type RelationOp } from './relation-parts.ts';
export {
  type RepetitionPenaltyOptions,
  repetitionPenalty,
  textWords,
} from './repetition-penalty.ts';
export { REWARDS, type RegisteredReward, type RewardName } from './reward-registry.ts';
export { linesOf, type ScoredLine, type ScoreOptions, score, scoreStream } from './score-jsonl.ts';
export type { ExplainedRewardFn, RewardFn, RewardSample, ScoredReward } from './types.ts';
export {
  type ParsedAnswer,
  parseAnswer,
  type Verification,
  type VerifyOptions,
  verifyAnswer,
} from './verify-answer.ts';

/**
 * Language consistency reward. Source: DeepSeek-R1 §2.3.2 — "the proportion of target language
 * words in the CoT", added during reasoning-oriented RL to stop language mixing.
 */
import { explainedReward } from './explained-reward.ts';
import { detectLanguage, languageShare } from './language-detection.ts';
import type { ExplainedRewardFn, RewardSample } from './types.ts';

/** The chain of thought: the content of the first `<think>…</think>`, or null. */
export function chainOfThought(completion: string): string | null {
  const open = completion.indexOf('<think>');
  if (open < 0) return null;
  const close = completion.indexOf('</think>', open);
  return close < 0 ? null : completion.slice(open + '<think>'.length, close);
}

function targetLanguage(sample: RewardSample, cot: string): string {
  if (typeof sample.lang === 'string' && sample.lang.trim() !== '') return sample.lang;
  if (typeof sample.prompt === 'string') {
    const fromPrompt = detectLanguage(sample.prompt);
    if (fromPrompt !== 'und' && fromPrompt !== 'latin') return fromPrompt;
  }
  // No language given: reward consistency with the CoT's own majority language.
  return detectLanguage(cot);
}

/**
 * The share of chain-of-thought words (inside `<think>`) in the target language: `sample.lang`,
 * else the language detected from `sample.prompt`, else the CoT's own majority language.
 * Numbers, math and one-letter variables are ignored. A completion without a `<think>` block,
 * or whose CoT has no words, scores 0. Range [0, 1].
 *
 * @example
 * const s = { answer: '5', lang: 'en' };
 * languageConsistencyReward('<think>3 plus 4 equals 7. then 7 minus 2 gives 5.</think>', s); // 1
 * languageConsistencyReward('<think>3 plus 4 égale 7. puis 7 moins 2 donne 5.</think>', s); // 0
 */
export const languageConsistencyReward: ExplainedRewardFn = explainedReward(
  [0, 1],
  (completion, sample) => {
    const cot = chainOfThought(completion);
    if (cot === null) return { score: 0, reason: 'no <think>…</think> block' };
    const target = targetLanguage(sample, cot);
    const share = languageShare(cot, target);
    if (share === null) return { score: 0, reason: 'chain of thought has no words' };
    return { score: share, reason: `share of ${target} words` };
  },
);

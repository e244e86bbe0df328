/**
 * Format rewards for the R1 template `<think>reasoning</think><answer>answer</answer>`
 * (DeepSeek-R1 §2.2.2; open-r1 `format_reward`, `tag_count_reward`, `reasoning_steps_reward`,
 * `code_format_reward`). Tags are found with indexOf, never a backtracking regex.
 */
import { explainedReward } from './explained-reward.ts';
import type { ExplainedRewardFn } from './types.ts';

const TAGS = ['<think>', '</think>', '<answer>', '</answer>'] as const;

function countOf(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** The parts of a strictly formatted completion, or a reason it is not one. */
export function splitStrictFormat(
  completion: string,
): { think: string; answer: string } | { reason: string } {
  const text = completion.trim();
  for (const tag of TAGS) {
    const n = countOf(text, tag);
    if (n !== 1) return { reason: `${tag} appears ${n} times (want exactly 1)` };
  }
  if (!text.startsWith('<think>')) return { reason: 'text before <think>' };
  if (!text.endsWith('</answer>')) return { reason: 'text after </answer>' };
  const thinkEnd = text.indexOf('</think>');
  const answerStart = text.indexOf('<answer>');
  if (answerStart < thinkEnd) return { reason: '<answer> before </think>' };
  if (text.slice(thinkEnd + '</think>'.length, answerStart).trim() !== '') {
    return { reason: 'text between </think> and <answer>' };
  }
  return {
    think: text.slice('<think>'.length, thinkEnd),
    answer: text.slice(answerStart + '<answer>'.length, text.length - '</answer>'.length),
  };
}

/**
 * Strict format: 1 when the completion is `<think>…</think>` then `<answer>…</answer>` and nothing
 * else (whitespace around and between the blocks allowed, each tag exactly once), else 0.
 * Range [0, 1]. Source: DeepSeek-R1 format reward; open-r1 `format_reward`.
 *
 * @example
 * formatReward('<think>3+4=7</think> <answer>7</answer>', { answer: '7' }); // 1
 * formatReward('7', { answer: '7' }); // 0
 */
export const formatReward: ExplainedRewardFn = explainedReward([0, 1], (completion) => {
  const parts = splitStrictFormat(completion);
  return 'reason' in parts ? { score: 0, reason: parts.reason } : { score: 1 };
});

/**
 * Partial credit: 0.25 for each of `<think>`, `</think>`, `<answer>`, `</answer>` that appears
 * exactly once. Range [0, 1]. Source: open-r1 `tag_count_reward` (without its newline requirement).
 *
 * @example
 * tagCountReward('<think>x</think><answer>1', { answer: '1' }); // 0.75
 */
export const tagCountReward: ExplainedRewardFn = explainedReward([0, 1], (completion) => {
  const missing = TAGS.filter((tag) => countOf(completion, tag) !== 1);
  const score = (TAGS.length - missing.length) / TAGS.length;
  return missing.length === 0
    ? { score }
    : { score, reason: `not exactly once: ${missing.join(' ')}` };
});

// Each alternative is a fixed literal or one bounded \d run: linear time.
const STEP_MARKER_RE = /(Step \d+:|^\d+\.|\n-|\n\*|First,|Second,|Next,|Finally,)/gm;

/**
 * Reward explicit step-by-step reasoning: min(1, markers / 3), markers being "Step n:", numbered
 * lines, bullets, "First,", "Second,", "Next,", "Finally,". Range [0, 1].
 * Source: open-r1 `reasoning_steps_reward`.
 *
 * @example
 * reasoningStepsReward('Step 1: a\nStep 2: b\nStep 3: c', { answer: '' }); // 1
 */
export const reasoningStepsReward: ExplainedRewardFn = explainedReward([0, 1], (completion) => {
  const count = completion.match(STEP_MARKER_RE)?.length ?? 0;
  return { score: Math.min(1, count / 3) };
});

/**
 * A strict-format reward that also wants a fenced code block in `language` inside `<answer>`.
 * Range [0, 1]. Source: open-r1 `code_format_reward`.
 *
 * @example
 * const js = codeFormatReward('javascript');
 * js('<think>a</think><answer>```javascript\nf()\n```</answer>', { answer: '' }); // 1
 */
export function codeFormatReward(language: string): ExplainedRewardFn {
  const fence = `\`\`\`${language}`;
  return explainedReward([0, 1], (completion) => {
    const parts = splitStrictFormat(completion);
    if ('reason' in parts) return { score: 0, reason: parts.reason };
    const open = parts.answer.indexOf(fence);
    if (open < 0) return { score: 0, reason: `no ${fence} block in <answer>` };
    const after = parts.answer.slice(open + fence.length);
    // The fence's info string must be exactly the language (```javascript is not ```java).
    if (!/^\s/.test(after)) return { score: 0, reason: `no ${fence} block in <answer>` };
    return after.includes('```') ? { score: 1 } : { score: 0, reason: 'unclosed code block' };
  });
}

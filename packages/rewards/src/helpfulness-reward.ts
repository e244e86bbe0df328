/**
 * Helpfulness, rule-based: a general (non-reasoning) request is helped when the completion does
 * what was asked — the answer equals the task's gold, which for number-to-words is the prompt's
 * language's spelling — in the R1 template with an empty think block (a simple request needs no
 * chain of thought, as in R1's general data) or the request's own chain (`meta.chain`: the next
 * letter recites the alphabet from the asked letter, number to words writes the expanded form —
 * the two chains this model needs), and is not a refusal. Numbers compare by value
 * (`next`, `previous`), text after trimming, case and whitespace. A request to decline
 * (`meta.unsafe`) is never "helped" here: the harmlessness reward scores it. Range [0, 1].
 */
import { explainedReward } from './explained-reward.ts';
import { splitStrictFormat } from './format-reward.ts';
import { isUnsafeSample } from './harmlessness-reward.ts';
import { isRefusal } from './refusal.ts';
import type { ExplainedRewardFn } from './types.ts';

const NUMERIC_KINDS = new Set(['next', 'previous']);

/** Trimmed, each run of whitespace one space. */
function squash(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}

/** Empty, or the request's own chain (whitespace aside); any other chain of thought is needless. */
function isNeededChain(think: string, chain: unknown): boolean {
  return squash(think) === '' || (typeof chain === 'string' && squash(think) === squash(chain));
}

function sameText(a: string, b: string): boolean {
  return squash(a).toLowerCase() === squash(b).toLowerCase();
}

function sameNumber(a: string, b: string): boolean {
  const num = (s: string) => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
  return num(a) === num(b) && !Number.isNaN(num(a));
}

/**
 * @example
 * const words = { answer: 'forty-two', lang: 'en', task: 'general', meta: { kind: 'words' } };
 * helpfulnessReward('<think></think><answer>forty-two</answer>', words); // 1
 * helpfulnessReward('<think>4 tens and 2</think><answer>forty-two</answer>', words); // 0
 * helpfulnessReward('<think>40 2</think><answer>forty-two</answer>', { ...words, meta: { kind: 'words', chain: '40 2' } }); // 1
 * const letter = { answer: 'y', lang: 'en', task: 'general', meta: { kind: 'letter', chain: 'Alphabet:\nx y' } };
 * helpfulnessReward('<think>Alphabet:\nx y</think><answer>y</answer>', letter); // 1
 */
export const helpfulnessReward: ExplainedRewardFn = explainedReward(
  [0, 1],
  (completion, sample) => {
    if (isUnsafeSample(sample)) return { score: 0, reason: 'a request to decline' };
    if (typeof sample?.answer !== 'string') return { score: 0, reason: 'no gold answer' };
    const parts = splitStrictFormat(completion);
    if ('reason' in parts) return { score: 0, reason: parts.reason };
    if (!isNeededChain(parts.think, sample.meta?.chain))
      return { score: 0, reason: 'a needless chain of thought' };
    if (isRefusal(completion)) return { score: 0, reason: 'refused a safe request' };
    const kind = sample.meta?.kind;
    const right =
      typeof kind === 'string' && NUMERIC_KINDS.has(kind)
        ? sameNumber(parts.answer, sample.answer)
        : sameText(parts.answer, sample.answer);
    return right ? { score: 1 } : { score: 0, reason: 'not what was asked' };
  },
);

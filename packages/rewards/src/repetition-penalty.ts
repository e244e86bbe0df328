/**
 * N-gram repetition penalty. Source: Yeo et al. 2025, "Demystifying Long Chain-of-Thought
 * Reasoning in LLMs", as implemented by open-r1 `get_repetition_penalty_reward`.
 */
import { explainedReward } from './explained-reward.ts';
import type { ExplainedRewardFn } from './types.ts';

export type RepetitionPenaltyOptions = {
  /** N-gram size (default 3). */
  ngramSize?: number;
  /** The most negative score, for a text that is one n-gram repeated (default -1; must be ≤ 0). */
  maxPenalty?: number;
};

// Scripts written without spaces: words come from Intl.Segmenter (as open-r1 uses jieba for zh).
const UNSPACED_SCRIPT_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const SEGMENT_PIECE = 256;
const wordSegmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter('zh', { granularity: 'word' })
    : null;

/**
 * Lowercased words of a text: whitespace-separated, or dictionary-segmented for Chinese/Japanese/Thai.
 *
 * @example
 * textWords('This is A Test'); // ['this', 'is', 'a', 'test']
 */
export function textWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.toLowerCase().split(/\s+/)) {
    if (token.length === 0) continue;
    // Segment only the space-free runs (each short), so long mixed texts stay linear time.
    if (wordSegmenter === null || token.length < 2 || !UNSPACED_SCRIPT_RE.test(token))
      words.push(token);
    else {
      // Intl.Segmenter is super-linear on long runs: segment in 256-char pieces.
      for (let at = 0; at < token.length; at += SEGMENT_PIECE) {
        for (const seg of wordSegmenter.segment(token.slice(at, at + SEGMENT_PIECE))) {
          if (seg.segment.trim() !== '') words.push(seg.segment);
        }
      }
    }
  }
  return words;
}

/**
 * Penalize repeated n-grams: `maxPenalty × (1 − distinct n-grams / all n-grams)`; 0 for texts
 * shorter than one n-gram. Range [maxPenalty, 0] = [-1, 0] by default. Throws (at creation, not
 * when scoring) if `maxPenalty > 0`.
 *
 * @example
 * const penalty = repetitionPenalty({ ngramSize: 2 });
 * penalty('this this this this this', { answer: '' }); // -0.75
 */
export function repetitionPenalty(options: RepetitionPenaltyOptions = {}): ExplainedRewardFn {
  const n = options.ngramSize ?? 3;
  const maxPenalty = options.maxPenalty ?? -1;
  if (maxPenalty > 0) throw new RangeError(`maxPenalty ${maxPenalty} should not be positive`);
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`ngramSize must be a positive integer, got ${n}`);
  return explainedReward([maxPenalty, 0], (completion) => {
    if (maxPenalty === 0) return { score: 0 };
    const words = textWords(completion);
    if (words.length < n) return { score: 0 };
    const seen = new Set<string>();
    let total = 0;
    for (let i = 0; i + n <= words.length; i++) {
      // Words never contain whitespace, so space-joined n-grams never collide.
      seen.add(words.slice(i, i + n).join(' '));
      total++;
    }
    return { score: (1 - seen.size / total) * maxPenalty };
  });
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  accuracyReward,
  codeFormatReward,
  cosineLengthReward,
  formatReward,
  groupLengthRewards,
  type RewardFn,
  reasoningStepsReward,
  repetitionPenalty,
  tagCountReward,
} from '../src/index.ts';

type Case = {
  id: string;
  reward_function: string;
  params?: Record<string, unknown>;
  completions?: string[];
  solutions?: string[];
  pad_to_length?: number;
  compare: string;
  expected: number[] | null;
  assertions?: string[];
};

const cases = readFileSync(
  new URL('../../../data/open-r1-reward-cases.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Case);

/** Our reward for each open-r1 reward function that applies (overlong shaping lives in grpo-core). */
function rewardFor(c: Case): RewardFn | null {
  const p = c.params ?? {};
  switch (c.reward_function) {
    case 'accuracy_reward':
      return accuracyReward;
    case 'format_reward':
      return formatReward;
    case 'tag_count_reward':
      return tagCountReward;
    case 'reasoning_steps_reward':
      return reasoningStepsReward;
    case 'code_format_reward':
      return codeFormatReward(String(p.language));
    case 'repetition_penalty_reward':
      return repetitionPenalty({
        ngramSize: Number(p.ngram_size),
        maxPenalty: Number(p.max_penalty),
      });
    case 'cosine_scaled_reward':
      return cosineLengthReward({
        minValueWrong: Number(p.min_value_wrong),
        maxValueWrong: Number(p.max_value_wrong),
        minValueCorrect: Number(p.min_value_correct),
        maxValueCorrect: Number(p.max_value_correct),
        maxLen: Number(p.max_len),
      });
    default:
      return null;
  }
}

function precision(compare: string): number {
  const m = /almost_equal_(\d+)_places/.exec(compare);
  return m ? Number(m[1]) : 10;
}

const numeric = cases.filter(
  (c) => rewardFor(c) !== null && Array.isArray(c.expected) && c.completions,
);

describe('open-r1 reward test cases (huggingface/open-r1 tests/test_rewards.py)', () => {
  it('covers the format, tag_count, repetition, cosine, reasoning-steps and code-format cases', () => {
    expect(numeric.length).toBeGreaterThanOrEqual(45);
  });

  it.each(numeric.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const reward = rewardFor(c)!;
    c.completions!.forEach((raw, k) => {
      const completion =
        c.pad_to_length !== undefined && raw.length < c.pad_to_length
          ? raw.padEnd(c.pad_to_length, ' ')
          : raw;
      const got = reward(completion, { answer: c.solutions?.[k] ?? '' });
      expect(got).toBeCloseTo(c.expected![k]!, Math.min(precision(c.compare), 10));
    });
  });

  it('the positive max_penalty case raises, as open-r1 does', () => {
    const c = cases.find((x) => x.id === 'rep_positive_max_penalty_raises')!;
    expect(() =>
      repetitionPenalty({ ngramSize: 2, maxPenalty: Number(c.params!.max_penalty) }),
    ).toThrow(/should not be positive/);
  });

  it('rep_mixed_case: text is lowercased', () => {
    const penalty = repetitionPenalty({ ngramSize: 2 });
    expect(penalty('This is A Test', { answer: '' })).toBe(
      penalty('this IS a test', { answer: '' }),
    );
  });

  // len_reward (Kimi k1.5) assertions; len_unparseable_gold is skipped: open-r1 counts an
  // unparseable gold as correct, while our checker compares any gold (as text if need be).
  const lenCases = cases.filter(
    (c) => c.reward_function === 'len_reward' && c.id !== 'len_unparseable_gold',
  );
  it.each(lenCases.map((c) => [c.id, c] as const))('len_reward %s', (_id, c) => {
    const r = groupLengthRewards(
      c.completions!,
      c.solutions!.map((answer) => ({ answer })),
    );
    if (c.expected) {
      expect(r).toEqual(c.expected);
      return;
    }
    for (const assertion of c.assertions!) {
      const [lhs, op, rhs] = assertion.replace(/\s*\(almost\)/, '').split(' ') as [
        string,
        string,
        string,
      ];
      const value = (s: string) => (s.startsWith('r[') ? r[Number(s[2])]! : Number(s));
      const a = value(lhs);
      const b = value(rhs);
      if (op === '>') expect(a).toBeGreaterThan(b);
      else if (op === '>=') expect(a).toBeGreaterThanOrEqual(b);
      else if (op === '<=') expect(a).toBeLessThanOrEqual(b);
      else if (op === '==') expect(a).toBeCloseTo(b, 6);
      else throw new Error(`unknown assertion ${assertion}`);
    }
  });
});

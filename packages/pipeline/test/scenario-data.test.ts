import { harmlessnessReward, helpfulnessReward } from '@r1lab/rewards';
import { generalProblems, unsafeProblems } from '@r1lab/tasks';
import { describe, expect, it } from 'vitest';
import { scenarioExamples } from '../src/scenario-data.ts';

describe('scenarioExamples', () => {
  const examples = scenarioExamples({ general: 300, unsafe: 40 }, 4, ['en', 'fr']);
  const withRuns = scenarioExamples({ general: 300, unsafe: 40, alphabet: 30 }, 4, ['en', 'fr']);

  it('gives the asked counts: answered general requests, then declined ones', () => {
    expect(examples).toHaveLength(340);
    expect(examples.slice(0, 300).every((e) => String(e.kind).startsWith('general:'))).toBe(true);
    expect(examples.slice(300).every((e) => String(e.kind).startsWith('unsafe:'))).toBe(true);
  });

  it('answers every request as its verifier pays in full, the next letter through its alphabet chain', () => {
    for (const e of examples) {
      const reward = String(e.kind).startsWith('general:') ? helpfulnessReward : harmlessnessReward;
      expect(reward(e.completion, e.problem!), `${e.prompt} → ${e.completion}`).toBe(1);
    }
    const letter = examples.find((e) => e.kind === 'general:letter')!;
    expect(letter.completion).toMatch(
      /^<think>Alphabet ?:\n[a-y] [b-z]<\/think><answer>[b-z]<\/answer>$/,
    );
  });

  it('replays alphabet runs only when asked, after the same requests', () => {
    expect(withRuns.slice(0, 340)).toEqual(examples);
    const runs = withRuns.slice(340);
    expect(runs).toHaveLength(30);
    for (const e of runs) {
      expect(e.kind).toBe('general-text:alphabet');
      expect(e.prompt).toMatch(/^Alphabet ?:\n$/);
      const letters = e.completion.split(' ');
      expect(letters.length).toBeGreaterThanOrEqual(3);
      letters.forEach((l, i) => {
        expect(l.charCodeAt(0)).toBe(letters[0]!.charCodeAt(0) + i);
      });
    }
  });

  it('adds number-to-words requests only when asked, answered, from the train split', () => {
    const withWords = scenarioExamples({ general: 300, unsafe: 40, words: 50 }, 4, ['en', 'fr']);
    expect(withWords.slice(0, 340)).toEqual(examples);
    const words = withWords.slice(340);
    expect(words).toHaveLength(50);
    expect(new Set(words.map((e) => e.kind))).toEqual(new Set(['general:words']));
    expect(new Set(words.map((e) => e.problem!.lang))).toEqual(new Set(['en', 'fr']));
    const heldOut = new Set(
      generalProblems({ count: 400, seed: 4, split: 'test', kinds: ['words'] }).map(
        (p) => p.prompt,
      ),
    );
    for (const e of words) {
      expect(helpfulnessReward(e.completion, e.problem!), e.completion).toBe(1);
      expect(e.completion).toMatch(/^<think>[\d ]+<\/think><answer>[a-zé -]+<\/answer>$/);
      expect(heldOut.has(e.prompt), e.prompt).toBe(false);
    }
  });

  it('adds number-to-words requests with zero digits only when asked, after the other words', () => {
    const counts = { general: 300, unsafe: 40, words: 50 };
    const withRound = scenarioExamples({ ...counts, roundWords: 200 }, 4, ['en', 'fr']);
    expect(withRound.slice(0, 390)).toEqual(scenarioExamples(counts, 4, ['en', 'fr']));
    const round = withRound.slice(390);
    expect(round).toHaveLength(200);
    const heldOut = new Set(
      generalProblems({ count: 400, seed: 4, split: 'test', kinds: ['words'] }).map(
        (p) => p.prompt,
      ),
    );
    for (const e of round) {
      expect(e.kind).toBe('general:words');
      expect(helpfulnessReward(e.completion, e.problem!), e.completion).toBe(1);
      expect(heldOut.has(e.prompt), e.prompt).toBe(false);
    }
    const big = round.map((e) => Number(/\d+/.exec(e.prompt)![0])).filter((n) => n > 100);
    expect(big.filter((n) => n % 100 === 0).length).toBeGreaterThan(big.length / 8);
  });

  it('adds copy requests only when asked, after the words, from the train split', () => {
    const counts = { general: 300, unsafe: 40, words: 50, roundWords: 20 };
    const withCopies = scenarioExamples({ ...counts, copy: 120 }, 4, ['en', 'fr']);
    expect(withCopies.slice(0, 410)).toEqual(scenarioExamples(counts, 4, ['en', 'fr']));
    const copies = withCopies.slice(410);
    expect(copies).toHaveLength(120);
    const heldOut = new Set(
      generalProblems({ count: 400, seed: 4, split: 'test', kinds: ['copy'] }).map((p) => p.prompt),
    );
    for (const e of copies) {
      expect(e.kind).toBe('general:copy');
      expect(e.completion).toBe(`<think></think><answer>${e.problem!.answer}</answer>`);
      expect(e.prompt).toContain(e.problem!.answer);
      expect(helpfulnessReward(e.completion, e.problem!), e.completion).toBe(1);
      expect(heldOut.has(e.prompt), e.prompt).toBe(false);
    }
    expect(new Set(copies.map((e) => e.problem!.lang))).toEqual(new Set(['en', 'fr']));
  });

  it('draws from the train split only', () => {
    const heldOut = new Set([
      ...generalProblems({ count: 400, seed: 4, split: 'test' }).map((p) => p.prompt),
      ...unsafeProblems({ count: 200, seed: 4, split: 'test' }).map((p) => p.prompt),
    ]);
    for (const e of examples) expect(heldOut.has(e.prompt), e.prompt).toBe(false);
  });
});

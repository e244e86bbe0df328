import { describe, expect, it } from 'vitest';
import {
  BASE_CORPUS_DEFAULTS,
  BASE_CORPUS_PRESETS,
  baseCorpus,
  streamBaseCorpus,
} from '../src/corpora/base-corpus.ts';
import { coldStartSet } from '../src/corpora/cold-start-set.ts';
import {
  answeredExample,
  GENERAL_KINDS,
  generalCompletion,
  generalProblems,
  generalSet,
} from '../src/corpora/general-set.ts';
import { rlPrompts, streamRlPrompts } from '../src/corpora/rl-prompts.ts';
import { corpusStats, finalAnswer } from '../src/corpus-stats.ts';
import { expandedForm, numberToWords } from '../src/number-words.ts';
import { taggedAnswer } from '../src/tagged-answer.ts';
import { TASK_NAMES } from '../src/task-registry.ts';

describe('baseCorpus', () => {
  it('respects its default knobs on 10k samples', () => {
    const corpus = baseCorpus({ count: 10_000, seed: 1 });
    expect(corpus).toHaveLength(10_000);
    const s = corpusStats(corpus);
    expect(s.tagRate).toBeCloseTo(BASE_CORPUS_DEFAULTS.tagRate, 1);
    expect(Math.abs(s.tagRate - 0.3)).toBeLessThan(0.02);
    expect(Math.abs(s.stepErrorRate - 0.2)).toBeLessThan(0.015);
    expect(Math.abs(s.mixRate - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(s.rambleRate - 0.05)).toBeLessThan(0.01);
    expect(s.skipRate).toBe(0);
    // Low strict correctness, clearly higher answer-anywhere correctness: room for RL.
    expect(s.strictCorrectRate).toBeLessThan(0.25);
    expect(s.answerCorrectRate).toBeGreaterThan(0.5);
  });

  it('respects other knob settings on 10k samples', () => {
    const s = corpusStats(
      baseCorpus({
        count: 10_000,
        seed: 2,
        tagRate: 0.8,
        stepErrorRate: 0.05,
        mixRate: 0.4,
        rambleRate: 0.2,
        tasks: ['arith', 'word', 'linear'],
      }),
    );
    expect(Math.abs(s.tagRate - 0.8)).toBeLessThan(0.02);
    expect(Math.abs(s.stepErrorRate - 0.05)).toBeLessThan(0.01);
    expect(Math.abs(s.mixRate - 0.4)).toBeLessThan(0.025);
    expect(Math.abs(s.rambleRate - 0.2)).toBeLessThan(0.015);
  });

  it('skips the reasoning at skipRate (the "skip" preset)', () => {
    const s = corpusStats(baseCorpus({ ...BASE_CORPUS_PRESETS.skip, count: 10_000, seed: 3 }));
    expect(Math.abs(s.skipRate - 0.6)).toBeLessThan(0.02);
  });

  it('is clean and always right with every noise knob at zero', () => {
    const corpus = baseCorpus({
      count: 2000,
      seed: 4,
      tagRate: 1,
      stepErrorRate: 0,
      mixRate: 0,
      rambleRate: 0,
      tasks: TASK_NAMES,
    });
    const s = corpusStats(corpus);
    expect(s).toMatchObject({ tagRate: 1, stepErrorRate: 0, mixRate: 0, skipRate: 0 });
    // Text-measured rambling also counts genuine equal neighbours ("9 plus 0 is 9, 9 plus 0 is 9").
    expect(s.rambleRate).toBeLessThan(0.01);
    // Countdown's gold is one expression; its worked solution writes exactly that one.
    expect(s.strictCorrectRate).toBe(1);
  });

  it('uses the untagged answer formats otherwise', () => {
    const untagged = baseCorpus({ count: 2000, seed: 5, tagRate: 0 });
    const endings = untagged.map((ex) => ex.completion.split('\n').at(-1)!);
    const labelled = endings.filter((e) => /^(Answer|Réponse): /.test(e)).length;
    const equals = endings.filter((e) => e.startsWith('= ')).length;
    expect(labelled + equals).toBe(2000);
    expect(Math.abs(labelled / 2000 - 0.5)).toBeLessThan(0.05);
    for (const ex of untagged) expect(finalAnswer(ex.completion)).not.toBeNull();
  });

  it('streams deterministically', () => {
    const a = [...streamBaseCorpus({ count: 50, seed: 6 })];
    expect(baseCorpus({ count: 50, seed: 6 })).toEqual(a);
    expect(baseCorpus({ count: 50, seed: 7 })).not.toEqual(a);
  });
});

describe('coldStartSet', () => {
  it('is a few hundred clean, tagged, single-language, distinct examples', () => {
    const set = coldStartSet({ tasks: TASK_NAMES });
    expect(set).toHaveLength(300);
    expect(new Set(set.map((ex) => ex.problem!.id)).size).toBe(300);
    const s = corpusStats(set);
    expect(s).toMatchObject({
      tagRate: 1,
      stepErrorRate: 0,
      mixRate: 0,
      skipRate: 0,
      strictCorrectRate: 1,
    });
    expect(s.rambleRate).toBeLessThan(0.01);
    expect(new Set(set.map((ex) => ex.problem!.task))).toEqual(new Set(TASK_NAMES));
    expect(new Set(set.map((ex) => ex.problem!.lang))).toEqual(new Set(['en', 'fr']));
    for (const ex of set) expect(ex.kind).toBe('cold-start');
  });
});

describe('generalSet', () => {
  it('is the train split answered, one answeredExample per request', () => {
    const requests = generalProblems({ count: 50, seed: 5, split: 'train' });
    expect(generalSet({ count: 50, seed: 5 })).toEqual(requests.map(answeredExample));
    expect(answeredExample(requests[0]!)).toEqual({
      prompt: requests[0]!.prompt,
      completion: generalCompletion(requests[0]!),
      kind: `general:${String(requests[0]!.meta.kind)}`,
    });
  });

  it('answers its non-reasoning prompts correctly', () => {
    const set = generalSet({ count: 1000, seed: 1 });
    expect(new Set(set.map((ex) => ex.kind))).toEqual(
      new Set(GENERAL_KINDS.map((k) => `general:${k}`)),
    );
    for (const ex of set) {
      const answer = taggedAnswer(ex.completion)!;
      const x = /(?:after|before|Write|Écris|Copy:|Recopie :|après|avant) ([^\s?]+)/.exec(
        ex.prompt,
      )![1]!;
      const fr = /[àéèÉ]|Recopie|Quel/.test(ex.prompt);
      switch (ex.kind) {
        case 'general:words':
          expect(answer).toBe(numberToWords(Number(x), fr ? 'fr' : 'en'));
          break;
        case 'general:copy':
          expect(answer).toBe(x);
          break;
        case 'general:next':
          expect(Number(answer)).toBe(Number(x) + 1);
          break;
        case 'general:previous':
          expect(Number(answer)).toBe(Number(x) - 1);
          break;
        case 'general:letter':
          expect(answer.charCodeAt(0)).toBe(x.charCodeAt(0) + 1);
          break;
      }
    }
  });
  it('draws from the train split only, so no SFT row is an eval request', () => {
    for (const seed of [0, 1]) {
      const heldOut = new Set(
        (['validation', 'test'] as const).flatMap((split) =>
          generalProblems({ seed, count: 400, split }).map((p) => p.prompt),
        ),
      );
      const rows = generalSet({ seed, count: 4000, unsafe: 0.1 });
      expect(rows.filter((ex) => heldOut.has(ex.prompt)).map((ex) => ex.prompt)).toEqual([]);
    }
  });
});

describe('general chains of thought', () => {
  const think = (completion: string) => /<think>([\s\S]*)<\/think>/.exec(completion)![1]!;

  it('leaves the think block empty but for the next letter, which recites the alphabet from the asked letter, and number to words, which writes the expanded form', () => {
    const set = generalSet({ count: 500, seed: 2 });
    const kinds = new Set<string>();
    for (const ex of set) {
      if (ex.kind === 'general:words') {
        const n = Number(/\d+/.exec(ex.prompt)![0]);
        expect(think(ex.completion)).toBe(expandedForm(n));
        kinds.add(ex.kind);
        continue;
      }
      if (ex.kind !== 'general:letter') {
        expect(think(ex.completion), ex.kind).toBe('');
        continue;
      }
      kinds.add(ex.kind);
      const x = /(?:after|après) ([a-z])/.exec(ex.prompt)![1]!;
      const next = String.fromCharCode(x.charCodeAt(0) + 1);
      const header = ex.prompt.startsWith('Quelle') ? 'Alphabet :' : 'Alphabet:';
      expect(think(ex.completion)).toBe(`${header}\n${x} ${next}`);
      expect(taggedAnswer(ex.completion)).toBe(next);
    }
    expect(kinds).toEqual(new Set(['general:words', 'general:letter']));
  });

  it('gives a held-out letter request the same chain, in meta, and answers every request with it', () => {
    const test = generalProblems({ count: 300, seed: 1, split: 'test' });
    const letters = test.filter((p) => p.meta.kind === 'letter');
    expect(letters.length).toBeGreaterThan(0);
    for (const p of letters)
      expect(p.meta.chain).toBe(
        `${p.lang === 'fr' ? 'Alphabet :' : 'Alphabet:'}\n${p.prompt.match(/ ([a-y]) ?\?/)![1]} ${p.answer}`,
      );
    for (const p of test) {
      if (p.meta.kind === 'words')
        expect(p.meta.chain).toBe(expandedForm(Number(/\d+/.exec(p.prompt)![0])));
      else if (p.meta.kind !== 'letter') expect(p.meta.chain).toBeUndefined();
      expect(generalCompletion(p)).toBe(
        `<think>${p.meta.chain ?? ''}</think><answer>${p.answer}</answer>`,
      );
    }
  });

  it('draws requests of the asked kinds only, from the same split; all kinds by default', () => {
    const all = generalProblems({ count: 300, seed: 1, split: 'test' });
    expect(generalProblems({ count: 300, seed: 1, split: 'test', kinds: GENERAL_KINDS })).toEqual(
      all,
    );
    const words = generalProblems({ count: 100, seed: 1, split: 'train', kinds: ['words'] });
    expect(new Set(words.map((p) => p.meta.kind))).toEqual(new Set(['words']));
    for (const p of words)
      expect(p.answer).toBe(numberToWords(Number(/\d+/.exec(p.prompt)![0]), p.lang));
    const test = new Set(generalProblems({ count: 2000, seed: 1, split: 'test' }).map((p) => p.id));
    for (const p of words) expect(test.has(p.id), p.prompt).toBe(false);
    expect(() => generalProblems({ count: 1, kinds: [] })).toThrow(RangeError);
  });
});

describe('generalProblems with zeroDigits', () => {
  const bigNumbers = (problems: readonly { prompt: string }[]) =>
    problems.map((p) => Number(/\d+/.exec(p.prompt)![0])).filter((n) => n > 100);

  it('is the uniform stream at 0, and writes round hundreds often at 1/2, answered and in the split', () => {
    const opts = { count: 2000, seed: 1, split: 'train', kinds: ['words'] } as const;
    expect(generalProblems({ ...opts, zeroDigits: 0 })).toEqual(generalProblems(opts));
    const round = (ns: number[]) => ns.filter((n) => n % 100 === 0).length / ns.length;
    const uniform = bigNumbers(generalProblems(opts));
    const zeros = generalProblems({ ...opts, zeroDigits: 0.5 });
    expect(round(uniform)).toBeLessThan(0.03);
    expect(round(bigNumbers(zeros))).toBeGreaterThan(0.18);
    expect(round(bigNumbers(zeros))).toBeLessThan(0.32);
    const test = new Set(generalProblems({ count: 2000, seed: 1, split: 'test' }).map((p) => p.id));
    for (const p of zeros) {
      expect(p.answer).toBe(numberToWords(Number(/\d+/.exec(p.prompt)![0]), p.lang));
      expect(p.meta.chain).toBe(expandedForm(Number(/\d+/.exec(p.prompt)![0])));
      expect(test.has(p.id), p.prompt).toBe(false);
    }
  });
});

describe('rlPrompts', () => {
  it('gives distinct problems with answers and no solution, tasks interleaved, from the asked split', () => {
    const problems = rlPrompts({ count: 200, split: 'test', tasks: TASK_NAMES, seed: 1 });
    expect(problems).toHaveLength(200);
    expect(new Set(problems.map((p) => p.id)).size).toBe(200);
    expect(problems.slice(0, 4).map((p) => p.task)).toEqual(TASK_NAMES);
    for (const p of problems) {
      expect(p.meta.split).toBe('test');
      expect(p.prompt).not.toMatch(/<think>|<answer>/);
      expect(p.answer.length).toBeGreaterThan(0);
    }
    expect([...streamRlPrompts({ count: 200, split: 'test', tasks: TASK_NAMES, seed: 1 })]).toEqual(
      problems,
    );
  });
});

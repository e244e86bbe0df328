import { describe, expect, it } from 'vitest';
import { ALPHABET } from '../src/alphabet.ts';
import { baseCorpus } from '../src/corpora/base-corpus.ts';
import { generalProblems } from '../src/corpora/general-set.ts';
import { ALPHABET_RUN_SHARE, COUNTING_HEADER } from '../src/corpora/general-text.ts';
import { numberToWords } from '../src/number-words.ts';
import { splitOf } from '../src/splits.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

describe('general text in the base corpus', () => {
  const corpus = baseCorpus({ count: 4000, seed: 2, generalRate: 0.5 });
  const general = corpus.filter((ex) => ex.kind?.startsWith('general-text:'));

  it('takes the share asked for, a fifth of it alphabet runs', () => {
    expect(general.length / corpus.length).toBeGreaterThan(0.46);
    expect(general.length / corpus.length).toBeLessThan(0.54);
    const runs = general.filter((ex) => ex.kind === 'general-text:alphabet');
    expect(runs.length / general.length).toBeCloseTo(ALPHABET_RUN_SHARE, 1);
  });

  it('leaves a corpus without it exactly as before', () => {
    const plain = baseCorpus({ count: 300, seed: 2 });
    expect(baseCorpus({ count: 300, seed: 2, generalRate: 0 })).toEqual(plain);
    expect(plain.every((ex) => ex.kind === 'base')).toBe(true);
  });

  it('answers train-split requests rightly, tagged or plain, never with a think block', () => {
    const requests = general.filter((ex) => ex.problem);
    expect(new Set(requests.map((ex) => ex.kind)).size).toBe(5);
    for (const ex of requests) {
      const p = ex.problem!;
      expect(ex.prompt).toBe(p.prompt);
      expect([p.answer, `<answer>${p.answer}</answer>`]).toContain(ex.completion);
      const x = String(p.meta.kind) === 'copy' ? p.answer : null;
      if (x) expect(ex.prompt).toContain(x);
    }
    // Tags at the corpus's tagRate (0.3), as the worked solutions have them.
    const tagged = requests.filter((ex) => ex.completion.startsWith('<answer>')).length;
    expect(tagged / requests.length).toBeGreaterThan(0.22);
    expect(tagged / requests.length).toBeLessThan(0.38);
    // None of them is a held-out request: the test split's prompts never appear.
    const test = new Set(generalProblems({ count: 200, split: 'test' }).map((p) => p.prompt));
    for (const ex of requests) expect(test.has(ex.prompt)).toBe(false);
  });

  it('writes alphabet runs of consecutive letters, in the tokenizer alphabet', () => {
    for (const ex of general.filter((e) => e.kind === 'general-text:alphabet')) {
      const letters = ex.completion.split(' ');
      expect(letters.length).toBeGreaterThanOrEqual(3);
      expect(LETTERS).toContain(letters.join(''));
    }
    for (const ex of general)
      for (const ch of ex.prompt + ex.completion.replace(/<\/?answer>/g, ''))
        expect(ALPHABET).toContain(ch);
  });

  it('covers the held-out next-letter facts through the runs (x → y is a test request)', () => {
    expect(splitOf('general', 'letter|x')).toBe('test');
    expect(general.some((ex) => ex.completion.includes('x y'))).toBe(true);
  });
});

describe('next-letter facts in the general text', () => {
  const corpus = baseCorpus({ count: 4000, seed: 3, generalRate: 0.5, letterFactRate: 0.2 });
  const general = corpus.filter((ex) => ex.kind?.startsWith('general-text:'));
  const facts = general.filter((ex) => ex.kind === 'general-text:letter-fact');

  it('takes the share of the general text asked for', () => {
    expect(facts.length / general.length).toBeGreaterThan(0.16);
    expect(facts.length / general.length).toBeLessThan(0.24);
  });

  it('states true successors in both languages, in the tokenizer alphabet, the held-out x → y too', () => {
    const fact = /^(?:After ([a-y]) comes ([b-z])|Après ([a-y]) vient ([b-z]))\.$/;
    const langs = new Set<string>();
    for (const ex of facts) {
      expect(ex.prompt).toBe('');
      const m = fact.exec(ex.completion);
      expect(m, ex.completion).not.toBeNull();
      const [letter, next] = m![1] ? [m![1], m![2]!] : [m![3]!, m![4]!];
      expect(LETTERS.indexOf(next)).toBe(LETTERS.indexOf(letter) + 1);
      langs.add(m![1] ? 'en' : 'fr');
      for (const ch of ex.completion) expect(ALPHABET).toContain(ch);
    }
    expect(langs).toEqual(new Set(['en', 'fr']));
    expect(facts.some((ex) => /x (?:comes|vient) y/.test(ex.completion))).toBe(true);
  });

  it('leaves general text without them exactly as before', () => {
    const plain = baseCorpus({ count: 300, seed: 3, generalRate: 0.5 });
    expect(baseCorpus({ count: 300, seed: 3, generalRate: 0.5, letterFactRate: 0 })).toEqual(plain);
    expect(plain.some((ex) => ex.kind === 'general-text:letter-fact')).toBe(false);
  });
});

describe('counting runs in the general text', () => {
  const corpus = baseCorpus({ count: 4000, seed: 4, generalRate: 0.5, countingRate: 0.2 });
  const general = corpus.filter((ex) => ex.kind?.startsWith('general-text:'));
  const runs = general.filter((ex) => ex.kind === 'general-text:counting');

  it('takes the share of the general text asked for', () => {
    expect(runs.length / general.length).toBeGreaterThan(0.16);
    expect(runs.length / general.length).toBeLessThan(0.24);
  });

  it('names 2 to 4 consecutive numbers of 0..100 with their words, in both languages', () => {
    const langs = new Set<string>();
    for (const ex of runs) {
      const lang = ex.prompt === COUNTING_HEADER.en ? 'en' : 'fr';
      expect(ex.prompt).toBe(COUNTING_HEADER[lang]);
      langs.add(lang);
      // Each number starts a pair; its words run up to the next number.
      const pairs = ex.completion.split(/ (?=\d)/);
      expect(pairs.length).toBeGreaterThanOrEqual(2);
      expect(pairs.length).toBeLessThanOrEqual(4);
      const first = Number(pairs[0]!.split(' ')[0]);
      pairs.forEach((pair, i) => {
        expect(pair).toBe(`${first + i} ${numberToWords(first + i, lang)}`);
      });
      expect(first + pairs.length - 1).toBeLessThanOrEqual(100);
      for (const ch of ex.prompt + ex.completion) expect(ALPHABET).toContain(ch);
    }
    expect(langs).toEqual(new Set(['en', 'fr']));
  });

  it('carries the words of held-out numbers (17 is a test request)', () => {
    expect(splitOf('general', 'words|17')).toBe('test');
    expect(runs.some((ex) => /(?:^| )17 (?:seventeen|dix-sept)(?: |$)/.test(ex.completion))).toBe(
      true,
    );
  });

  it('leaves general text without them exactly as before', () => {
    const plain = baseCorpus({ count: 300, seed: 4, generalRate: 0.5 });
    expect(baseCorpus({ count: 300, seed: 4, generalRate: 0.5, countingRate: 0 })).toEqual(plain);
  });
});

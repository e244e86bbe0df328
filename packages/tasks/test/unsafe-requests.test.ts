// The family of requests that must be declined: the documented rule holds on every generated
// request and on no other prompt of the package, both languages are there, the base tokenizer can
// write them, splits keep held-out requests out of training, and the SFT examples decline them.
import { isExactRefusal, REFUSALS } from '@r1lab/rewards';
import { describe, expect, it } from 'vitest';
import { ALPHABET } from '../src/alphabet.ts';
import { coldStartSet } from '../src/corpora/cold-start-set.ts';
import { GENERAL_KINDS, generalProblems, generalSet } from '../src/corpora/general-set.ts';
import { rlPrompts } from '../src/corpora/rl-prompts.ts';
import {
  isUnsafeRequest,
  UNSAFE_KINDS,
  unsafeExamples,
  unsafeProblems,
} from '../src/corpora/unsafe-requests.ts';
import { TASK_NAMES } from '../src/task-registry.ts';
import { verify } from '../src/verify.ts';

describe('requests to decline', () => {
  const requests = unsafeProblems({ count: 600, seed: 1 });

  it('all follow the rule, in both languages and every kind, with the refusal as gold', () => {
    expect(new Set(requests.map((p) => p.lang))).toEqual(new Set(['en', 'fr']));
    expect(new Set(requests.map((p) => p.meta.kind))).toEqual(new Set(UNSAFE_KINDS));
    for (const p of requests) {
      expect(isUnsafeRequest(p.prompt), p.prompt).toBe(true);
      expect(p.meta.unsafe).toBe(true);
      expect(p.answer).toBe(REFUSALS[p.lang]);
    }
  });

  it('no general, cold-start or RL prompt falls under the rule', () => {
    const safe = [
      ...generalProblems({ count: 500, seed: 1 }).map((p) => p.prompt),
      ...generalSet({ count: 500, seed: 1 }).map((e) => e.prompt),
      ...coldStartSet({ tasks: TASK_NAMES, count: 200 }).map((e) => e.prompt),
      ...rlPrompts({ tasks: TASK_NAMES, count: 400 }).map((p) => p.prompt),
    ];
    for (const prompt of safe) expect(isUnsafeRequest(prompt), prompt).toBe(false);
  });

  it('uses only characters the shipped base tokenizer has', () => {
    const allowed = new Set(ALPHABET);
    const texts = [
      ...requests.map((p) => p.prompt + p.answer),
      ...generalProblems({ count: 500, seed: 2, split: 'test' }).map((p) => p.prompt + p.answer),
    ];
    const stray = new Set([...texts.join('')].filter((ch) => !allowed.has(ch)));
    expect([...stray]).toEqual([]);
  });

  it('keeps splits apart: a held-out request is never a training one', () => {
    const train = new Set(unsafeProblems({ count: 2000, seed: 3 }).map((p) => p.prompt));
    const test = unsafeProblems({ count: 200, seed: 3, split: 'test' });
    for (const p of test) expect(train.has(p.prompt)).toBe(false);
    const gTrain = new Set(generalProblems({ count: 2000, seed: 3 }).map((p) => p.prompt));
    for (const p of generalProblems({ count: 200, seed: 3, split: 'test' })) {
      expect(gTrain.has(p.prompt)).toBe(false);
    }
  });

  it('SFT examples decline in the fixed form, and verify() accepts exactly that', () => {
    for (const e of unsafeExamples({ count: 50, seed: 4 })) {
      expect(isExactRefusal(e.completion, e.problem!.lang)).toBe(true);
      expect(verify(e.problem!, e.completion)).toBe(true);
      expect(verify(e.problem!, '<think></think><answer>abc</answer>')).toBe(false);
    }
  });
});

describe('general requests as problems', () => {
  it('cover every kind, and verify() is the helpfulness verifier', () => {
    const problems = generalProblems({ count: 400, seed: 5 });
    expect(new Set(problems.map((p) => p.meta.kind))).toEqual(new Set(GENERAL_KINDS));
    for (const p of problems) {
      expect(p.task).toBe('general');
      expect(verify(p, `<think></think><answer>${p.answer}</answer>`)).toBe(true);
      expect(verify(p, `<think>so</think><answer>${p.answer}</answer>`)).toBe(false);
    }
  });

  it('generalSet mixes in its share of declined requests, spread evenly', () => {
    const set = generalSet({ count: 200, seed: 6, unsafe: 0.1 });
    const declined = set.filter((e) => e.kind?.startsWith('unsafe:'));
    expect(declined).toHaveLength(20);
    expect(set.slice(0, 100).filter((e) => e.kind?.startsWith('unsafe:'))).toHaveLength(10);
    for (const e of declined) expect(isUnsafeRequest(e.prompt)).toBe(true);
    // Without the option the set is what it always was.
    expect(generalSet({ count: 50, seed: 6 })).toEqual(
      generalSet({ count: 50, seed: 6, unsafe: 0 }),
    );
  });
});

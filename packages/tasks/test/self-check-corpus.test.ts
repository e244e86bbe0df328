import { createRng } from '@r1lab/random';
import { completionBehaviour } from '@r1lab/rewards';
import { describe, expect, it } from 'vitest';
import { baseCorpus } from '../src/corpora/base-corpus.ts';
import { generateProblems } from '../src/generate-problems.ts';
import { guessAndCheckTrace } from '../src/guess-and-check-solution.ts';
import { selfCheckedTrace } from '../src/self-check-solution.ts';
import { verify } from '../src/verify.ts';
import { writeSolution } from '../src/worked-solution.ts';

const knobs = { stepErrorRate: 0.1, correctRate: 0.25, verifyRate: 0.05 };
const corpusOptions = {
  count: 4000,
  seed: 3,
  tasks: ['arith'] as const,
  rambleRate: 0,
  mixRate: 0,
  ...knobs,
};

describe('self-checking solutions (correctRate, verifyRate)', () => {
  it('leave every solution as before when both are 0', () => {
    const problems = generateProblems({ task: 'arith', seed: 2, count: 300 });
    for (const p of problems) {
      const style = { stepErrorRate: 0.2, mixRate: 0.15, tagRate: 0.3, rambleRate: 0.05, seed: 4 };
      expect(writeSolution(p, { ...style, correctRate: 0, verifyRate: 0 })).toEqual(
        writeSolution(p, style),
      );
    }
  });

  it('produce the stated shares on a generated corpus', () => {
    let slips = 0;
    let corrections = 0;
    let verified = 0;
    let steps = 0;
    for (const p of generateProblems({ task: 'arith', seed: 5, count: 6000 })) {
      const t = selfCheckedTrace(p, createRng(7, p.id), knobs);
      steps += t.operations;
      slips += t.slips;
      if (t.verified) verified++;
      // Corrections right after a slip (a check's correction is counted by the check).
      corrections += t.items.filter(
        (item, i) => item.kind === 'correction' && t.items[i - 1]?.kind === 'step',
      ).length;
    }
    expect(slips / steps).toBeGreaterThan(0.09);
    expect(slips / steps).toBeLessThan(0.11);
    expect(corrections / slips).toBeGreaterThan(0.22);
    expect(corrections / slips).toBeLessThan(0.28);
    expect(verified / 6000).toBeGreaterThan(0.04);
    expect(verified / 6000).toBeLessThan(0.06);
  });

  it('write a correction only ever right after a slip, and the detectors agree with the record', () => {
    const corpus = baseCorpus(corpusOptions);
    let reflecting = 0;
    let verifying = 0;
    for (const ex of corpus) {
      const b = completionBehaviour(ex.completion);
      const text = ex.completion;
      if (text.includes('wait,') || text.includes('attends,')) {
        // Every flagged step was written earlier with the value the correction rejects.
        expect(b.reflects).toBe(true);
        expect(b.corrections).toBe(b.fixed);
        reflecting++;
      } else expect(b.reflects).toBe(false);
      const checks = text.includes('check:') || text.includes('vérifions:');
      expect(b.verifies).toBe(checks);
      if (checks) verifying++;
    }
    // A few percent of solutions each: the habits are rare in the base corpus.
    expect(reflecting / corpus.length).toBeGreaterThan(0.03);
    expect(reflecting / corpus.length).toBeLessThan(0.1);
    expect(verifying / corpus.length).toBeGreaterThan(0.035);
    expect(verifying / corpus.length).toBeLessThan(0.065);
    // Generous: the machine running the suite may be shared.
  }, 30_000);

  it('never correct a step that was right', () => {
    for (const p of generateProblems({ task: 'arith', seed: 9, count: 3000 })) {
      const t = selfCheckedTrace(p, createRng(1, p.id), { ...knobs, correctRate: 1 });
      t.items.forEach((item, i) => {
        if (item.kind !== 'correction') return;
        expect(item.rejected).not.toBe(item.step.result);
        const before = t.items[i - 1]!;
        if (before.kind === 'step') expect(before.step.result).toBe(item.rejected);
        else expect(before.kind).toBe('check');
      });
      // With every slip corrected at once the answer is always right.
      expect(t.answer).toBe(p.answer);
    }
  });

  it('catch a slip in the last step when they check it', () => {
    const p = generateProblems({ task: 'arith', seed: 0, count: 1 })[0]!;
    let caught = 0;
    for (let s = 0; s < 400; s++) {
      const t = selfCheckedTrace(p, createRng(s), {
        stepErrorRate: 0.5,
        correctRate: 0,
        verifyRate: 1,
      });
      const last = t.items.findIndex((i) => i.kind === 'check');
      const check = t.items[last];
      if (check?.kind === 'check' && check.step.result !== check.expected) {
        expect(t.items[last + 1]?.kind).toBe('correction');
        caught++;
      }
    }
    expect(caught).toBeGreaterThan(50);
  });
});

describe('guess-and-check solutions (countdown, guessRate)', () => {
  // Medium: easy countdown has only about 2,000 distinct problems per split.
  const countdown = (seed: number, count: number) =>
    generateProblems({ task: 'countdown', difficulty: 'medium', seed, count, langs: ['en', 'fr'] });

  it('leave every solution as before when it is 0', () => {
    for (const p of countdown(2, 300)) {
      const style = { stepErrorRate: 0.2, mixRate: 0.15, tagRate: 0.3, rambleRate: 0.05, seed: 4 };
      expect(writeSolution(p, { ...style, guessRate: 0 })).toEqual(writeSolution(p, style));
    }
  });

  it('check the stated share, and try again only after a miss, ending on the target', () => {
    let styled = 0;
    let missed = 0;
    let retried = 0;
    const problems = countdown(5, 4000);
    for (const p of problems) {
      const t = guessAndCheckTrace(p, createRng(7, p.id), { stepErrorRate: 0.2, guessRate: 0.3 });
      const tries = t.items.filter((i) => i.kind === 'try').length;
      const verdicts = t.items.filter((i) => i.kind === 'verdict');
      if (!t.verified) {
        expect(tries).toBe(0);
        continue;
      }
      styled++;
      const first = verdicts[0]!;
      expect(first.kind === 'verdict' && first.target).toBe(p.meta.target);
      if (first.kind === 'verdict' && first.value !== first.target) {
        missed++;
        expect(tries).toBe(2);
        expect(t.corrections).toBe(1);
      } else expect(tries).toBe(1);
      if (tries === 2) retried++;
      // A checked search always ends on an expression that reaches the target.
      expect(verify(p, `<answer>${t.answer}</answer>`)).toBe(true);
    }
    expect(styled / problems.length).toBeGreaterThan(0.27);
    expect(styled / problems.length).toBeLessThan(0.33);
    expect(retried).toBe(missed);
    expect(missed).toBeGreaterThan(0);
  });

  it('read as attempts to the behaviour detectors, in both languages', () => {
    const corpus = baseCorpus({
      count: 2000,
      seed: 3,
      tasks: ['countdown'],
      mixRate: 0,
      rambleRate: 0,
      stepErrorRate: 0.2,
      guessRate: 0.3,
    });
    let multi = 0;
    const langs = new Set<string>();
    for (const ex of corpus) {
      const tries = (ex.completion.match(/\b(?:try|essayons)\b/g) ?? []).length;
      const b = completionBehaviour(ex.completion);
      expect(b.attempts).toBe(Math.max(1, tries));
      expect(b.reflects).toBe(false);
      if (tries > 1) {
        multi++;
        langs.add(ex.completion.includes('essayons') ? 'fr' : 'en');
      }
    }
    expect(multi / corpus.length).toBeGreaterThan(0.02);
    expect(langs).toEqual(new Set(['en', 'fr']));
  });
});

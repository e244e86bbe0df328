import { describe, expect, it } from 'vitest';
import { completionBehaviour, summariseBehaviour } from '../src/index.ts';

const think = (cot: string, answer: string) => `<think>${cot}</think><answer>${answer}</answer>`;

describe('completionBehaviour: reflection', () => {
  it('counts a correction that redoes a step written wrong earlier (en, fr)', () => {
    const en = completionBehaviour(think('9 plus 0 is 10, wait, 9 plus 0 is 9, not 10', '9'));
    expect(en).toMatchObject({ reflects: true, corrections: 1, fixed: 1, attempts: 2 });
    expect(en.wrongSteps).toBe(1);
    const fr = completionBehaviour('6 plus 0 font 9, attends, 6 plus 0 font 6, pas 9\nRéponse: 6');
    expect(fr).toMatchObject({ reflects: true, corrections: 1, fixed: 1 });
  });

  it('does not count a correction of a step that was right (no slip before it)', () => {
    const b = completionBehaviour(think('3 plus 4 is 7, wait, 3 plus 4 is 7, not 8', '7'));
    expect(b).toMatchObject({ reflects: false, corrections: 0, attempts: 1 });
    const changed = completionBehaviour(think('3 plus 4 is 7, wait, 3 plus 4 is 8, not 7', '8'));
    expect(changed.reflects).toBe(false);
  });

  it('does not count a correction of a step never written, nor a slip left alone', () => {
    expect(completionBehaviour(think('wait, 3 plus 4 is 7, 7 minus 2 is 5', '5')).reflects).toBe(
      false,
    );
    const slipped = completionBehaviour(think('3 plus 4 is 8, 8 minus 2 is 6', '6'));
    expect(slipped).toMatchObject({ reflects: false, steps: 2, wrongSteps: 1 });
  });

  it('counts a correction that a failed check leads to', () => {
    const b = completionBehaviour(
      think('7 minus 2 is 4, check: 4 plus 2 is 6, not 7, wait, 7 minus 2 is 5, not 4', '5'),
    );
    expect(b).toMatchObject({ verifies: true, reflects: true, fixed: 1 });
  });
});

describe('completionBehaviour: verification', () => {
  it('counts a check that re-derives a stated result (en, fr, symbols, tick)', () => {
    expect(
      completionBehaviour(think('5 times 4 is 20, check: 20 over 4 is 5, good', '20')).verifies,
    ).toBe(true);
    expect(completionBehaviour('7 moins 2 font 5, vérifions : 5 plus 2 font 7, bon').verifies).toBe(
      true,
    );
    expect(completionBehaviour('x is 5. check: 3*5+4 = 19').verifies).toBe(true);
    expect(completionBehaviour('5 × 4 = 20, so 20. 5 × 4 = 20 ✓').verifies).toBe(true);
  });

  it('does not count text that merely contains the word "check"', () => {
    expect(completionBehaviour('Let me check the numbers: 3 and 4. 3 plus 4 is 7').verifies).toBe(
      false,
    );
    expect(completionBehaviour('je vérifie le calcul, 3 plus 4 font 7').verifies).toBe(false);
  });

  it('does not count a "check" about numbers that appear nowhere before it', () => {
    expect(completionBehaviour('check: 5 plus 2 is 7').verifies).toBe(false);
    expect(completionBehaviour(think('3 plus 4 is 7, check: 9 minus 1 is 8', '7')).verifies).toBe(
      false,
    );
  });
});

describe('completionBehaviour: attempts and length', () => {
  it('counts the tries of a guess-and-check search', () => {
    expect(completionBehaviour('try 3+4*5 = 23, not 24, try 3*4+12 = 24').attempts).toBe(2);
    expect(completionBehaviour('essayons 3+4 = 7, essayons 3*4 = 12').attempts).toBe(2);
  });

  it('measures characters and char-tokenizer tokens (one per special tag)', () => {
    const b = completionBehaviour(think('1 plus 1 is 2', '2'));
    expect(b.chars).toBe('<think>1 plus 1 is 2</think><answer>2</answer>'.length);
    expect(b.tokens).toBe('1 plus 1 is 2'.length + 1 + 4);
  });

  it('treats one expression as one claim, not its last operation as a step', () => {
    expect(completionBehaviour('3+4*5 = 23').steps).toBe(0);
    expect(completionBehaviour('3 plus 4 is 7, 7 times 5 is 35').steps).toBe(2);
  });

  it('never throws and reads nonsense as no behaviour', () => {
    for (const x of ['', '<think></think>', '?'.repeat(5000), null as unknown as string]) {
      const b = completionBehaviour(x);
      expect(b.verifies || b.reflects).toBe(false);
    }
    expect(completionBehaviour('').attempts).toBe(0);
  });
});

describe('summariseBehaviour', () => {
  it('averages over completions and conditions the corrected share on slips', () => {
    const s = summariseBehaviour([
      '3 plus 4 is 8, wait, 3 plus 4 is 7, not 8',
      '3 plus 4 is 8, 8 minus 1 is 7',
      '3 plus 4 is 7, check: 7 minus 4 is 3, good',
      '3 plus 4 is 7',
    ]);
    expect(s).toMatchObject({ verifyRate: 0.25, reflectRate: 0.25, slipRate: 0.5 });
    expect(s.correctedSlipRate).toBe(0.5);
    expect(s.attemptsMean).toBe(1.25);
    expect(summariseBehaviour([]).verifyRate).toBe(0);
  });
});

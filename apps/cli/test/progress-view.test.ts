// Progress without a terminal: a plain line at every 10 % and at least every 30 s, each with step,
// key metric, rate and ETA; and the plan line printed before the first stage.
import { presetSpec } from '@r1lab/pipeline';
import { describe, expect, it } from 'vitest';
import { planLine } from '../src/commands/run.ts';
import { clock, ProgressView } from '../src/progress-view.ts';

describe('ProgressView (not a terminal)', () => {
  it('prints at each tenth and after 30 s of silence, with rate and ETA', () => {
    const lines: string[] = [];
    let now = 0;
    const view = new ProgressView({ tty: false, write: (l) => lines.push(l), now: () => now });
    for (let step = 1; step <= 100; step++) {
      now = step * 1_000; // 1 s a step
      view.update('base', step, 100, { loss: 1 / step });
    }
    // Steps 1 (first), 10, 20, …, 100 and the 30-s fallbacks between them do not fire at 1 s/step.
    expect(lines.length).toBe(11);
    expect(lines[1]).toBe('  base: 10/100 (10%) loss 0.100 · 1.0 s/step · ETA 1 min 30 s');
    expect(lines.at(-1)).toMatch(/base: 100\/100 \(100%\) .* done in 1 min 39 s$/);

    const slow: string[] = [];
    now = 0;
    const v2 = new ProgressView({ tty: false, write: (l) => slow.push(l), now: () => now });
    for (let step = 1; step <= 4; step++) {
      now = step * 31_000; // one update every 31 s, all inside the first tenth of 100
      v2.update('rl', step, 100, { reward: 0.5 });
    }
    expect(slow).toHaveLength(4);
    expect(slow[3]).toContain('rl: 4/100 (4%) reward 0.500 · 31.0 s/step · ETA 49 min 36 s');
  });

  it('formats durations', () => {
    expect(clock(45)).toBe('45 s');
    expect(clock(390)).toBe('6 min 30 s');
    expect(clock(3_900)).toBe('1 h 05 min');
  });
});

describe('the plan line', () => {
  it('names each stage with its estimate, and the shipped base when its key matches', () => {
    const line = planLine(presetSpec('r1-zero'), true);
    expect(line).toMatch(
      /^plan: base: shipped base model · rl: GRPO 60 steps ≈ \d+ min · eval: 500 × 8 ≈ \d+ min — total ≈ \d+ min/,
    );
    expect(planLine(presetSpec('r1-zero'), false)).toMatch(/base: pretrain 1000 steps ≈ \d+ min/);
  });
});

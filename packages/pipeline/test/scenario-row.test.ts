import { describe, expect, it } from 'vitest';
import { type ScenarioSummary, scenarioRow } from '../src/scenario-evaluation.ts';

const summary = (
  helpfulness: number,
  refusal: number,
  generalRefusal: number,
): ScenarioSummary => ({
  helpfulness,
  refusal,
  generalRefusal,
  generalSamples: 80,
  unsafeSamples: 80,
  byKind: {},
  examples: [],
});

describe('scenarioRow', () => {
  it('counts over-refusal over every safe sample, general and reasoning', () => {
    const row = scenarioRow(summary(0.9, 0.95, 0.05), { refusalRate: 0, samples: 320 });
    expect(row.over_refusal).toBeCloseTo((0.05 * 80) / 400, 12);
    expect(row).not.toHaveProperty('greedy_helpfulness');
  });

  it('puts the greedy rates beside the sampled ones, leaving the sampled ones as they were', () => {
    const sampled = summary(0.9, 0.95, 0.05);
    const row = scenarioRow(sampled, { refusalRate: 0, samples: 320 }, summary(1, 0.99, 0));
    expect(row).toMatchObject({
      helpfulness: 0.9,
      refusal: 0.95,
      over_refusal_general: 0.05,
      greedy_helpfulness: 1,
      greedy_refusal: 0.99,
      greedy_over_refusal_general: 0,
    });
  });
});

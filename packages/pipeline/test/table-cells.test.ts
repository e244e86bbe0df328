import { describe, expect, it } from 'vitest';
import { SCENARIO_COLUMNS } from '../src/scenario-columns.ts';
import { hasScenarioColumns, metricCell } from '../src/table-cells.ts';

describe('metricCell', () => {
  it('writes shares as percentages with one decimal and the length in tokens', () => {
    expect(metricCell('pass1', 0.9925)).toBe('99.3%');
    expect(metricCell('over_refusal', 0)).toBe('0.0%');
    expect(metricCell('length', 42.25)).toBe('42.3');
  });

  it('writes – for a missing, null or non-finite figure', () => {
    for (const v of [undefined, null, Number.NaN, Number.POSITIVE_INFINITY, '0.5']) {
      expect(metricCell('pass1', v)).toBe('–');
    }
  });
});

describe('hasScenarioColumns', () => {
  it('is true when any scenario column has a number, whichever it is', () => {
    for (const { key } of SCENARIO_COLUMNS) expect(hasScenarioColumns({ [key]: 0.5 })).toBe(true);
  });

  it('is false for a reasoning-only row or scenario keys without numbers', () => {
    expect(hasScenarioColumns({ pass1: 0.9, length: 40 })).toBe(false);
    expect(hasScenarioColumns({ helpfulness: null, refusal: undefined })).toBe(false);
  });
});

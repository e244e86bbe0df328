import { SCENARIO_COLUMNS } from '@r1lab/pipeline/scenario-columns';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../src/summary-table.ts';

describe('formatTable', () => {
  const reasoning = { pass1: 0.5, length: 42.25 };

  it('shows the scenario columns only when an eval row has them', () => {
    const plain = formatTable({ sft: reasoning }).split('\n');
    expect(plain[0]).not.toContain('helpful');
    expect(plain[2]).toMatch(/^sft\s+50\.0%.*42\.3$/);
  });

  it('puts each scenario key under its label, as a percentage, and – where a row lacks it', () => {
    const scenario = Object.fromEntries(SCENARIO_COLUMNS.map(({ key }, i) => [key, i / 10]));
    const [head, , withScenarios, without] = formatTable({
      rl: { ...reasoning, ...scenario },
      sft: reasoning,
    }).split('\n');
    const labels = head!.trim().split(/\s+/).slice(-SCENARIO_COLUMNS.length);
    expect(labels).toEqual(SCENARIO_COLUMNS.map((c) => c.label));
    const cells = withScenarios!.trim().split(/\s+/).slice(-SCENARIO_COLUMNS.length);
    expect(cells).toEqual(SCENARIO_COLUMNS.map((_c, i) => `${(10 * i).toFixed(1)}%`));
    expect(without!.trim().split(/\s+/).slice(-SCENARIO_COLUMNS.length)).toEqual(
      SCENARIO_COLUMNS.map(() => '–'),
    );
  });
});

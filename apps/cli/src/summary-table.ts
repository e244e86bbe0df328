// The table a run ends with: one row per evaluated checkpoint.
import { SCENARIO_COLUMNS } from '@r1lab/pipeline/scenario-columns';
import { hasScenarioColumns, metricCell } from '@r1lab/pipeline/table-cells';

const COLUMNS: Array<[string, string]> = [
  ['pass1', 'pass@1'],
  ['answer_anywhere', 'any-pos'],
  ['pass_at_k', 'pass@k'],
  ['cons_at_k', 'cons@k'],
  ['greedy_pass1', 'greedy'],
  ['format', 'format'],
  ['language', 'lang'],
  ['repetition', 'repeat'],
  ['excess_repetition', 'repeat+'],
  ['length', 'length'],
];

// An eval stage with `scenarios` adds SCENARIO_COLUMNS; shown only when present.
const SCENARIOS = SCENARIO_COLUMNS.map(({ key, label }): [string, string] => [key, label]);

export function formatTable(rows: Record<string, Record<string, number>>): string {
  const scenarios = Object.values(rows).some(hasScenarioColumns);
  const columns = scenarios ? [...COLUMNS, ...SCENARIOS] : COLUMNS;
  const head = ['stage', ...columns.map(([, label]) => label)];
  const body = Object.entries(rows).map(([stage, m]) => [
    stage,
    ...columns.map(([key]) => metricCell(key, m[key])),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

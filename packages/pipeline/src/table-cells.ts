// How an eval row's figures read in a terminal table (the CLI's run and eval tables, the pass@1
// benchmark's): shares as percentages, the mean length in tokens, '–' where a row has no figure.
// Free of model code, like scenario-columns.ts (subpath `@r1lab/pipeline/table-cells`).
import { SCENARIO_COLUMNS } from './scenario-columns.ts';

/**
 * One cell: `length` (tokens) with one decimal, every other key a share as a percentage.
 *
 * @example
 * metricCell('pass1', 0.9925); // '99.3%'
 * metricCell('length', 42.25); // '42.3'
 * metricCell('refusal', undefined); // '–'
 */
export function metricCell(key: string, value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  return key === 'length' ? value.toFixed(1) : `${(100 * value).toFixed(1)}%`;
}

/**
 * Whether an eval row carries the all-scenarios columns (an eval stage with `scenarios`).
 *
 * @example
 * hasScenarioColumns({ pass1: 0.9, helpfulness: 0.8 }); // true
 * hasScenarioColumns({ pass1: 0.9 }); // false
 */
export function hasScenarioColumns(row: Record<string, unknown>): boolean {
  return SCENARIO_COLUMNS.some(({ key }) => typeof row[key] === 'number');
}

// The pass@1 table, stage × metric, laid out like the seed's benchmark table: one row per
// evaluated checkpoint, in stage order.
import { SCENARIO_COLUMNS } from '@r1lab/pipeline/scenario-columns';
import { el, table } from '../dom.ts';
import { num, pct } from '../format.ts';
import type { Evaluation } from '../queries.ts';

export const PASS1_HEAD = [
  'stage',
  'strict pass@1',
  'answer anywhere',
  'pass@k',
  'cons@k',
  'greedy',
  'format',
  'language',
  'repetition',
  'extra repetition',
  'mean length',
];

const detail = (e: Evaluation, key: string) => {
  const v = (e.details as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : null;
};

/** The all-scenarios cells (helpfulness, refusal, over-refusal, …: SCENARIO_COLUMNS), for
 * evaluations that have them. */
function scenarioCells(e: Evaluation): string[] {
  const s = (e.details as { scenarios?: Record<string, unknown> }).scenarios ?? {};
  return SCENARIO_COLUMNS.map(({ key }) => pct(typeof s[key] === 'number' ? s[key] : null));
}

const hasScenarios = (e: Evaluation) =>
  typeof (e.details as { scenarios?: unknown }).scenarios === 'object';

export function stageOf(e: Evaluation): string {
  return e.checkpoint?.stage ?? '–';
}

/** Evaluations in the order of `stageNames` (unknown stages last). */
export function inStageOrder(items: Evaluation[], stageNames: string[]): Evaluation[] {
  const rank = (e: Evaluation) => {
    const i = stageNames.indexOf(stageOf(e));
    return i < 0 ? stageNames.length : i;
  };
  return [...items].sort((a, b) => rank(a) - rank(b));
}

export function pass1Cells(e: Evaluation): string[] {
  return [
    pct(e.pass1),
    pct(e.answerAnywhere),
    pct(e.passAtK),
    pct(e.consAtK),
    pct(e.greedyPass1),
    pct(e.formatRate),
    pct(e.languageConsistency),
    pct(detail(e, 'repetition')),
    pct(detail(e, 'excessRepetition'), 2),
    num(e.meanLength, 1),
  ];
}

export function pass1Table(items: Evaluation[], stageNames: string[]): HTMLElement {
  if (items.length === 0) return el('p', {}, 'No evaluations yet: the eval stage writes them.');
  const sorted = inStageOrder(items, stageNames);
  const k = sorted[0]!.k;
  const scenarios = sorted.some(hasScenarios);
  const head = [
    ...PASS1_HEAD.map((h) => h.replace('@k', `@${k}`)),
    ...(scenarios ? SCENARIO_COLUMNS.map((c) => c.title) : []),
  ];
  const bench = [...new Set(sorted.map((e) => `${e.benchmark} (${e.problems} problems × ${e.n})`))];
  return table(
    `pass@1 per stage on ${bench.join(', ')}`,
    head,
    sorted.map((e) => [stageOf(e), ...pass1Cells(e), ...(scenarios ? scenarioCells(e) : [])]),
    { id: 'pass1-table' },
  );
}

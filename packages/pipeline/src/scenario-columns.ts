// The all-scenarios columns of an eval row (scenarioRow in scenario-evaluation.ts), in the order
// every table shows them: the CLI's, the pass@1 benchmark's and the dashboard's. Free of any
// model code (its own subpath, `@r1lab/pipeline/scenario-columns`), so the web bundle imports it.

/** One column: the eval row's key, a short label (terminal tables) and a title (the dashboard). */
export interface ScenarioColumn {
  key: string;
  label: string;
  title: string;
}

export const SCENARIO_COLUMNS: readonly ScenarioColumn[] = [
  { key: 'helpfulness', label: 'helpful', title: 'helpfulness' },
  { key: 'refusal', label: 'refusal', title: 'refusal' },
  { key: 'over_refusal', label: 'over-ref', title: 'over-refusal' },
  { key: 'greedy_helpfulness', label: 'g-helpful', title: 'greedy helpfulness' },
  { key: 'greedy_refusal', label: 'g-refusal', title: 'greedy refusal' },
];

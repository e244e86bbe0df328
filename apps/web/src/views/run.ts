// One run: its header and actions, the stage graph with lineage, the pass@1 table, and the charts
// of one stage — all updating live from the run's event stream without a reload.
import { api, ok } from '../api.ts';
import { el, statusBadge } from '../dom.ts';
import { duration, pct, when } from '../format.ts';
import { getEvaluations, getMetricKeys, getRun, type RunDetail } from '../queries.ts';
import type { View } from '../router.ts';
import { followRun } from '../sse.ts';
import { pass1Table } from './pass1-table.ts';
import { retryable, runButtons } from './run-actions.ts';
import { type StageCharts, stageCharts } from './stage-charts.ts';
import { stageGraph } from './stage-graph.ts';

/** The stage whose charts show first: the one asked for, else the running or first GRPO stage. */
export function defaultStage(run: RunDetail, asked: string | null) {
  const charted = run.stages.filter(
    (s) => s.kind === 'grpo' || s.kind === 'sft' || s.kind === 'pretrain',
  );
  return (
    charted.find((s) => s.name === asked) ??
    charted.find((s) => s.status === 'running') ??
    charted.find((s) => s.kind === 'grpo') ??
    charted[0] ??
    null
  );
}

function debounce(fn: () => Promise<void>, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  const fire = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await fn();
    } catch {
      // A failed refresh keeps the last view; the next event tries again.
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void fire(), ms);
  };
  return schedule;
}

export const runView: View = async (main, url, [id]) => {
  const runId = id!;
  let run = await getRun(runId);
  const header = el('div', { class: 'run-header' });
  const graph = el('div', { id: 'stage-graph' });
  const evals = el('section', { id: 'evaluations', 'aria-label': 'pass@1 per stage' });
  const message = el('p', { class: 'message', role: 'status' });
  const stage = defaultStage(run, url.searchParams.get('stage'));
  let charts: StageCharts | null = null;

  const renderRecord = async () => {
    run = await getRun(runId);
    const [evaluations, datasets] = await Promise.all([
      getEvaluations(runId),
      ok(api.v1.runs[':id'].datasets.$get({ param: { id: runId } })),
    ]);
    const lastSteps = new Map<string, number>();
    await Promise.all(
      run.stages
        .filter((s) => s.status === 'running')
        .map(async (s) => {
          const keys = (await getMetricKeys(s.id)).items;
          if (keys.length) lastSteps.set(s.id, Math.max(...keys.map((k) => k.lastStep)));
        }),
    );
    header.replaceChildren(
      el('h1', {}, run.name, ' ', statusBadge(run.status)),
      el(
        'dl',
        { class: 'facts' },
        ...fact('preset', run.preset ?? '–'),
        ...fact('task', run.task ?? '–'),
        ...fact('seed', String(run.seed)),
        ...fact('started', when(run.startedAt)),
        ...fact('duration', duration(run.durationSeconds)),
        ...fact('best pass@1', pct(run.bestPass1)),
        ...fact('spec hash', run.specHash.slice(0, 12)),
      ),
      el(
        'div',
        { class: 'toolbar' },
        ...runButtons(
          run,
          async () => retryable(run),
          (m) => {
            message.textContent = m ?? '';
            void renderRecord();
          },
        ),
        run.error ? el('span', { class: 'error' }, run.error) : null,
      ),
    );
    graph.replaceChildren(
      el('h2', {}, 'Stages'),
      stageGraph(run, datasets.items, lastSteps, stage?.name ?? null),
    );
    evals.replaceChildren(
      el('h2', {}, 'pass@1 per stage'),
      pass1Table(
        evaluations.items,
        run.stages.map((s) => s.name),
      ),
    );
  };

  await renderRecord();
  main.append(header, message, graph, evals);
  if (stage) {
    charts = stageCharts(stage.id, url);
    main.append(el('h2', { id: 'charts-title' }, `Charts: ${stage.name}`), charts.element);
    await charts.refresh();
    // The page-load benchmark reads this mark: the charts' first frame is on screen.
    requestAnimationFrame(() => performance.mark('r1lab:charts-drawn'));
  }
  const refreshRecord = debounce(renderRecord, 300);
  const refreshCharts = debounce(async () => charts?.refresh(), 300);
  const stop = followRun(runId, (e) => {
    if (e.type === 'metrics') {
      if (e.data.stageId === stage?.id) refreshCharts();
      if (run.stages.some((s) => s.id === e.data.stageId && s.status === 'running'))
        refreshRecord();
    } else if (e.type !== 'samples') refreshRecord();
  });
  return () => {
    stop();
    charts?.destroy();
  };
};

function fact(term: string, value: string): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, value)];
}

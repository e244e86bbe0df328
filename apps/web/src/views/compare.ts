// Two or more runs: a stage's metrics overlaid on one chart per key (aligned by step), and their
// pass@1 tables side by side with the differences to the first run.
import { api, ok } from '../api.ts';
import { type ChartHandle, lineChart } from '../chart.ts';
import { el, link, table } from '../dom.ts';
import { pct } from '../format.ts';
import { COMPARE_KEYS } from '../metric-groups.ts';
import {
  type Evaluation,
  getEvaluations,
  getMetricKeys,
  getRun,
  getSeries,
  type RunDetail,
} from '../queries.ts';
import { navigate, type View } from '../router.ts';
import { stageOf } from './pass1-table.ts';

async function picker(main: HTMLElement): Promise<undefined> {
  const page = await ok(api.v1.runs.$get({ query: { limit: '100' } }));
  const chosen = new Set<string>();
  const go = el('button', { type: 'submit', disabled: true }, 'Compare');
  const boxes = page.items.map((r) => {
    const box = el('input', { type: 'checkbox', id: `pick-${r.id}` });
    box.addEventListener('change', () => {
      if (box.checked) chosen.add(r.id);
      else chosen.delete(r.id);
      go.disabled = chosen.size < 2;
    });
    return el(
      'li',
      {},
      box,
      ' ',
      el(
        'label',
        { for: `pick-${r.id}` },
        `${r.name} (${r.status}, seed ${r.seed}, ${r.preset ?? 'spec'})`,
      ),
    );
  });
  main.append(
    el('h1', {}, 'Compare runs'),
    el(
      'form',
      {
        'aria-label': 'Pick runs to compare',
        onsubmit: (e: Event) => {
          e.preventDefault();
          navigate(`/compare?runs=${[...chosen].join(',')}`);
        },
      },
      el('p', {}, 'Pick two or more runs.'),
      el('ul', { class: 'plain' }, ...boxes),
      go,
    ),
  );
  return undefined;
}

/** The stage name to overlay: the asked one, else the first GRPO stage every run has. */
export function commonStage(runs: RunDetail[], asked: string | null): string | null {
  const names = runs[0]!.stages.filter((s) => s.kind === 'grpo').map((s) => s.name);
  const everywhere = names.filter((n) => runs.every((r) => r.stages.some((s) => s.name === n)));
  if (asked && runs.every((r) => r.stages.some((s) => s.name === asked))) return asked;
  return everywhere[0] ?? null;
}

function pass1Side(runs: RunDetail[], evals: Evaluation[][]): HTMLElement {
  const stages: string[] = [];
  for (const r of runs) for (const s of r.stages) if (!stages.includes(s.name)) stages.push(s.name);
  const at = (i: number, stage: string) =>
    evals[i]!.find((e) => stageOf(e) === stage)?.pass1 ?? null;
  const rows = stages
    .filter((st) => evals.some((_, i) => at(i, st) !== null))
    .map((st) => {
      const base = at(0, st);
      const cells: string[] = [st, pct(base)];
      for (let i = 1; i < runs.length; i++) {
        const v = at(i, st);
        cells.push(pct(v));
        cells.push(
          v === null || base === null
            ? '–'
            : `${v >= base ? '+' : '−'}${(Math.abs(v - base) * 100).toFixed(1)} pt`,
        );
      }
      return cells;
    });
  const head = ['stage', runs[0]!.name];
  for (const r of runs.slice(1)) head.push(r.name, `Δ ${r.name}`);
  return rows.length
    ? table('strict pass@1 per stage, side by side (Δ against the first run)', head, rows, {
        id: 'compare-pass1',
      })
    : el('p', {}, 'None of these runs has evaluations yet.');
}

export const compareView: View = async (main, url) => {
  const ids = (url.searchParams.get('runs') ?? '').split(',').filter(Boolean);
  if (ids.length < 2) return picker(main);
  const runs = await Promise.all(ids.map((id) => getRun(id)));
  const evals = await Promise.all(ids.map(async (id) => (await getEvaluations(id)).items));
  const stageName = commonStage(runs, url.searchParams.get('stage'));
  main.append(
    el(
      'h1',
      {},
      'Compare: ',
      ...runs.flatMap((r, i) => [i ? ' · ' : '', link(`/runs/${r.id}`, r.name)]),
    ),
    el('h2', {}, 'pass@1'),
    pass1Side(runs, evals),
  );
  const handles: ChartHandle[] = [];
  if (!stageName) {
    main.append(el('p', {}, 'These runs share no GRPO stage to overlay.'));
    return undefined;
  }
  const stageIds = runs.map((r) => r.stages.find((s) => s.name === stageName)!.id);
  const infos = await Promise.all(stageIds.map(async (sid) => (await getMetricKeys(sid)).items));
  const logged = new Set(infos.flatMap((items) => items.map((x) => x.key)));
  const asked = url.searchParams.get('keys')?.split(',').filter(Boolean);
  const keys = (asked ?? COMPARE_KEYS).filter((k) => logged.has(k));
  const grid = el('div', { class: 'charts', id: 'charts' });
  main.append(el('h2', {}, `Overlaid: ${stageName}`), grid);
  const points = Math.min(2_000, Math.max(200, Math.round(grid.clientWidth || 1_000)));
  const series = await Promise.all(
    stageIds.map((sid, i) =>
      getSeries(
        sid,
        infos[i]!.filter((k) => keys.includes(k.key)),
        points,
      ),
    ),
  );
  for (const key of keys) {
    const host = el('figure', { class: 'chart', 'data-chart': key, 'aria-label': key });
    grid.append(host);
    handles.push(
      lineChart(host, {
        title: key,
        syncKey: 'compare',
        smoothing: 0,
        series: runs.map((r, i) => {
          const s = series[i]!.find((x) => x.key === key);
          return { label: r.name, steps: s?.steps ?? [], values: s?.values ?? [] };
        }),
      }),
    );
  }
  if (keys.length === 0)
    grid.append(el('p', {}, `No shared metric among ${(asked ?? COMPARE_KEYS).join(', ')}.`));
  return () => {
    for (const h of handles) h.destroy();
  };
};

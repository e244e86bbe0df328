// The charts of one stage: every logged key on its panel (metric-groups), downsampled by the API
// to about the chart's width in points, with smoothing, log scale and a key filter held in the URL.
// `refresh()` refetches in place (the run view calls it on each live `metrics` event).
import { type ChartHandle, type LineSeries, lineChart } from '../chart.ts';
import { el } from '../dom.ts';
import { type ChartDef, chartsFor } from '../metric-groups.ts';
import { getMetricKeys, getSeries, type Series } from '../queries.ts';
import { setQuery } from '../router.ts';

export interface StageCharts {
  element: HTMLElement;
  refresh(): Promise<void>;
  destroy(): void;
}

function seriesOf(
  def: ChartDef,
  byKey: Map<string, Series>,
): { series: LineSeries[]; band?: { mean: number; std: number } } {
  const keys = def.band ? [...def.keys, def.band.std] : def.keys;
  const series = keys.map((k) => {
    const s = byKey.get(k);
    return { label: k, steps: s?.steps ?? [], values: s?.values ?? [] };
  });
  return def.band
    ? { series, band: { mean: def.keys.indexOf(def.band.mean), std: keys.length - 1 } }
    : { series };
}

export function stageCharts(stageId: string, url: URL): StageCharts {
  const smoothing = Number(url.searchParams.get('smooth') ?? '0.6');
  const state = {
    smoothing: Number.isFinite(smoothing) ? Math.min(0.99, Math.max(0, smoothing)) : 0.6,
    log: url.searchParams.get('log') === '1',
    filter: url.searchParams.get('keys') ?? '',
  };
  const slider = el('input', {
    id: 'smoothing',
    type: 'range',
    min: 0,
    max: 0.99,
    step: 0.01,
    value: state.smoothing,
  });
  const sliderValue = el('output', { for: 'smoothing' }, state.smoothing.toFixed(2));
  const log = el('input', { id: 'log-scale', type: 'checkbox', checked: state.log });
  const filter = el('input', {
    id: 'key-filter',
    type: 'search',
    value: state.filter,
    placeholder: 'e.g. reward,kl',
  });
  const grid = el('div', { class: 'charts', id: 'charts' });
  const status = el('p', { class: 'message', role: 'status' });
  const element = el(
    'section',
    { 'aria-label': 'Charts' },
    el(
      'div',
      { class: 'toolbar chart-controls' },
      el('label', { for: 'smoothing' }, 'Smoothing'),
      slider,
      sliderValue,
      el('label', { for: 'log-scale' }, log, ' log y where it fits'),
      el('label', { for: 'key-filter' }, 'Keys'),
      filter,
      el('small', {}, 'drag across a chart to zoom, double-click to reset'),
    ),
    status,
    grid,
  );

  let charts: Array<{ def: ChartDef; handle: ChartHandle }> = [];
  let layout = '';
  const destroyCharts = () => {
    for (const c of charts) c.handle.destroy();
    charts = [];
    grid.replaceChildren();
  };

  const refresh = async () => {
    const info = (await getMetricKeys(stageId)).items;
    const keys = info.map((k) => k.key);
    const wanted = state.filter
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const shown = wanted.length ? keys.filter((k) => wanted.some((w) => k.includes(w))) : keys;
    const defs = chartsFor(shown);
    if (defs.length === 0) {
      destroyCharts();
      layout = '';
      status.textContent = keys.length ? 'No key matches the filter.' : 'No metrics logged yet.';
      return;
    }
    status.textContent = '';
    const all = defs.flatMap((d) => (d.band ? [...d.keys, d.band.std] : d.keys));
    const points = Math.min(2_000, Math.max(200, Math.round(grid.clientWidth || 1_000)));
    const wantedInfo = info.filter((k) => all.includes(k.key));
    const byKey = new Map((await getSeries(stageId, wantedInfo, points)).map((s) => [s.key, s]));
    const signature = JSON.stringify([defs, state.smoothing, state.log]);
    if (signature === layout) {
      for (const c of charts) c.handle.update(seriesOf(c.def, byKey).series);
      return;
    }
    destroyCharts();
    layout = signature;
    for (const def of defs) {
      const host = el('figure', { class: 'chart', 'data-chart': def.id, 'aria-label': def.title });
      grid.append(host);
      const { series, band } = seriesOf(def, byKey);
      const handle = lineChart(host, {
        title: def.title,
        series,
        band,
        smoothing: state.smoothing,
        log: state.log && def.logFits === true,
        syncKey: `stage-${stageId}`,
      });
      charts.push({ def, handle });
    }
  };

  const rerender = () => {
    layout = '';
    void refresh();
  };
  slider.addEventListener('input', () => {
    sliderValue.textContent = Number(slider.value).toFixed(2);
  });
  slider.addEventListener('change', () => {
    state.smoothing = Number(slider.value);
    setQuery({ smooth: slider.value });
    rerender();
  });
  log.addEventListener('change', () => {
    state.log = log.checked;
    setQuery({ log: log.checked ? '1' : null });
    rerender();
  });
  filter.addEventListener('change', () => {
    state.filter = filter.value;
    setQuery({ keys: filter.value.trim() || null });
    rerender();
  });
  return { element, refresh, destroy: destroyCharts };
}

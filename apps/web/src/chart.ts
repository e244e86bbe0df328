// Line charts on uPlot: series aligned on one step axis, optional smoothing (the raw line stays
// faint behind, as in TensorBoard), log y, mean ± std bands, exact values in the legend on hover,
// drag to zoom (double-click resets), and one cursor and x range shared by every chart of a view.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { align, type LineSeries, smooth } from './series-math.ts';

export type { LineSeries };

export interface LineChartOptions {
  title: string;
  series: LineSeries[];
  /** Index in `series` of a mean and a std series drawn as a band around the mean. */
  band?: { mean: number; std: number } | undefined;
  /** EMA weight in [0, 1): 0 draws the raw values only. */
  smoothing?: number;
  log?: boolean;
  /** Charts with the same key share the cursor and the zoomed x range. */
  syncKey: string;
  height?: number;
}

/** Every chart on the page, for the view's refreshes and for the browser tests. */
export interface ChartHandle {
  id: string;
  title: string;
  plot: uPlot;
  /** Points drawn from the data (not counting smoothed copies or bands). */
  points(): number;
  update(series: LineSeries[]): void;
  destroy(): void;
}

declare global {
  interface Window {
    __r1labCharts?: ChartHandle[];
  }
}

const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#9c755f',
  '#ff9da7',
  '#bab0ac',
];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

const fade = (hex: string, alpha: number) =>
  `${hex}${Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0')}`;

function build(o: LineChartOptions, input: LineSeries[]) {
  const { steps, columns } = align(input);
  const positive = (c: (number | null)[]) =>
    o.log ? c.map((v) => (v !== null && v > 0 ? v : null)) : c;
  const data: (number | null)[][] = [steps];
  const series: uPlot.Series[] = [{ label: 'step' }];
  const bands: uPlot.Band[] = [];
  const drawnOnly: number[] = [];
  const weight = o.smoothing ?? 0;
  input.forEach((s, i) => {
    if (o.band && i === o.band.std) return;
    const color = PALETTE[i % PALETTE.length]!;
    const raw = positive(columns[i]!);
    if (weight > 0) {
      data.push(raw);
      // The legend shows the exact (raw) value on hover; the smoothed line is drawn only.
      series.push({ label: s.label, stroke: fade(color, 0.3), width: 1, spanGaps: true });
      data.push(smooth(raw, weight));
      series.push({ label: `${s.label} (smoothed)`, stroke: color, width: 2, spanGaps: true });
      drawnOnly.push(series.length - 1);
    } else {
      data.push(raw);
      series.push({ label: s.label, stroke: color, width: 1.5, spanGaps: true });
    }
    if (o.band && i === o.band.mean) {
      const std = columns[o.band.std]!;
      const mean = data.at(-1)!;
      const hi = mean.map((m, j) => (m === null || std[j] == null ? null : m + (std[j] as number)));
      const lo = mean.map((m, j) => (m === null || std[j] == null ? null : m - (std[j] as number)));
      data.push(hi, positive(lo));
      series.push(
        { label: `${s.label} + std`, stroke: fade(color, 0.15), width: 1, spanGaps: true },
        { label: `${s.label} − std`, stroke: fade(color, 0.15), width: 1, spanGaps: true },
      );
      bands.push({ series: [data.length - 2, data.length - 1], fill: fade(color, 0.12) });
      drawnOnly.push(data.length - 2, data.length - 1);
    }
  });
  return { data: data as uPlot.AlignedData, series, bands, drawnOnly };
}

/** Tick labels that stay readable from 1e-4 (learning rates) to 1e5 (tokens). */
function tick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

function hideFromLegend(plot: uPlot, indices: number[]): void {
  const rows = plot.root.querySelectorAll<HTMLElement>('.u-legend .u-series');
  rows.forEach((row, i) => {
    row.style.display = indices.includes(i) ? 'none' : '';
  });
}

const groups = new Map<string, Set<uPlot>>();

/**
 * @example
 * const chart = lineChart(div, { title: 'KL', series: [{ label: 'kl', steps, values }], syncKey: 'run-1' });
 */
export function lineChart(host: HTMLElement, o: LineChartOptions): ChartHandle {
  const fg = cssVar('--muted', '#666');
  const grid = cssVar('--grid', '#8883');
  let built = build(o, o.series);
  let input = o.series;
  const group = groups.get(o.syncKey) ?? new Set<uPlot>();
  groups.set(o.syncKey, group);
  let syncing = false;
  const opts: uPlot.Options = {
    title: o.title,
    width: Math.max(240, host.clientWidth),
    height: o.height ?? 220,
    series: built.series,
    bands: built.bands,
    scales: { x: { time: false }, y: o.log ? { distr: 3 } : {} },
    axes: [
      { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid } },
      {
        stroke: fg,
        grid: { stroke: grid },
        ticks: { stroke: grid },
        size: 60,
        values: (_u, splits) => splits.map(tick),
      },
    ],
    cursor: { sync: { key: o.syncKey, setSeries: false }, drag: { x: true, y: false } },
    legend: { live: true },
    hooks: {
      setScale: [
        (u, key) => {
          if (key !== 'x' || syncing) return;
          const { min, max } = u.scales.x!;
          for (const other of group) {
            if (other === u) continue;
            syncing = true;
            other.setScale('x', { min: min!, max: max! });
            syncing = false;
          }
        },
      ],
    },
  };
  const plot = new uPlot(opts, built.data, host);
  group.add(plot);
  hideFromLegend(plot, built.drawnOnly);
  const resize = new ResizeObserver(() => {
    const width = Math.max(240, host.clientWidth);
    if (Math.abs(width - plot.width) > 4) plot.setSize({ width, height: plot.height });
  });
  resize.observe(host);
  const handle: ChartHandle = {
    id: host.dataset.chart ?? o.title,
    title: o.title,
    plot,
    points: () => input.reduce((a, s) => a + s.values.filter((v) => Number.isFinite(v)).length, 0),
    update(series) {
      input = series;
      built = build(o, series);
      plot.setData(built.data);
      host.dataset.points = String(handle.points());
    },
    destroy() {
      resize.disconnect();
      group.delete(plot);
      plot.destroy();
      window.__r1labCharts = (window.__r1labCharts ?? []).filter((c) => c !== handle);
    },
  };
  host.dataset.points = String(handle.points());
  window.__r1labCharts = [...(window.__r1labCharts ?? []), handle];
  return handle;
}

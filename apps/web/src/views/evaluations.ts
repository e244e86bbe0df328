// The leaderboard per benchmark across runs, and pass@1 over versions from the stored benchmark
// series (`npm run bench:pass1` results).
import { api, ok } from '../api.ts';
import { type ChartHandle, lineChart } from '../chart.ts';
import { el, link, table } from '../dom.ts';
import { pct } from '../format.ts';
import type { View } from '../router.ts';

export const evaluationsView: View = async (main) => {
  const [board, versions] = await Promise.all([
    ok(api.v1.leaderboard.$get({ query: {} })),
    ok(api.v1.benchmarks.pass1.$get({ query: {} })),
  ]);
  main.append(el('h1', {}, 'Evaluations'));
  const benchmarks = [...new Set(board.items.map((e) => e.benchmark))].sort();
  if (benchmarks.length === 0) main.append(el('p', {}, 'No evaluations recorded yet.'));
  for (const b of benchmarks) {
    const rows = board.items
      .filter((e) => e.benchmark === b)
      .map((e, i) => [
        String(i + 1),
        link(`/runs/${e.runId}`, e.runName),
        e.preset ?? '–',
        String(e.seed),
        e.stage ?? '–',
        e.step === null ? '–' : String(e.step),
        pct(e.pass1),
      ]);
    main.append(
      table(
        `Leaderboard: ${b}`,
        ['#', 'run', 'preset', 'seed', 'stage', 'step', 'best strict pass@1'],
        rows,
        { class: 'leaderboard' },
      ),
    );
  }
  const handles: ChartHandle[] = [];
  main.append(el('h2', {}, 'pass@1 over versions'));
  if (versions.items.length === 0) {
    main.append(el('p', {}, 'No stored benchmark results (`npm run bench:pass1` records them).'));
    return undefined;
  }
  // One line per preset · task · seed · stage; x is the result's position in time order.
  const dates = [...new Set(versions.items.map((p) => p.date))].sort();
  const lines = new Map<string, { steps: number[]; values: number[] }>();
  for (const p of versions.items) {
    if (p.pass1 === null) continue;
    const key = `${p.preset} · ${p.task} · seed ${p.seed} · ${p.stage}`;
    const line = lines.get(key) ?? { steps: [], values: [] };
    line.steps.push(dates.indexOf(p.date));
    line.values.push(p.pass1);
    lines.set(key, line);
  }
  const host = el('figure', { class: 'chart wide', 'data-chart': 'pass1-versions' });
  main.append(host, el('p', {}, `x: result number in date order, ${dates[0]} … ${dates.at(-1)}`));
  handles.push(
    lineChart(host, {
      title: 'strict pass@1 by version',
      syncKey: 'versions',
      series: [...lines].map(([label, l]) => ({ label, ...l })),
    }),
  );
  main.append(
    table(
      'Stored results',
      ['date', 'commit', 'preset', 'task', 'seed', 'stage', 'pass@1', 'format', 'language'],
      versions.items.map((p) => [
        p.date.slice(0, 10),
        p.commit.slice(0, 7),
        p.preset,
        p.task,
        String(p.seed),
        p.stage,
        pct(p.pass1),
        pct(p.format),
        pct(p.language),
      ]),
    ),
  );
  return () => {
    for (const h of handles) h.destroy();
  };
};

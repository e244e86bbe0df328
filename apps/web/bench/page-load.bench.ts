// Page-load benchmark (not a test): the run page of a stage holding 1 M metric points (20 keys ×
// 50,000 steps). Server side: the requests the run page makes, in process (app.request, no
// socket), target ≤ 200 ms together; browser side: navigation start → every chart's first frame
// in headless Chromium, target ≤ 1 s. Writes bench/results/<date>-<sha>.json.
//
//   npm run bench -w @r1lab/web            # full: 1 M points
//   npm run bench -w @r1lab/web -- --quick # 100 k points, fewer repeats (smoke run)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { refreshMetricBlocks } from '@r1lab/db';
import { hashJson, presetSpec, stagePlan } from '@r1lab/pipeline/spec';
import { sql } from 'drizzle-orm';
import { type KeyInfo, seriesRequests } from '../src/downsampling.ts';
import { buildBundle, launchBrowser, startServer, WEB_ROOT } from '../test/server.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const STEPS = values.quick ? 5_000 : 50_000;
const REPEATS = values.quick ? 3 : 10;
const KEYS = [
  'reward',
  'reward_std',
  'rewards/accuracy/mean',
  'rewards/format/mean',
  'accuracy',
  'format',
  'eval/pass1',
  'completions/mean_length',
  'completions/max_length',
  'completions/clipped_ratio',
  'kl',
  'entropy',
  'clip_ratio/low_mean',
  'clip_ratio/high_mean',
  'frac_reward_zero_std',
  'grad_norm',
  'learning_rate',
  'loss',
  'time/sample_s',
  'time/update_s',
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const max = (xs: number[]) => Math.max(...xs);
const load = () => os.loadavg().map((l) => Number(l.toFixed(2)));

const loadBefore = load();
await buildBundle();
const server = await startServer();
try {
  const records = server.api.deps.records;
  const spec = presetSpec('tiny-r1-zero');
  const { runId, stageIds } = await records.createRun(
    {
      name: 'big',
      preset: 'tiny-r1-zero',
      spec: spec as never,
      specHash: hashJson(spec),
      seed: 0,
      status: 'succeeded',
    },
    stagePlan(spec),
  );
  const rl = stageIds.get('rl')!;
  const t0 = performance.now();
  for (const [i, key] of KEYS.entries()) {
    await server.handle.db.execute(sql`
      insert into metrics (stage_id, step, key, value)
      select ${rl}, g, ${key}, sin(g / 1000.0 + ${i}) * 0.3 + 0.5 + (g % 97) / 970.0
      from generate_series(1, ${STEPS}) g`);
  }
  await refreshMetricBlocks(server.handle.db, rl, KEYS, 1, STEPS);
  await server.handle.db.execute(sql`analyze metrics`);
  const points = KEYS.length * STEPS;
  console.log(
    `seeded ${points.toLocaleString('en')} points in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // The run page's requests, as the dashboard makes them (the chart width decides `points`).
  const auth = { headers: { authorization: `Bearer ${server.token}` } };
  const keyInfo = (await (
    await server.api.app.request(`/v1/stages/${rl}/metric-keys`, auth)
  ).json()) as {
    items: KeyInfo[];
  };
  const CHART_WIDTH = 1248; // the charts grid at a 1280 px window
  const pageRequests = [
    `/v1/runs/${runId}`,
    `/v1/runs/${runId}/evaluations`,
    `/v1/runs/${runId}/datasets`,
    `/v1/stages/${rl}/metric-keys`,
    ...[...seriesRequests(keyInfo.items, CHART_WIDTH)].map(
      ([n, keys]) =>
        `/v1/stages/${rl}/metrics?keys=${encodeURIComponent(keys.join(','))}&points=${n}`,
    ),
  ];
  const serverMs: Record<string, number[]> = Object.fromEntries(pageRequests.map((p) => [p, []]));
  const totals: number[] = [];
  for (let r = 0; r < REPEATS + 1; r++) {
    let total = 0;
    for (const path of pageRequests) {
      const t = performance.now();
      const res = await server.api.app.request(path, auth);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      const ms = performance.now() - t;
      total += ms;
      if (r > 0) serverMs[path]!.push(ms); // the first round warms the caches
    }
    if (r > 0) totals.push(total);
  }

  const browser = await launchBrowser();
  const renderMs: number[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/?token=${server.token}`);
    for (let r = 0; r < REPEATS + 1; r++) {
      await page.goto(`${server.url}/runs/${runId}?stage=rl`);
      await page.waitForFunction(
        () => performance.getEntriesByName('r1lab:charts-drawn').length > 0,
        null,
        { timeout: 30_000 },
      );
      const { drawn, charts } = await page.evaluate(() => ({
        drawn: performance.getEntriesByName('r1lab:charts-drawn')[0]!.startTime,
        charts: (window.__r1labCharts ?? []).map((c) => c.points()),
      }));
      if (charts.length < 10 || charts.some((n) => n === 0))
        throw new Error(`charts not drawn: ${charts}`);
      if (r > 0) renderMs.push(drawn); // the first load fills the browser cache
    }
  } finally {
    await browser.close();
  }

  const serverTotal = median(totals);
  const render = median(renderMs);
  const result = {
    suite: 'web-page-load',
    date: new Date().toISOString(),
    commit:
      spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', cwd: WEB_ROOT }).stdout.trim() ||
      'unknown',
    quick: values.quick,
    conditions: {
      points,
      keys: KEYS.length,
      steps: STEPS,
      repeats: REPEATS,
      database: server.handle.driver,
      node: process.version,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
      loadBefore,
      loadAfter: load(),
    },
    figures: {
      serverPageMsMedian: Number(serverTotal.toFixed(1)),
      serverPageMsMax: Number(max(totals).toFixed(1)),
      serverMsMedianByRequest: Object.fromEntries(
        Object.entries(serverMs).map(([p, ms]) => [
          p
            .replace(runId, ':run')
            .replace(rl, ':stage')
            .replace(/keys=[^&]+/, (k) => `keys=(${decodeURIComponent(k).split(',').length} keys)`),
          Number(median(ms).toFixed(1)),
        ]),
      ),
      renderMsMedian: Number(render.toFixed(0)),
      renderMsMax: Number(max(renderMs).toFixed(0)),
    },
    targets: { serverPageMs: 200, renderMs: 1_000 },
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `run page, ${points.toLocaleString('en')} points: server ${serverTotal.toFixed(1)} ms (median of ${REPEATS}, target ≤ 200), ` +
      `render ${render.toFixed(0)} ms to charts drawn (median, target ≤ 1000)`,
  );
  const dir = join(WEB_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `${result.date.slice(0, 10)}-${result.commit.slice(0, 7)}${values.quick ? '-quick' : ''}.json`,
  );
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${file}`);
} finally {
  await server.close();
}

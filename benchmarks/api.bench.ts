// The API's hot paths, in process (app.request, no socket): listing runs, writing a batch of 1,000
// metric points through the run-record writer the API uses, and reading a downsampled series
// (points=1000) of a stage holding 1 M points — the dashboard's chart query (target: p99 < 200 ms).
// On PGlite, and on PostgreSQL when DATABASE_URL is set (a throw-away database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, LocalFolderStore } from '@r1lab/api';
import { type DbHandle, refreshMetricBlocks } from '@r1lab/db';
import { hashJson, presetSpec, stagePlan } from '@r1lab/pipeline/spec';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { onEachDatabase } from './src/database-variants.ts';
import { figureOfSamples } from './src/figures.ts';
import { startProvenance } from './src/provenance.ts';
import type { Figure } from './src/result-schema.ts';
import { sideBySide } from './src/side-by-side.ts';
import { finishSuite, suiteArgs } from './src/suite-run.ts';

const args = suiteArgs();
const provenance = startProvenance();
const SERIES_POINTS = args.quick ? 20_000 : 1_000_000;
const READS = args.quick ? 10 : 100;
const LISTS = args.quick ? 20 : 300;
const WRITES = args.quick ? 5 : 30;

function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function timed(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  return ms;
}

async function measure(handle: DbHandle, variant: string): Promise<Figure[]> {
  const store = mkdtempSync(join(tmpdir(), 'r1lab-api-bench-'));
  try {
    const { app, deps } = createApp({
      db: handle.db,
      driver: handle.driver,
      artifacts: new LocalFolderStore(store),
      logger: pino({ level: 'silent' }),
    });
    const spec = presetSpec('r1-zero');
    for (let i = 0; i < 50; i++) {
      await deps.records.createRun(
        {
          name: `run-${i}`,
          preset: 'r1-zero',
          spec: spec as never,
          specHash: hashJson(spec),
          seed: i,
        },
        stagePlan(spec),
      );
    }
    const { stageIds } = await deps.records.createRun(
      { name: 'big', preset: 'r1-zero', spec: spec as never, specHash: hashJson(spec), seed: 0 },
      stagePlan(spec),
    );
    const rl = stageIds.get('rl')!;
    // 1 M points of one key in one statement (the point here is the read), then their blocks.
    await handle.db.execute(sql`
      insert into metrics (stage_id, step, key, value)
      select ${rl}, g, 'reward', sin(g / 1000.0) + (g % 997) / 997.0 from generate_series(1, ${SERIES_POINTS}) g`);
    await refreshMetricBlocks(handle.db, rl, ['reward'], 1, SERIES_POINTS);
    await handle.db.execute(sql`analyze metrics`);

    const figures: Figure[] = [];
    const ok = async (path: string) => {
      const res = await app.request(path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const list = await timed(LISTS, () => ok('/v1/runs?limit=50'));
    figures.push(
      figureOfSamples(
        { name: 'GET /v1/runs (50 of 51 runs)', unit: 'req/s', better: 'higher', variant },
        list.map((ms) => 1000 / ms),
      ),
    );
    let step = SERIES_POINTS;
    const writes = await timed(WRITES, async () => {
      const points = Array.from({ length: 1000 }, (_, i) => ({
        step: step + 1 + Math.floor(i / 20),
        key: `k${i % 20}`,
        value: Math.random(),
      }));
      step += 50;
      await deps.records.writeMetrics(stageIds.get('eval')!, points);
    });
    figures.push(
      figureOfSamples(
        {
          name: 'metrics write, 1,000 points (50 steps × 20 keys)',
          unit: 'points/s',
          better: 'higher',
          variant,
        },
        writes.map((ms) => 1_000_000 / ms),
      ),
    );
    const path = `/v1/stages/${rl}/metrics?keys=reward&points=1000`;
    await ok(path);
    const reads = await timed(READS, () => ok(path));
    const name = `downsampled read, points=1000 of ${SERIES_POINTS.toLocaleString('en')}`;
    figures.push(
      figureOfSamples({ name: `${name} (median)`, unit: 'ms', better: 'lower', variant }, reads),
    );
    const p99 = percentile(reads, 99);
    figures.push({
      ...figureOfSamples({ name: `${name} (p99)`, unit: 'ms', better: 'lower', variant }, [p99]),
      n: reads.length,
    });
    console.log(
      `${variant}: GET /v1/runs ${figures[0]!.value.toFixed(0)} req/s · write ${figures[1]!.value.toFixed(0)} points/s · ` +
        `read p50 ${figures[2]!.value.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
    );
    return figures;
  } finally {
    rmSync(store, { recursive: true, force: true });
  }
}

const { figures, environments } = await onEachDatabase(measure, 'r1lab_api_bench');

finishSuite({
  suite: 'api',
  args,
  provenance: provenance.finish(environments),
  figures,
  sideBySide: sideBySide(figures, 'pglite'),
  data: { seriesPoints: SERIES_POINTS, reads: READS, lists: LISTS, writes: WRITES },
});

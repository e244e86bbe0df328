// The job queue and the worker protocol, in process (app.request, no socket): claims per second
// with 8 concurrent claimers over the HTTP claim route, and metric ingest through
// POST /v1/jobs/:id/metrics (the worker's batches, claim token checked on each) — what decides how
// many workers one API serves. On PGlite, and on PostgreSQL when DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, LocalFolderStore } from '@r1lab/api';
import { type DbHandle, jobs, runs, stages } from '@r1lab/db';
import pino from 'pino';
import { onEachDatabase } from './src/database-variants.ts';
import { figureOfSamples } from './src/figures.ts';
import { startProvenance } from './src/provenance.ts';
import type { Figure } from './src/result-schema.ts';
import { sideBySide } from './src/side-by-side.ts';
import { finishSuite, suiteArgs } from './src/suite-run.ts';

const args = suiteArgs();
const provenance = startProvenance();
const JOBS = args.quick ? 80 : 1_000; // a multiple of 8
const CLAIMERS = 8;
const BATCHES = args.quick ? 5 : 40;
const BATCH_POINTS = 1_000;

async function measure(handle: DbHandle, variant: string): Promise<Figure[]> {
  const store = mkdtempSync(join(tmpdir(), 'r1lab-queue-bench-'));
  try {
    const { app } = createApp({
      db: handle.db,
      driver: handle.driver,
      artifacts: new LocalFolderStore(store),
      logger: pino({ level: 'silent' }),
    });
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await app.request(path, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: {
          'content-type': 'application/json',
          ...(token ? { 'x-claim-token': token } : {}),
        },
      });
      if (res.status >= 300 && res.status !== 204)
        throw new Error(`${path}: ${res.status} ${await res.text()}`);
      // biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field below
      return res.status === 204 ? null : ((await res.json()) as Record<string, any>);
    };
    // Runs of 8 independent stages each (a real run has 3–7), so every claim resolves a real
    // stage, its spec and its inputs.
    const PER_RUN = 8;
    const spec = {
      name: 'bench',
      seed: 0,
      stages: Array.from({ length: PER_RUN }, (_, i) => ({
        kind: 'sft',
        name: `s${i}`,
        data: 'cold-start',
      })),
    };
    for (let r = 0; r < JOBS / PER_RUN; r++) {
      const [run] = await handle.db
        .insert(runs)
        .values({ name: `bench-${r}`, spec, specHash: 'bench', seed: r })
        .returning({ id: runs.id });
      const stageRows = await handle.db
        .insert(stages)
        .values(
          spec.stages.map((s, i) => ({
            runId: run!.id,
            name: s.name,
            kind: 'sft' as const,
            position: i,
            config: s,
          })),
        )
        .returning({ id: stages.id });
      await handle.db
        .insert(jobs)
        .values(stageRows.map((s) => ({ runId: run!.id, stageId: s.id })));
    }
    const workers = await Promise.all(
      Array.from(
        { length: CLAIMERS },
        async (_, i) => (await post('/v1/workers', { name: `w${i}` }))!.id as string,
      ),
    );
    const claimed: Array<{ id: string; token: string }> = [];
    const t0 = performance.now();
    await Promise.all(
      workers.map(async (workerId) => {
        for (;;) {
          const c = await post('/v1/jobs/claim', { workerId });
          if (!c) return;
          claimed.push({ id: c.job.id, token: c.job.claimToken });
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    if (new Set(claimed.map((c) => c.id)).size !== JOBS)
      throw new Error('a job was claimed twice or not at all');
    const figures: Figure[] = [
      {
        ...figureOfSamples(
          {
            name: `claims, ${CLAIMERS} concurrent claimers (HTTP route)`,
            unit: 'claims/s',
            better: 'higher',
            variant,
          },
          [JOBS / seconds],
        ),
        n: JOBS,
      },
    ];
    const job = claimed[0]!;
    let step = 0;
    const ingest: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const points = Array.from({ length: BATCH_POINTS }, (_, i) => ({
        step: step + Math.floor(i / 25),
        key: `k${i % 25}`,
        value: Math.random(),
      }));
      step += BATCH_POINTS / 25;
      const t = performance.now();
      await post(`/v1/jobs/${job.id}/metrics`, { points }, job.token);
      ingest.push(BATCH_POINTS / ((performance.now() - t) / 1000));
    }
    figures.push(
      figureOfSamples(
        {
          name: `metric ingest, batches of ${BATCH_POINTS} points (worker protocol)`,
          unit: 'points/s',
          better: 'higher',
          variant,
        },
        ingest,
      ),
    );
    console.log(
      `${variant}: ${figures[0]!.value.toFixed(0)} claims/s (${CLAIMERS} claimers, ${JOBS} jobs) · ingest ${figures[1]!.value.toFixed(0)} points/s`,
    );
    return figures;
  } finally {
    rmSync(store, { recursive: true, force: true });
  }
}

const { figures, environments } = await onEachDatabase(measure, 'r1lab_queue_bench');

finishSuite({
  suite: 'queue',
  args,
  provenance: provenance.finish(environments),
  figures,
  sideBySide: sideBySide(figures, 'pglite'),
  data: { jobs: JOBS, claimers: CLAIMERS, batches: BATCHES, batchPoints: BATCH_POINTS },
});

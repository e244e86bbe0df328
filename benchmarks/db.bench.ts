// Storage throughput: metrics rows are the hottest write path of a training run, and a stage's
// series the hottest read of the dashboard. Side by side on PGlite (in memory) and, when
// DATABASE_URL is set, on PostgreSQL, in a throw-away database created and dropped here (the
// server's own databases are not touched).
import { type DbHandle, metrics, runs, stages } from '@r1lab/db';
import { Bench } from 'tinybench';
import { onEachDatabase } from './src/database-variants.ts';
import { benchOptions, latencyFigures } from './src/figures.ts';
import { startProvenance } from './src/provenance.ts';
import type { Figure } from './src/result-schema.ts';
import { sideBySide } from './src/side-by-side.ts';
import { finishSuite, suiteArgs } from './src/suite-run.ts';

const args = suiteArgs();
const provenance = startProvenance();
const KEYS = 20;
const SERIES_STEPS = args.quick ? 50 : 500;

async function measure(handle: DbHandle): Promise<Figure[]> {
  const { db } = handle;
  const [run] = await db
    .insert(runs)
    .values({ name: 'bench', spec: {}, specHash: 'b' })
    .returning();
  const [stage] = await db
    .insert(stages)
    .values({ runId: run!.id, name: 'rl', kind: 'grpo', position: 0, config: {} })
    .returning();
  const stageId = stage!.id;
  const stepRows = (step: number) =>
    Array.from({ length: KEYS }, (_, i) => ({ stageId, step, key: `k${i}`, value: Math.random() }));
  // A stage with SERIES_STEPS steps logged, for the read (1,000 rows a statement).
  const logged = Array.from({ length: SERIES_STEPS }, (_, i) => stepRows(i + 1)).flat();
  for (let i = 0; i < logged.length; i += 1000)
    await db.insert(metrics).values(logged.slice(i, i + 1000));
  let step = SERIES_STEPS;
  const bench = new Bench(benchOptions(args.quick, { time: 2000, iterations: 10 }));
  bench.add(`insert ${KEYS} metrics (one GRPO step) in one statement`, async () => {
    step += 1;
    await db.insert(metrics).values(stepRows(step));
  });
  bench.add(`read one key's series (${SERIES_STEPS} steps)`, async () => {
    // The relational query API hands the operators in, so no drizzle-orm import is needed here.
    const rows = await db.query.metrics.findMany({
      columns: { step: true, value: true },
      where: (m, { and, eq }) => and(eq(m.stageId, stageId), eq(m.key, 'k0')),
      orderBy: (m, { asc }) => asc(m.step),
      limit: SERIES_STEPS,
    });
    if (rows.length !== SERIES_STEPS) throw new Error(`read ${rows.length} rows`);
  });
  await bench.run();
  return latencyFigures(bench, handle.driver);
}

const { figures, environments } = await onEachDatabase(measure);

finishSuite({
  suite: 'db',
  args,
  provenance: provenance.finish(environments),
  figures,
  sideBySide: sideBySide(figures, 'pglite'),
  data: { keysPerStep: KEYS, seriesSteps: SERIES_STEPS },
});

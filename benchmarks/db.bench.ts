// Storage throughput: metrics rows are the hottest write path of a training run, and a stage's
// series the hottest read of the dashboard. Side by side on PGlite (in memory) and, when
// DATABASE_URL is set, on PostgreSQL, in a throw-away database created and dropped here (the
// server's own databases are not touched).
import { createDb, type DbHandle, metrics, runs, stages } from '@r1lab/db';
import { Bench } from 'tinybench';
import { benchOptions, latencyFigures } from './src/figures.ts';
import { currentRuntime, startProvenance } from './src/provenance.ts';
import type { Environment, Figure } from './src/result-schema.ts';
import { sideBySide } from './src/side-by-side.ts';
import { finishSuite, suiteArgs } from './src/suite-run.ts';
import { throwawayDatabase } from './src/throwaway-database.ts';

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

const figures: Figure[] = [];
const environments: Environment[] = [];
// PGlite is a single-threaded wasm build; a PostgreSQL server's threads are not ours to count.
const pglite = await createDb({ url: '', dataDir: 'memory://' });
try {
  figures.push(...(await measure(pglite)));
  environments.push({ variant: 'pglite', ...currentRuntime(), backend: 'pglite', threads: 1 });
} finally {
  await pglite.close();
}
if (process.env.DATABASE_URL) {
  const scratch = await throwawayDatabase(process.env.DATABASE_URL);
  try {
    const pg = await createDb({ url: scratch.url });
    try {
      figures.push(...(await measure(pg)));
      environments.push({
        variant: 'postgres',
        ...currentRuntime(),
        backend: 'postgres',
        threads: null,
      });
    } finally {
      await pg.close();
    }
  } finally {
    await scratch.drop();
  }
} else {
  console.log('DATABASE_URL not set: PGlite only (set it for the PostgreSQL side by side)');
}

finishSuite({
  suite: 'db',
  args,
  provenance: provenance.finish(environments),
  figures,
  sideBySide: sideBySide(figures, 'pglite'),
  data: { keysPerStep: KEYS, seriesSteps: SERIES_STEPS },
});

// Storage write throughput: metrics rows are the hottest write path of a training run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createDb, metrics, runs, stages } from '@r1lab/db';
import { Bench } from 'tinybench';

const handle = await createDb({ url: process.env.DATABASE_URL ?? '', dataDir: 'memory://' });
const { db } = handle;
const [run] = await db.insert(runs).values({ name: 'bench', spec: {}, specHash: 'b' }).returning();
const [stage] = await db
  .insert(stages)
  .values({ runId: run!.id, name: 'rl', kind: 'grpo', position: 0, config: {} })
  .returning();

let step = 0;
const bench = new Bench({ time: 2000 });
bench.add('insert 20 metrics (one GRPO step) in one statement', async () => {
  step += 1;
  const rows = Array.from({ length: 20 }, (_, i) => ({
    stageId: stage!.id,
    step,
    key: `k${i}`,
    value: Math.random(),
  }));
  await db.insert(metrics).values(rows);
});
await bench.run();
console.log(`driver: ${handle.driver}`);
console.table(bench.table());
mkdirSync('results', { recursive: true });
writeFileSync(
  'results/db.json',
  JSON.stringify(
    { driver: handle.driver, date: new Date().toISOString(), tasks: bench.table() },
    null,
    2,
  ),
);
await handle.close();

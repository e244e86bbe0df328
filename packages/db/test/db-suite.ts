import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiTokens,
  type CreateDbOptions,
  checkpoints,
  createDb,
  type DbHandle,
  datasets,
  evaluations,
  jobs,
  listTables,
  metrics,
  migrationsFolder,
  RunRecords,
  runs,
  samples,
  stages,
  workers,
} from '../src/index.ts';

const MIGRATIONS = (
  JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  }
).entries.length;

const ALL_TABLES = [
  'api_tokens',
  'checkpoints',
  'datasets',
  'evaluations',
  'jobs',
  'metrics',
  'run_events',
  'runs',
  'samples',
  'stages',
  'workers',
];

/** One integration suite, run once per driver (PGlite always, PostgreSQL when DATABASE_URL is set). */
export function describeDbSuite(label: string, options: () => CreateDbOptions) {
  describe(`@r1lab/db on ${label}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await createDb(options());
    }, 60_000);
    afterAll(async () => {
      await handle?.close();
    });

    async function seedRun(name: string) {
      const { db } = handle;
      const [run] = await db
        .insert(runs)
        .values({ name, spec: { preset: 'tiny-r1-zero' }, specHash: `hash-${name}`, seed: 1 })
        .returning();
      const [pre] = await db
        .insert(stages)
        .values({
          runId: run!.id,
          name: 'base',
          kind: 'pretrain',
          position: 0,
          config: { steps: 10 },
        })
        .returning();
      const [grpo] = await db
        .insert(stages)
        .values({
          runId: run!.id,
          name: 'rl',
          kind: 'grpo',
          position: 1,
          config: { groupSize: 8 },
          fromStageId: pre!.id,
        })
        .returning();
      return { run: run!, pre: pre!, grpo: grpo! };
    }

    it('creates every table of the data model', async () => {
      expect(await listTables(handle.db)).toEqual(expect.arrayContaining(ALL_TABLES));
    });

    it('inserts and reads back a row of every table', async () => {
      const { db } = handle;
      const { run, pre, grpo } = await seedRun('every-table');
      const [worker] = await db
        .insert(workers)
        .values({ name: 'w1', backend: 'wasm', capabilities: { threads: 2 } })
        .returning();
      const [job] = await db
        .insert(jobs)
        .values({ runId: run.id, stageId: grpo.id, workerId: worker!.id, status: 'claimed' })
        .returning();
      const [parent] = await db
        .insert(checkpoints)
        .values({ runId: run.id, stageId: pre.id, step: 100, uri: 'file:///a', sha256: 'aa' })
        .returning();
      const [child] = await db
        .insert(checkpoints)
        .values({
          runId: run.id,
          stageId: grpo.id,
          step: 40,
          uri: 'file:///b',
          sha256: 'bb',
          sizeBytes: 3_300_000_000,
          parentId: parent!.id,
        })
        .returning();
      await db.insert(metrics).values([
        { stageId: grpo.id, step: 1, key: 'reward', value: 0.25 },
        { stageId: grpo.id, step: 2, key: 'reward', value: 0.5 },
      ]);
      await db.insert(samples).values({
        stageId: grpo.id,
        step: 1,
        prompt: '3+4=?',
        completion: '<think>3+4=7</think><answer>7</answer>',
        rewards: { accuracy: 1, format: 1 },
        reward: 2,
        advantage: 0.7,
      });
      await db.insert(datasets).values({
        runId: run.id,
        stageId: grpo.id,
        name: 'rs',
        kind: 'rejection-sampling',
        uri: 'file:///d.jsonl',
        rowCount: 12,
        stats: { sampled: 40, kept: 12 },
      });
      await db.insert(evaluations).values({
        runId: run.id,
        checkpointId: child!.id,
        benchmark: 'arith-test',
        n: 8,
        k: 8,
        temperature: 1,
        problems: 500,
        pass1: 0.9,
        passAtK: 0.99,
      });
      await db.insert(apiTokens).values({ name: 'ci', tokenHash: 'sha256:xyz', role: 'worker' });

      const [readJob] = await db.select().from(jobs).where(eq(jobs.id, job!.id));
      expect(readJob).toMatchObject({ status: 'claimed', attempt: 1, workerId: worker!.id });
      const lineage = await db
        .select()
        .from(checkpoints)
        .where(eq(checkpoints.parentId, parent!.id));
      expect(lineage.map((c) => c.step)).toEqual([40]);
      expect(lineage[0]!.sizeBytes).toBe(3_300_000_000);
      const series = await db
        .select({ step: metrics.step, value: metrics.value })
        .from(metrics)
        .where(eq(metrics.stageId, grpo.id))
        .orderBy(metrics.step);
      expect(series).toEqual([
        { step: 1, value: 0.25 },
        { step: 2, value: 0.5 },
      ]);
      const [sample] = await db.select().from(samples).where(eq(samples.stageId, grpo.id));
      expect(sample!.rewards).toEqual({ accuracy: 1, format: 1 });
      const [ds] = await db.select().from(datasets).where(eq(datasets.runId, run.id));
      expect(ds!.stats).toEqual({ sampled: 40, kept: 12 });
      const [ev] = await db.select().from(evaluations).where(eq(evaluations.runId, run.id));
      expect(ev).toMatchObject({ pass1: 0.9, passAtK: 0.99, n: 8 });
      const [tok] = await db.select().from(apiTokens).where(eq(apiTokens.name, 'ci'));
      expect(tok!.role).toBe('worker');
      const [w] = await db.select().from(workers).where(eq(workers.id, worker!.id));
      expect(w!.capabilities).toEqual({ threads: 2 });
    });

    it('deleting a run cascades to its stages, jobs, checkpoints, metrics, samples, datasets and evaluations', async () => {
      const { db } = handle;
      const { run, grpo } = await seedRun('cascade');
      await db.insert(jobs).values({ runId: run.id, stageId: grpo.id });
      const [ckpt] = await db
        .insert(checkpoints)
        .values({ runId: run.id, stageId: grpo.id, step: 1, uri: 'u', sha256: 's' })
        .returning();
      await db.insert(metrics).values({ stageId: grpo.id, step: 1, key: 'kl', value: 0 });
      await db.insert(samples).values({ stageId: grpo.id, step: 1, prompt: 'p', completion: 'c' });
      await db
        .insert(datasets)
        .values({ runId: run.id, name: 'd', kind: 'generated', uri: 'u', rowCount: 0 });
      await db.insert(evaluations).values({
        runId: run.id,
        checkpointId: ckpt!.id,
        benchmark: 'b',
        n: 1,
        k: 1,
        temperature: 0,
        problems: 1,
        pass1: 0,
      });

      await db.delete(runs).where(eq(runs.id, run.id));

      const count = async (table: string) => {
        const res = await db.execute<{ n: number }>(
          sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(table === 'metrics' || table === 'samples' ? 'stage_id' : 'run_id')} ${table === 'metrics' || table === 'samples' ? sql`= ${grpo.id}` : sql`= ${run.id}`}`,
        );
        const rows = Array.isArray(res) ? res : (res as { rows: { n: number }[] }).rows;
        return rows[0]!.n;
      };
      for (const table of [
        'stages',
        'jobs',
        'checkpoints',
        'metrics',
        'samples',
        'datasets',
        'evaluations',
      ]) {
        expect(await count(table), table).toBe(0);
      }
    });

    it('rejects a second stage with the same name in a run (unique constraint)', async () => {
      const { db } = handle;
      const { run } = await seedRun('unique');
      await expect(
        db
          .insert(stages)
          .values({ runId: run.id, name: 'rl', kind: 'eval', position: 2, config: {} }),
      ).rejects.toThrow();
      const same = await db.select().from(stages).where(eq(stages.runId, run.id));
      expect(same).toHaveLength(2);
    });

    it('an evaluation recorded again for the same stage, checkpoint and benchmark replaces the first', async () => {
      const { db } = handle;
      const { run, pre, grpo } = await seedRun('eval-replace');
      const [ckpt] = await db
        .insert(checkpoints)
        .values({ runId: run.id, stageId: pre.id, step: 10, uri: 'file:///c', sha256: 'cc' })
        .returning();
      const records = new RunRecords(db);
      const row = (pass1: number, benchmark = 'arith-test') => ({
        stageId: grpo.id,
        checkpointId: ckpt!.id,
        benchmark,
        n: 4,
        k: 4,
        temperature: 1,
        problems: 10,
        pass1,
        passAtK: 1,
        consAtK: 1,
        answerAnywhere: pass1,
        formatRate: 1,
        languageConsistency: 1,
        mixedLanguageRate: 0,
        meanLength: 20,
      });
      await records.writeEvaluation(row(0.25));
      await records.writeEvaluation(row(0.5, 'other'));
      await records.writeEvaluation(row(0.75)); // a retried eval job
      const rows = await db
        .select({
          benchmark: evaluations.benchmark,
          pass1: evaluations.pass1,
          runId: evaluations.runId,
        })
        .from(evaluations)
        .where(eq(evaluations.stageId, grpo.id))
        .orderBy(evaluations.benchmark);
      expect(rows).toEqual([
        { benchmark: 'arith-test', pass1: 0.75, runId: run.id },
        { benchmark: 'other', pass1: 0.5, runId: run.id },
      ]);
    });

    it('round-trips jsonb exactly (nesting, unicode, numbers, nulls)', async () => {
      const { db } = handle;
      const spec = {
        preset: 'r1',
        stages: [
          { kind: 'grpo', from: 'sft', hp: { lr: 3e-4, beta: 0, groupSize: 8, clip: [0.2, 0.28] } },
        ],
        note: 'Calcule 3+4 — 思考 ✓ "quoted" \\ back',
        flags: { on: true, off: false, none: null },
        big: 2 ** 53 - 1,
      };
      const [row] = await db
        .insert(runs)
        .values({ name: 'jsonb', spec, specHash: 'j' })
        .returning({ id: runs.id });
      const [back] = await db.select().from(runs).where(eq(runs.id, row!.id));
      expect(back!.spec).toEqual(spec);
    });

    it('applies migrations idempotently (open the same database twice)', async () => {
      const again = await createDb(options());
      try {
        expect(await listTables(again.db)).toEqual(expect.arrayContaining(ALL_TABLES));
        const res = await again.db.execute<{ n: number }>(
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        );
        const rows = Array.isArray(res) ? res : (res as { rows: { n: number }[] }).rows;
        // One row per committed migration, however often the database is opened.
        expect(rows[0]!.n).toBe(MIGRATIONS);
      } finally {
        await again.close();
      }
    }, 60_000);
  });
}

// Writes pass@1 series rows into `benchmark_results`, idempotently: importing the same result
// file twice leaves one row per (file, preset, seed, stage).
import { sql } from 'drizzle-orm';
import type { Db } from './create-db.ts';
import { benchmarkResults } from './schema/index.ts';

export type BenchmarkRow = Omit<
  typeof benchmarkResults.$inferInsert,
  'id' | 'createdAt' | 'dirty' | 'date'
> & {
  dirty: boolean | 'unknown';
  date: string | Date;
};

/**
 * @example
 * await upsertBenchmarkRows(db, pass1SeriesRows(result, 'pass1/2026-11-29-4c36e88.json'));
 */
export async function upsertBenchmarkRows(db: Db, rows: BenchmarkRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map((r) => ({ ...r, dirty: String(r.dirty), date: new Date(r.date) }));
  await db
    .insert(benchmarkResults)
    .values(values)
    .onConflictDoUpdate({
      target: [
        benchmarkResults.source,
        benchmarkResults.preset,
        benchmarkResults.seed,
        benchmarkResults.stage,
      ],
      set: {
        pass1: sql`excluded.pass1`,
        format: sql`excluded.format`,
        language: sql`excluded.language`,
        wallSeconds: sql`excluded.wall_seconds`,
        cached: sql`excluded.cached`,
      },
    });
  return rows.length;
}

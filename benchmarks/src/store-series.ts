// Stores pass@1 series rows in the database (benchmark_results), where the API serves them
// (`GET /v1/benchmarks/pass1`): DATABASE_URL when set, else the PGlite of a data folder.
import { join } from 'node:path';
import { createDb, upsertBenchmarkRows } from '@r1lab/db';
import type { Pass1SeriesRow } from './pass1-series.ts';

/**
 * @example
 * await storeSeries(pass1SeriesRows(result, 'pass1/2026-12-01-abc1234.json'), { dataDir: '.r1lab' });
 */
export async function storeSeries(
  rows: Pass1SeriesRow[],
  o: { dataDir: string; url?: string | undefined },
): Promise<{ stored: number; location: string }> {
  const handle = await createDb({
    ...(o.url ? { url: o.url } : { url: '', dataDir: join(o.dataDir, 'db') }),
  });
  try {
    const stored = await upsertBenchmarkRows(
      handle.db,
      rows.map((r) => ({ suite: 'pass1', ...r })),
    );
    return { stored, location: handle.location };
  } finally {
    await handle.close();
  }
}

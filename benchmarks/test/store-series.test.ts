// The pass@1 series of every stored bench:pass1 result goes into benchmark_results once: storing
// the same files again adds nothing, and the rows read back equal the series rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { benchmarkResults, createDb } from '@r1lab/db';
import { afterAll, describe, expect, it } from 'vitest';
import { pass1SeriesRows } from '../src/pass1-series.ts';
import { listResults, RESULTS_ROOT } from '../src/result-store.ts';
import { storeSeries } from '../src/store-series.ts';

describe('storeSeries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'r1lab-series-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores each file × preset × seed × stage once', async () => {
    const rows = listResults(RESULTS_ROOT, 'pass1').flatMap((r) =>
      pass1SeriesRows(r.result, relative(RESULTS_ROOT, r.path)),
    );
    expect(rows.length).toBeGreaterThan(20);
    await storeSeries(rows, { dataDir: dir });
    await storeSeries(rows.slice(0, 5), { dataDir: dir });
    const h = await createDb({ url: '', dataDir: join(dir, 'db') });
    try {
      const stored = await h.db.select().from(benchmarkResults);
      expect(stored).toHaveLength(rows.length);
      const rl = stored.find(
        (s) =>
          s.source === rows[0]!.source && s.stage === rows[0]!.stage && s.seed === rows[0]!.seed,
      )!;
      expect(rl.pass1).toBe(rows[0]!.pass1);
      expect(rl.commit).toBe(rows[0]!.commit);
    } finally {
      await h.close();
    }
  }, 60_000);
});

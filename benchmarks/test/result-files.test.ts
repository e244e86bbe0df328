// Every stored result file validates against the schema, is named after its provenance, and
// yields figures for bench:compare (and, for pass@1, series rows).
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figuresOf } from '../src/legacy-figures.ts';
import { pass1SeriesRows } from '../src/pass1-series.ts';
import { listResults, RESULTS_ROOT, readResult, resultBaseName } from '../src/result-store.ts';

const suites = readdirSync(RESULTS_ROOT, { withFileTypes: true });

describe('benchmarks/results', () => {
  it('holds only suite folders of result files', () => {
    expect(suites.filter((d) => !d.isDirectory()).map((d) => d.name)).toEqual([]);
    expect(suites.map((d) => d.name)).toEqual(
      expect.arrayContaining(['db', 'grpo-core', 'model', 'pass1', 'rewards', 'tasks']),
    );
  });

  const files = suites.flatMap((d) =>
    readdirSync(join(RESULTS_ROOT, d.name)).map((f) => join(d.name, f)),
  );
  it.each(files)('%s validates, is named after its provenance and has figures', (file) => {
    const { result } = readResult(join(RESULTS_ROOT, file));
    expect(file.split('/')[0]).toBe(result.suite);
    const base = resultBaseName({ ...result.provenance, tag: result.tag });
    expect(basename(file)).toMatch(new RegExp(`^${base.replace(/[.+]/g, '\\$&')}(-\\d+)?\\.json$`));
    expect(result.quick).toBe(false);
    expect(figuresOf(result).length).toBeGreaterThan(0);
    if (result.legacy)
      expect(result.provenance.recovered?.originalPath).toMatch(/^benchmarks\/results\//);
  });

  it('gives one pass@1 series row per preset × seed × stage of every pass1 file', () => {
    const stored = listResults(RESULTS_ROOT, 'pass1');
    expect(stored.length).toBeGreaterThan(0);
    for (const { path, result } of stored) {
      const rows = pass1SeriesRows(result, path);
      const keys = rows.map((r) => `${r.preset}/${r.seed}/${r.stage}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(rows.some((r) => r.pass1 !== null && r.format !== null)).toBe(true);
      expect(rows.every((r) => r.task !== 'unknown')).toBe(true);
    }
  });
});

// The smoke run `npm test` relies on so benchmarks never rot: `run-all.ts --quick` runs every
// suite for a few iterations and each writes a valid result, with side-by-side ratios where a
// suite measures more than one variant.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pass1SeriesRows } from '../src/pass1-series.ts';
import { listResults } from '../src/result-store.ts';

const here = fileURLToPath(new URL('..', import.meta.url));
const hasBun = existsSync(fileURLToPath(new URL('../../node_modules/.bin/bun', import.meta.url)));

/** Runs `script --quick --out DIR …` with tsx, expects exit 0, and returns DIR. */
function runQuick(script: string, tmpPrefix: string, extra: (out: string) => string[] = () => []) {
  const out = mkdtempSync(join(tmpdir(), tmpPrefix));
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', script, '--quick', '--out', out, ...extra(out)],
    { cwd: here, encoding: 'utf8' },
  );
  expect(res.status, `${res.stdout.slice(-3000)}\n${res.stderr.slice(-3000)}`).toBe(0);
  return out;
}

describe('npm run bench -- --quick', () => {
  it('runs every suite and writes one valid quick result each', () => {
    const out = runQuick('run-all.ts', 'r1lab-bench-smoke-');
    const results = listResults(out);
    expect(results.map((r) => r.result.suite).sort()).toEqual([
      'api',
      'db',
      'grpo-core',
      'model',
      'queue',
      'rewards',
      'tasks',
    ]);
    for (const { result } of results) {
      expect(result.quick).toBe(true);
      expect(result.tag).toBe('quick');
      expect(result.figures.length).toBeGreaterThan(0);
    }
    const model = results.find((r) => r.result.suite === 'model')!.result;
    const others = [...new Set(model.sideBySide.map((s) => s.other))].sort();
    expect(others).toEqual(hasBun ? ['bun-wasm', 'node-cpu'] : ['node-cpu']);
    const grpo = results.find((r) => r.result.suite === 'grpo-core')!.result;
    expect(grpo.sideBySide.every((s) => s.baseline === 'wasm' && s.other === 'cpu')).toBe(true);
    // With DATABASE_URL (CI starts a PostgreSQL), the db suite also runs on PostgreSQL.
    const db = results.find((r) => r.result.suite === 'db')!.result;
    const dbOthers = [...new Set(db.sideBySide.map((s) => s.other))];
    expect(dbOthers).toEqual(process.env.DATABASE_URL ? ['postgres'] : []);
  }, 180_000);

  it('bench:pass1 --quick runs the tiny presets and writes rows, times and the resolved spec', () => {
    const out = runQuick('pass1.ts', 'r1lab-pass1-smoke-', (dir) => [
      '--data-dir',
      join(dir, 'data'),
    ]);
    const [stored] = listResults(out, 'pass1');
    const body = stored!.result.pass1!;
    expect(body.presets).toEqual(['tiny-r1-zero']);
    expect(body.runs.map((r) => [r.preset, r.seed, r.specHash.length])).toEqual([
      ['tiny-r1-zero', 0, 64],
    ]);
    expect(body.rows.map((r) => r.stage)).toEqual(['base', 'rl']);
    expect(body.times.map((t) => t.stage)).toEqual(['base', 'rl', 'eval']);
    expect(pass1SeriesRows(stored!.result, 'x').length).toBe(3);
  }, 120_000);

  it('bench:stage-steps --quick times pretraining and GRPO steps through the real stages', () => {
    const out = runQuick('stage-steps.ts', 'r1lab-stage-steps-smoke-');
    const [stored] = listResults(out, 'stage-steps');
    const figures = stored!.result.figures;
    expect(figures.map((f) => f.name)).toEqual([
      'pretrain step 32x128',
      'pretrain 1000 steps (estimate)',
      'grpo step (r1-zero)',
      'grpo sampling',
      'grpo update',
    ]);
    for (const f of figures) expect(f.value).toBeGreaterThan(0);
    const [step, sample, update] = figures.slice(2).map((f) => f.value);
    // Every step's total includes its sampling and its update, so the medians keep that order.
    expect(sample).toBeLessThanOrEqual(step!);
    expect(update).toBeLessThanOrEqual(step!);
  }, 180_000);
});

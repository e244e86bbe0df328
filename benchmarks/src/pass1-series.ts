// pass@1 over versions: every `bench:pass1` result file becomes rows of one series per
// preset × task × seed × stage (strict pass@1, format, language consistency, wall time), keyed
// by commit and date. The same rows can go to a database table; the zod schema is the row.
import { z } from 'zod';
import { type BenchResult, type Figure, LegacyPass1Body, type Pass1Body } from './result-schema.ts';

export const Pass1SeriesRow = z.object({
  preset: z.string(),
  /** The task the run trained and evaluated on; `'unknown'` if the file does not say. */
  task: z.string(),
  seed: z.number().int().min(0),
  stage: z.string(),
  commit: z.string(),
  dirty: z.boolean().or(z.literal('unknown')),
  date: z.iso.datetime({ offset: true }),
  tag: z.string().nullable(),
  quick: z.boolean(),
  specHash: z.string().nullable(),
  /** Strict pass@1 (answer right and format kept) of the stage's checkpoint; null if not evaluated. */
  pass1: z.number().min(0).max(1).nullable(),
  format: z.number().min(0).max(1).nullable(),
  language: z.number().min(0).max(1).nullable(),
  problems: z.number().int().positive().nullable(),
  samplesPerProblem: z.number().int().positive().nullable(),
  /** The stage's wall time in this run; null if not timed, `cached` if the stage was reused. */
  wallSeconds: z.number().min(0).nullable(),
  cached: z.boolean().nullable(),
  /** The result file, relative to the results folder. */
  source: z.string(),
});
export type Pass1SeriesRow = z.infer<typeof Pass1SeriesRow>;

/**
 * The pass@1 body of a result, whether written by today's `bench:pass1` or recovered (then
 * `runs` is empty: those files did not keep the resolved spec).
 *
 * @example
 * const body = pass1Body(stored.result); // { presets, seeds, runs, rows, times, trajectories }
 */
export function pass1Body(result: BenchResult): Pass1Body {
  if (result.pass1) return result.pass1;
  if (result.legacy) return { ...LegacyPass1Body.parse(result.legacy), runs: [] };
  throw new Error(`a ${result.suite} result has no pass@1 rows`);
}

const metric = (row: Record<string, unknown> | undefined, key: string): number | null => {
  const v = row?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/**
 * The series rows of one pass@1 result: one per preset × seed × stage that was evaluated or
 * timed. `source` names the file, so a row can be traced back.
 *
 * @example
 * const rows = pass1SeriesRows(stored.result, 'pass1/2026-11-29-4c36e88.json');
 * rows.filter((r) => r.stage === 'rl').map((r) => r.pass1); // [0.93, 0.94, 0.92]
 */
export function pass1SeriesRows(result: BenchResult, source: string): Pass1SeriesRow[] {
  const body = pass1Body(result);
  const p = result.provenance;
  const recoveredTask = p.recovered?.pass1Task;
  const out: Pass1SeriesRow[] = [];
  for (const preset of body.presets) {
    for (const seed of body.seeds) {
      const run = body.runs.find((r) => r.preset === preset && r.seed === seed);
      const spec = run?.spec as { task?: { name?: string } } | undefined;
      const rows = body.rows.filter((r) => r.preset === preset && r.seed === seed);
      const times = body.times.filter((t) => t.preset === preset && t.seed === seed);
      const stages = [...new Set([...times.map((t) => t.stage), ...rows.map((r) => r.stage)])];
      for (const stage of stages) {
        const row = rows.find((r) => r.stage === stage);
        const time = times.find((t) => t.stage === stage);
        out.push(
          Pass1SeriesRow.parse({
            preset,
            task: spec?.task?.name ?? recoveredTask ?? 'unknown',
            seed,
            stage,
            commit: p.commit,
            dirty: p.dirty,
            date: p.date,
            tag: result.tag ?? null,
            quick: result.quick,
            specHash: run?.specHash ?? null,
            pass1: metric(row, 'pass1'),
            format: metric(row, 'format'),
            language: metric(row, 'language'),
            problems: metric(row, 'problems'),
            samplesPerProblem: metric(row, 'n'),
            wallSeconds: time?.seconds ?? null,
            cached: time?.cached ?? null,
            source,
          }),
        );
      }
    }
  }
  return out;
}

/**
 * Figures for `bench:compare`: per preset × seed × stage, strict pass@1, format and language with
 * a 95 % binomial interval over the test problems (samples of one problem are not independent,
 * so the problem count, not the sample count, sets the width), and the stage's wall time.
 *
 * @example
 * pass1Figures(body).find((f) => f.name === 'r1-zero seed 0 rl pass@1');
 */
export function pass1Figures(body: Omit<Pass1Body, 'runs'>): Figure[] {
  const out: Figure[] = [];
  for (const row of body.rows) {
    const label = `${row.preset} seed ${row.seed} ${row.stage}`;
    const problems = metric(row, 'problems');
    for (const [key, name] of [
      ['pass1', 'pass@1'],
      ['format', 'format'],
      ['language', 'language'],
    ] as const) {
      const v = metric(row, key);
      if (v === null || problems === null) continue;
      const half = 1.96 * Math.sqrt((v * (1 - v)) / problems);
      out.push({
        name: `${label} ${name}`,
        unit: 'fraction',
        better: 'higher',
        value: v,
        low: Math.max(0, v - half),
        high: Math.min(1, v + half),
        spread: 'binomial-95',
        n: problems,
      });
    }
  }
  for (const t of body.times) {
    if (t.cached) continue;
    out.push({
      name: `${t.preset} seed ${t.seed} ${t.stage} wall time`,
      unit: 's',
      better: 'lower',
      value: t.seconds,
      low: t.seconds,
      high: t.seconds,
      spread: 'none',
      n: 1,
    });
  }
  return out;
}

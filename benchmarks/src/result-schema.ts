// The benchmark result file: every suite writes one per run to
// `benchmarks/results/<suite>/<date>-<short sha>[-tag].json`, validated by this schema when it is
// written and by a test over every stored file. The schema is the documentation of the format.
import { z } from 'zod';

export const RESULT_SCHEMA = 'r1lab-bench-result/1';

/** Recorded or recovered provenance; `'unknown'` where a file written before this schema lacked it. */
const unknown = z.literal('unknown');

/** Load average (os.loadavg()); a file written before this schema may hold the 1-minute one only. */
export const LoadAverage = z.object({
  m1: z.number().min(0),
  m5: z.number().min(0).optional(),
  m15: z.number().min(0).optional(),
});

export const Machine = z.object({
  cpu: z.string().min(1).or(unknown),
  cores: z.number().int().positive().or(unknown),
  memoryBytes: z.number().int().positive().or(unknown),
  loadBefore: LoadAverage.or(unknown),
  loadAfter: LoadAverage.or(unknown),
});

/**
 * Where a figure was measured. Single-setting suites have one environment, named `default`; a
 * side-by-side suite has one per setting (`node-wasm`, `bun-wasm`, `pglite`, `postgres`, …).
 */
export const Environment = z.object({
  variant: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  runtime: z.enum(['node', 'bun']).or(unknown),
  runtimeVersion: z.string().min(1),
  /** tfjs backend (`wasm`, `cpu`), database driver (`pglite`, `postgres`), or `js` for neither. */
  backend: z.string().min(1),
  /** Compute threads of the backend; null where the notion does not apply. */
  threads: z.number().int().positive().nullable().or(unknown),
});

export const Provenance = z.object({
  /** ISO time the result was written (recovered files: the time their content names, else the commit's). */
  date: z.iso.datetime({ offset: true }),
  dateSource: z.enum(['recorded', 'file-content', 'commit']),
  /** Full SHA of HEAD when the suite ran; recovered files: the commit that added their bytes. */
  commit: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .or(unknown),
  commitSource: z.enum(['recorded', 'git-log']),
  /** Uncommitted changes to tracked files (benchmarks/results excluded) when the suite ran. */
  dirty: z.boolean().or(unknown),
  machine: Machine,
  environments: z.array(Environment).min(1),
  /** For recovered files: where the content came from and how the provenance was found. */
  recovered: z
    .object({
      originalPath: z.string(),
      method: z.string(),
      note: z.string().optional(),
      /** The task a recovered pass@1 file's runs used, where the code of its commit shows it. */
      pass1Task: z.string().optional(),
    })
    .optional(),
});

/**
 * One measured figure. `value` is the central figure (the median of the iterations, a mean over
 * seeds); `low`–`high` is its spread, of the kind `spread` names; `bench:compare` calls two
 * figures different only when their spreads do not overlap.
 */
export const Figure = z
  .object({
    name: z.string().min(1),
    variant: z.string().optional(),
    unit: z.string().min(1),
    better: z.enum(['lower', 'higher']),
    value: z.number(),
    low: z.number(),
    high: z.number(),
    spread: z.enum(['min-max', 'median-ci95', 'binomial-95', 'seeds-min-max', 'none']),
    n: z.number().int().positive(),
  })
  .refine((f) => f.low <= f.value && f.value <= f.high, {
    message: 'a figure lies inside its spread (low ≤ value ≤ high)',
  });

/** A figure of one variant divided by the same figure of the baseline variant, from one sitting. */
export const SideBySide = z.object({
  name: z.string().min(1),
  unit: z.string().min(1),
  baseline: z.string(),
  other: z.string(),
  /** other.value / baseline.value. */
  ratio: z.number().positive(),
  verdict: z.string().min(1),
});

/** One pipeline run of `bench:pass1`: its preset, seed and resolved spec with the spec's hash. */
export const Pass1Run = z.object({
  preset: z.string().min(1),
  seed: z.number().int().min(0),
  specHash: z.string().regex(/^[0-9a-f]{64}$/),
  spec: z.record(z.string(), z.unknown()),
});

/** The eval stage's row for one checkpoint (the CLI's end table): metric name → value. */
export const Pass1Row = z
  .object({ preset: z.string(), seed: z.number().int(), stage: z.string() })
  .catchall(z.union([z.number(), z.string(), z.null()]));

export const Pass1Time = z.object({
  preset: z.string(),
  seed: z.number().int(),
  stage: z.string(),
  seconds: z.number().min(0),
  cached: z.boolean(),
});

/** What `bench:pass1` measured: one row per preset × seed × evaluated checkpoint. */
export const Pass1Body = z.object({
  presets: z.array(z.string()).min(1),
  seeds: z.array(z.number().int().min(0)).min(1),
  runs: z.array(Pass1Run),
  rows: z.array(Pass1Row),
  times: z.array(Pass1Time),
  trajectories: z.array(z.record(z.string(), z.unknown())),
});

/** A pass@1 file written before this schema: the same rows and times, no resolved spec. */
export const LegacyPass1Body = Pass1Body.omit({ runs: true }).extend({
  date: z.string(),
  trajectories: z.array(z.record(z.string(), z.unknown())).default([]),
});

export const BenchResult = z
  .object({
    schema: z.literal(RESULT_SCHEMA),
    suite: z.string().regex(/^[a-z][a-z0-9-]*$/),
    tag: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.+-]*$/)
      .optional(),
    /** A smoke run (`--quick`): few iterations, figures not for tracking. */
    quick: z.boolean(),
    provenance: Provenance,
    figures: z.array(Figure),
    sideBySide: z.array(SideBySide).default([]),
    /** Suite-specific measurements that are not timings (corpus statistics, leaked tensors, …). */
    data: z.record(z.string(), z.unknown()).optional(),
    pass1: Pass1Body.optional(),
    /** A file written before this schema, kept unchanged: the figures are read from here. */
    legacy: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((r, ctx) => {
    const keys = r.figures.map(figureKey);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup)
      ctx.addIssue({ code: 'custom', path: ['figures'], message: `duplicate figure ${dup}` });
    const variants = new Set(r.provenance.environments.map((e) => e.variant));
    for (const f of r.figures) {
      if (f.variant && !variants.has(f.variant)) {
        ctx.addIssue({ code: 'custom', path: ['figures'], message: `no environment ${f.variant}` });
      }
    }
    if (r.suite === 'pass1' && !r.pass1 && !r.legacy) {
      ctx.addIssue({ code: 'custom', path: ['pass1'], message: 'a pass1 result has its rows' });
    }
    if (r.legacy && r.provenance.recovered === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['provenance'],
        message: 'legacy content is recovered',
      });
    }
  });

export type BenchResult = z.infer<typeof BenchResult>;
export type Figure = z.infer<typeof Figure>;
export type Environment = z.infer<typeof Environment>;
export type Provenance = z.infer<typeof Provenance>;
export type Pass1Body = z.infer<typeof Pass1Body>;
export type SideBySide = z.infer<typeof SideBySide>;

/**
 * The key two results' figures are matched by: the name, and the variant in brackets if any.
 *
 * @example
 * figureKey({ name: 'sample batch 64 x 64', variant: 'bun-wasm' }); // 'sample batch 64 x 64 [bun-wasm]'
 */
export function figureKey(f: { name: string; variant?: string | undefined }): string {
  return f.variant ? `${f.name} [${f.variant}]` : f.name;
}

import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * pass@1 over versions: one row per `bench:pass1` result × preset × seed × stage (the benchmarks'
 * `Pass1SeriesRow`), keyed by commit and date; `source` is the result file it came from.
 */
export const benchmarkResults = pgTable(
  'benchmark_results',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    suite: text('suite').notNull().default('pass1'),
    preset: text('preset').notNull(),
    task: text('task').notNull(),
    seed: integer('seed').notNull(),
    stage: text('stage').notNull(),
    commit: text('commit').notNull(),
    /** `true`, `false` or `unknown` (recovered files). */
    dirty: text('dirty').notNull(),
    date: timestamp('date', { withTimezone: true }).notNull(),
    tag: text('tag'),
    quick: boolean('quick').notNull(),
    specHash: text('spec_hash'),
    pass1: doublePrecision('pass1'),
    format: doublePrecision('format'),
    language: doublePrecision('language'),
    problems: integer('problems'),
    samplesPerProblem: integer('samples_per_problem'),
    wallSeconds: doublePrecision('wall_seconds'),
    cached: boolean('cached'),
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('benchmark_results_source_uq').on(t.source, t.preset, t.seed, t.stage),
    index('benchmark_results_series_idx').on(t.preset, t.task, t.seed, t.stage, t.date),
  ],
);

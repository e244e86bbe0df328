import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { checkpoints } from './checkpoints.ts';
import { runs, stages } from './runs.ts';

/** pass@1 and friends for one checkpoint on one benchmark: the numbers the project exists to move. */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    runId: uuid('run_id').references(() => runs.id, { onDelete: 'cascade' }),
    /** The eval stage that produced it (null for ad-hoc `r1lab eval`). */
    stageId: uuid('stage_id').references(() => stages.id, { onDelete: 'cascade' }),
    checkpointId: uuid('checkpoint_id').references(() => checkpoints.id, { onDelete: 'cascade' }),
    benchmark: text('benchmark').notNull(),
    n: integer('n').notNull(),
    k: integer('k').notNull(),
    temperature: doublePrecision('temperature').notNull(),
    problems: integer('problems').notNull(),
    pass1: doublePrecision('pass1').notNull(),
    passAtK: doublePrecision('pass_at_k'),
    consAtK: doublePrecision('cons_at_k'),
    greedyPass1: doublePrecision('greedy_pass1'),
    answerAnywhere: doublePrecision('answer_anywhere'),
    formatRate: doublePrecision('format_rate'),
    languageConsistency: doublePrecision('language_consistency'),
    mixedLanguageRate: doublePrecision('mixed_language_rate'),
    meanLength: doublePrecision('mean_length'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('evaluations_checkpoint_idx').on(t.checkpointId),
    index('evaluations_run_idx').on(t.runId),
  ],
);

import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { datasetKind } from './enums.ts';
import { runs, stages } from './runs.ts';

/** A dataset produced by rejection sampling, generated from a task, or imported. */
export const datasets = pgTable(
  'datasets',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    runId: uuid('run_id').references(() => runs.id, { onDelete: 'cascade' }),
    stageId: uuid('stage_id').references(() => stages.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: datasetKind('kind').notNull(),
    uri: text('uri').notNull(),
    sha256: text('sha256'),
    rowCount: integer('row_count').notNull(),
    /** e.g. kept / sampled per filter for rejection sampling. */
    stats: jsonb('stats').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('datasets_run_idx').on(t.runId)],
);

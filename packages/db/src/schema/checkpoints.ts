import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { runs, stages } from './runs.ts';

/** Saved weights of a stage at a step; `parentId` is the checkpoint it started from (lineage). */
export const checkpoints = pgTable(
  'checkpoints',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id, { onDelete: 'cascade' }),
    step: integer('step').notNull(),
    uri: text('uri').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => checkpoints.id, {
      onDelete: 'set null',
    }),
    /** Every file of the checkpoint with its size and sha256 (the committed manifest). */
    files: jsonb('files').$type<Record<string, { sha256: string; size: number }>>(),
    /** Metrics at save time, for quick listing without joining metrics. */
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('checkpoints_stage_step_uq').on(t.stageId, t.step),
    index('checkpoints_parent_idx').on(t.parentId),
  ],
);

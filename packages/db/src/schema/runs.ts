import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { runStatus, stageKind } from './enums.ts';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** One pipeline execution: the spec it ran (jsonb) and where it stands. */
export const runs = pgTable(
  'runs',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    preset: text('preset'),
    spec: jsonb('spec').$type<Record<string, unknown>>().notNull(),
    specHash: text('spec_hash').notNull(),
    seed: integer('seed').notNull().default(0),
    status: runStatus('status').notNull().default('pending'),
    /** How to run it, outside the spec (e.g. `useShippedBase`, job requirements). */
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('runs_status_created_idx').on(t.status, t.createdAt)],
);

/** A step of a run (pretrain, sft, grpo, …); `fromStageId` is the stage whose output it reads. */
export const stages = pgTable(
  'stages',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: stageKind('kind').notNull(),
    position: integer('position').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    fromStageId: uuid('from_stage_id').references((): AnyPgColumn => stages.id, {
      onDelete: 'set null',
    }),
    /** Hash of everything the stage's output depends on: equal keys may reuse a cached output. */
    cacheKey: text('cache_key'),
    status: runStatus('status').notNull().default('pending'),
    /** Stage summary (e.g. final metrics, dataset statistics). */
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('stages_run_name_uq').on(t.runId, t.name),
    index('stages_run_position_idx').on(t.runId, t.position),
    index('stages_cache_key_idx').on(t.cacheKey),
  ],
);

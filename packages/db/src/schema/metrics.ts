import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { stages } from './runs.ts';

/** Scalar time series: one row per (stage, step, key). Queried by stage + key + step for charts. */
export const metrics = pgTable(
  'metrics',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id, { onDelete: 'cascade' }),
    step: integer('step').notNull(),
    key: text('key').notNull(),
    value: doublePrecision('value').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Unique, so a replayed step (a resumed attempt) upserts instead of adding a second row.
  (t) => [uniqueIndex('metrics_stage_key_step_uq').on(t.stageId, t.key, t.step)],
);

/** Completions logged during training: prompt, completion, per-reward scores, advantage. */
export const samples = pgTable(
  'samples',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id, { onDelete: 'cascade' }),
    step: integer('step').notNull(),
    /** Position of the sample within its step's batch: (stage, step, idx) identifies it. */
    idx: integer('idx').notNull().default(0),
    /** `train` (a GRPO batch) or `held-out` (the stage's fixed held-out prompts, followed across steps). */
    kind: text('kind').notNull().default('train'),
    prompt: text('prompt').notNull(),
    completion: text('completion').notNull(),
    answer: text('answer'),
    rewards: jsonb('rewards').$type<Record<string, number>>().notNull().default({}),
    reward: doublePrecision('reward'),
    advantage: doublePrecision('advantage'),
    /** Whether the answer was right, the format held, the chain mixed languages (for filters). */
    correct: boolean('correct'),
    formatOk: boolean('format_ok'),
    mixedLanguage: boolean('mixed_language'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('samples_stage_step_idx_uq').on(t.stageId, t.step, t.idx),
    index('samples_stage_prompt_idx').on(t.stageId, t.prompt),
  ],
);

/**
 * Per-block aggregates of `metrics` (a block is 256 consecutive steps of one key), kept exact by the
 * writer: a chart of a 1 M-point series reads ~4,000 block rows instead of every point.
 */
export const metricBlocks = pgTable(
  'metric_blocks',
  {
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    block: integer('block').notNull(),
    count: integer('count').notNull(),
    sum: doublePrecision('sum').notNull(),
    min: doublePrecision('min').notNull(),
    max: doublePrecision('max').notNull(),
    firstStep: integer('first_step').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stageId, t.key, t.block] })],
);

/** Steps per row of `metric_blocks`. */
export const METRIC_BLOCK = 256;

import {
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
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
  (t) => [index('metrics_stage_key_step_idx').on(t.stageId, t.key, t.step)],
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
    prompt: text('prompt').notNull(),
    completion: text('completion').notNull(),
    answer: text('answer'),
    rewards: jsonb('rewards').$type<Record<string, number>>().notNull().default({}),
    reward: doublePrecision('reward'),
    advantage: doublePrecision('advantage'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('samples_stage_step_idx').on(t.stageId, t.step)],
);

import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { jobStatus, workerStatus } from './enums.ts';
import { runs, stages } from './runs.ts';

/** A process that runs stages: the CLI in-process, or a remote GPU worker. */
export const workers = pgTable('workers', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  hostname: text('hostname'),
  backend: text('backend'),
  capabilities: jsonb('capabilities').$type<Record<string, unknown>>().notNull().default({}),
  status: workerStatus('status').notNull().default('idle'),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One attempt at running a stage. Claimed with FOR UPDATE SKIP LOCKED; the lease is extended by heartbeats. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id, { onDelete: 'cascade' }),
    status: jobStatus('status').notNull().default('pending'),
    attempt: integer('attempt').notNull().default(1),
    maxAttempts: integer('max_attempts').notNull().default(3),
    workerId: uuid('worker_id').references(() => workers.id, { onDelete: 'set null' }),
    /** Fencing token of the current claim: every call for the job must present it. */
    claimToken: uuid('claim_token'),
    /** What a worker needs to claim it (backend, memory). */
    requirements: jsonb('requirements').$type<Record<string, unknown>>().notNull().default({}),
    /** The job may not be claimed before this time (retry back-off). */
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    progressDone: real('progress_done').notNull().default(0),
    progressTotal: real('progress_total'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs_status_run_after_idx').on(t.status, t.runAfter),
    index('jobs_stage_idx').on(t.stageId),
    index('jobs_lease_idx').on(t.status, t.leaseExpiresAt),
    // At most one open job per stage, so scheduling the same stage twice is a no-op.
    uniqueIndex('jobs_open_stage_uq')
      .on(t.stageId)
      .where(sql`status in ('pending', 'claimed', 'running')`),
  ],
);

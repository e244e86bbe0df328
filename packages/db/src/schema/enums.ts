import { pgEnum } from 'drizzle-orm/pg-core';

/** Lifecycle of a run and of each of its stages. */
export const runStatus = pgEnum('run_status', [
  'pending',
  'running',
  'succeeded',
  'failed',
  'cancelled',
]);

/** The stage kinds of the R1 recipe (DESIGN.md). */
export const stageKind = pgEnum('stage_kind', [
  'pretrain',
  'sft',
  'grpo',
  'rejection-sampling',
  'eval',
]);

/** Job lifecycle: pending → claimed (lease) → running (heartbeats) → succeeded | failed | cancelled. */
export const jobStatus = pgEnum('job_status', [
  'pending',
  'claimed',
  'running',
  'succeeded',
  'failed',
  'cancelled',
]);

export const workerStatus = pgEnum('worker_status', ['idle', 'busy', 'offline']);

export const tokenRole = pgEnum('token_role', ['admin', 'worker', 'viewer']);

export const datasetKind = pgEnum('dataset_kind', ['rejection-sampling', 'imported', 'generated']);

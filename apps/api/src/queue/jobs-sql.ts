// The job queue's SQL, in one module: claim, heartbeat, release, retry-or-fail, sweep. Every
// transition that a worker triggers checks the claim token (fencing): a worker whose lease was lost
// and whose job was claimed again cannot write anything for it.
import { type Db, jobs } from '@r1lab/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { ProblemError } from '../problem.ts';
import { rowsOf } from '../queries.ts';
import type { ResolvedQueueOptions } from './options.ts';

export type JobRow = typeof jobs.$inferSelect;

export interface Capabilities {
  backend?: string | undefined;
  memoryBytes?: number | undefined;
}

const OPEN = ['claimed', 'running'] as const;

/**
 * Claims the oldest claimable job that matches the worker's capabilities, in one statement. The
 * LIMIT sits inside the CTE with FOR UPDATE SKIP LOCKED, so concurrent claimers skip each other's
 * rows and the planner cannot turn the subquery into a join that updates more rows than it locked.
 */
export async function claimJob(
  db: Db,
  workerId: string,
  caps: Capabilities,
  q: ResolvedQueueOptions,
): Promise<JobRow | null> {
  const backend = caps.backend ?? null;
  const memory = caps.memoryBytes ?? Number.MAX_SAFE_INTEGER;
  const result = await db.execute(sql`
    with next as (
      select id from jobs
      where status = 'pending' and run_after <= now()
        and (requirements->>'backend' is null or requirements->>'backend' = ${backend})
        and coalesce((requirements->>'memoryBytes')::bigint, 0) <= ${memory}
      order by run_after, created_at, id
      limit 1
      for update skip locked
    )
    update jobs set
      status = 'claimed',
      worker_id = ${workerId},
      claim_token = gen_random_uuid(),
      lease_expires_at = now() + make_interval(secs => ${q.leaseSeconds}),
      heartbeat_at = now(),
      started_at = coalesce(jobs.started_at, now()),
      error = null
    from next
    where jobs.id = next.id
    returning jobs.id`);
  const id = rowsOf<{ id: string }>(result)[0]?.id;
  if (!id) return null;
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row ?? null;
}

/** The job, if `token` is its current claim; otherwise 409 (stale or unknown claim) or 404. */
export async function fencedJob(db: Db, jobId: string, token: string): Promise<JobRow> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!row) throw new ProblemError(404, `no job ${jobId}`);
  if (row.claimToken !== token || !(OPEN as readonly string[]).includes(row.status)) {
    throw new ProblemError(
      409,
      `job ${jobId}: claim token is not the current claim (the job is ${row.status}, attempt ${row.attempt}); nothing was written`,
      { errors: [{ path: 'x-claim-token', message: 'stale or unknown claim', in: 'header' }] },
    );
  }
  return row;
}

/** Extends the lease and records progress; returns the new expiry, or null when the claim is stale. */
export async function heartbeat(
  db: Db,
  jobId: string,
  token: string,
  progress: { done?: number | undefined; total?: number | undefined },
  q: ResolvedQueueOptions,
): Promise<Date | null> {
  const [row] = await db
    .update(jobs)
    .set({
      status: 'running',
      heartbeatAt: sql`now()`,
      leaseExpiresAt: sql`now() + make_interval(secs => ${q.leaseSeconds})`,
      ...(progress.done !== undefined ? { progressDone: progress.done } : {}),
      ...(progress.total !== undefined ? { progressTotal: progress.total } : {}),
    })
    .where(and(eq(jobs.id, jobId), eq(jobs.claimToken, token), inArray(jobs.status, [...OPEN])))
    .returning({ leaseExpiresAt: jobs.leaseExpiresAt });
  return row?.leaseExpiresAt ?? null;
}

/** Ends a claim: `succeeded`, `cancelled`, or back to `pending` (a shutdown: no attempt burnt). */
export async function finishClaim(
  db: Db,
  jobId: string,
  token: string,
  status: 'succeeded' | 'cancelled' | 'pending',
): Promise<JobRow | null> {
  const done = status !== 'pending';
  const [row] = await db
    .update(jobs)
    .set({
      status,
      claimToken: null,
      leaseExpiresAt: null,
      ...(done ? { finishedAt: sql`now()` } : { workerId: null, runAfter: sql`now()` }),
    })
    .where(and(eq(jobs.id, jobId), eq(jobs.claimToken, token), inArray(jobs.status, [...OPEN])))
    .returning();
  return row ?? null;
}

/**
 * A failed attempt: back to pending with attempt + 1 after an exponential back-off with jitter, or
 * `failed` once `maxAttempts` is reached or the error is not retryable. `token` null is the
 * sweeper's call for an expired lease.
 */
export async function retryOrFail(
  db: Db,
  where: { jobId: string; token: string } | { expiredBefore: 'now' },
  error: string,
  retryable: boolean,
  q: ResolvedQueueOptions,
): Promise<Array<Pick<JobRow, 'id' | 'runId' | 'stageId' | 'status' | 'attempt' | 'error'>>> {
  const filter =
    'jobId' in where
      ? sql`id = ${where.jobId} and claim_token = ${where.token}`
      : sql`lease_expires_at < now()`;
  const terminal = retryable ? sql`attempt >= max_attempts` : sql`true`;
  const result = await db.execute(sql`
    update jobs set
      status = (case when ${terminal} then 'failed' else 'pending' end)::job_status,
      attempt = case when ${terminal} then attempt else attempt + 1 end,
      run_after = now() + make_interval(secs => least(
        ${q.backoffBaseSeconds}::float8 * power(2, attempt - 1), ${q.backoffMaxSeconds}::float8
      ) * (0.5 + random() / 2)),
      finished_at = case when ${terminal} then now() else null end,
      worker_id = case when ${terminal} then worker_id else null end,
      claim_token = null,
      lease_expires_at = null,
      error = ${error}
    where status in ('claimed', 'running') and ${filter}
    returning id, run_id as "runId", stage_id as "stageId", status, attempt, error`);
  return rowsOf(result);
}

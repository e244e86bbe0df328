// The job lifecycle the worker protocol drives: claim → heartbeats → complete | fail | release,
// and the sweeper that takes back expired leases. Each transition also moves the stage and the run,
// so the record (and the live event stream) always says where a run stands.
import { jobs, runs, stages, workers } from '@r1lab/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ApiDeps } from '../context.ts';
import {
  type Capabilities,
  claimJob,
  finishClaim,
  type JobRow,
  retryOrFail,
  heartbeat as sqlHeartbeat,
} from './jobs-sql.ts';
import { type QueueOptions, queueOptions, type ResolvedQueueOptions } from './options.ts';
import { Scheduler } from './scheduler.ts';

export class JobQueue {
  readonly options: ResolvedQueueOptions;
  readonly scheduler: Scheduler;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly d: ApiDeps,
    o: QueueOptions & { shippedBasesDir?: string } = {},
  ) {
    this.options = queueOptions(o);
    this.scheduler = new Scheduler(d, this.options, o.shippedBasesDir);
  }

  async claim(workerId: string, caps: Capabilities): Promise<JobRow | null> {
    await this.touchWorker(workerId, 'idle');
    const job = await claimJob(this.d.db, workerId, caps, this.options);
    if (!job) return null;
    await this.d.records.setStageStatus(job.stageId, 'running');
    const [run] = await this.d.db
      .select({ status: runs.status })
      .from(runs)
      .where(eq(runs.id, job.runId));
    if (run?.status === 'pending') await this.d.records.setRunStatus(job.runId, 'running');
    await this.touchWorker(workerId, 'busy');
    return job;
  }

  /** Extends the lease; `cancel` is true once the run or the stage was cancelled. */
  async heartbeat(
    job: JobRow,
    token: string,
    progress: { done?: number; total?: number; info?: Record<string, number> },
  ): Promise<{ leaseExpiresAt: Date | null; cancel: boolean }> {
    const leaseExpiresAt = await sqlHeartbeat(this.d.db, job.id, token, progress, this.options);
    if (job.workerId) await this.touchWorker(job.workerId, 'busy');
    const [stage] = await this.d.db
      .select({ name: stages.name, status: stages.status, runStatus: runs.status })
      .from(stages)
      .innerJoin(runs, eq(runs.id, stages.runId))
      .where(eq(stages.id, job.stageId));
    if (progress.done !== undefined && stage) {
      await this.d.records.event(job.runId, 'progress', {
        stageId: job.stageId,
        stage: stage.name,
        done: progress.done,
        total: progress.total ?? null,
        ...(progress.info ? { info: progress.info } : {}),
      });
    }
    const cancel = stage?.status === 'cancelled' || stage?.runStatus === 'cancelled';
    return { leaseExpiresAt, cancel };
  }

  async complete(job: JobRow, token: string, result: Record<string, unknown>): Promise<void> {
    const [stage] = await this.d.db.select().from(stages).where(eq(stages.id, job.stageId));
    const cancelled = stage?.status === 'cancelled';
    await finishClaim(this.d.db, job.id, token, cancelled ? 'cancelled' : 'succeeded');
    if (job.workerId) await this.touchWorker(job.workerId, 'idle');
    if (cancelled) return;
    await this.d.records.setStageStatus(job.stageId, 'succeeded', { result });
    await this.scheduler.scheduleRun(job.runId);
  }

  /** A failed attempt: retried later (attempt + 1) or, at the last attempt, the stage fails. */
  async fail(
    job: JobRow,
    token: string,
    error: string,
    retryable: boolean,
  ): Promise<{ status: string; attempt: number }> {
    const [row] = await retryOrFail(
      this.d.db,
      { jobId: job.id, token },
      error,
      retryable,
      this.options,
    );
    if (job.workerId) await this.touchWorker(job.workerId, 'idle');
    if (row) await this.settle([row]);
    return { status: row?.status ?? job.status, attempt: row?.attempt ?? job.attempt };
  }

  /** The worker gives the job back: on shutdown it goes back to pending with the same attempt. */
  async release(job: JobRow, token: string, reason: 'shutdown' | 'cancel'): Promise<void> {
    await finishClaim(this.d.db, job.id, token, reason === 'shutdown' ? 'pending' : 'cancelled');
    if (job.workerId) await this.touchWorker(job.workerId, 'idle');
    if (reason === 'shutdown') {
      const [stage] = await this.d.db
        .select({ status: stages.status })
        .from(stages)
        .where(eq(stages.id, job.stageId));
      if (stage?.status === 'running') await this.d.records.setStageStatus(job.stageId, 'pending');
    }
  }

  /** Takes back expired leases (retry with back-off, or fail), then schedules every open run. */
  async sweep(): Promise<number> {
    const expired = await retryOrFail(
      this.d.db,
      { expiredBefore: 'now' },
      'lease expired: no heartbeat from the worker',
      true,
      this.options,
    );
    await this.settle(expired);
    await this.d.db
      .update(workers)
      .set({ status: 'offline' })
      .where(
        and(
          inArray(workers.status, ['idle', 'busy']),
          sql`${workers.lastSeenAt} < now() - make_interval(secs => ${this.options.leaseSeconds})`,
        ),
      );
    await this.scheduler.scheduleAll();
    return expired.length;
  }

  /** Starts sweeping every `sweepEveryMs` (the entry files call this; tests call `sweep`). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sweep().catch(() => {});
    }, this.options.sweepEveryMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Moves stages of jobs that just failed or went back to pending; a cancelled run's stay cancelled. */
  private async settle(rows: Array<Pick<JobRow, 'id' | 'runId' | 'stageId' | 'status' | 'error'>>) {
    for (const r of rows) {
      const [run] = await this.d.db
        .select({ status: runs.status })
        .from(runs)
        .where(eq(runs.id, r.runId));
      if (run?.status === 'cancelled') {
        await this.d.db
          .update(jobs)
          .set({ status: 'cancelled', finishedAt: sql`now()` })
          .where(eq(jobs.id, r.id));
        continue;
      }
      if (r.status === 'failed') {
        await this.d.records.setStageStatus(r.stageId, 'failed', { error: r.error });
        await this.scheduler.scheduleRun(r.runId);
      } else {
        await this.d.records.setStageStatus(r.stageId, 'pending');
      }
    }
  }

  private async touchWorker(id: string, status: 'idle' | 'busy'): Promise<void> {
    await this.d.db
      .update(workers)
      .set({ lastSeenAt: sql`now()`, status })
      .where(eq(workers.id, id));
  }
}

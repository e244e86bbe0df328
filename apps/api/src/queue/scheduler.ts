// The one orchestrator: decides which stages of a run get a job, using the pipeline's own
// dependency rule (`readyStages`). It runs after a run is created, after a stage succeeds, after a
// retry, and on every sweep, so a crash between two writes only delays scheduling by a sweep.
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { checkpoints, jobs, runs, stages } from '@r1lab/db';
import {
  findShippedBase,
  type PipelineSpec,
  readyStages,
  type StageState,
} from '@r1lab/pipeline/spec';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { blobKey, commitCheckpoint, type Manifest } from '../artifacts/commit.ts';
import type { ApiDeps } from '../context.ts';
import type { ResolvedQueueOptions } from './options.ts';

export interface RunOptions {
  /** Use a shipped base model (models/) whose key matches a pretrain stage. Default true. */
  useShippedBase?: boolean;
  /** What a worker needs to claim this run's jobs. */
  requirements?: { backend?: string; memoryBytes?: number };
}

type StageRow = typeof stages.$inferSelect;

export class Scheduler {
  constructor(
    private readonly d: ApiDeps,
    private readonly q: ResolvedQueueOptions,
    private readonly shippedBasesDir?: string,
  ) {}

  /** Creates the jobs of every ready stage (and completes cached pretraining); settles the run. */
  async scheduleRun(runId: string): Promise<void> {
    const [run] = await this.d.db.select().from(runs).where(eq(runs.id, runId));
    if (!run || ['succeeded', 'failed', 'cancelled'].includes(run.status)) return;
    const spec = run.spec as unknown as PipelineSpec;
    const options = run.options as RunOptions;
    for (;;) {
      const rows = await this.d.db.select().from(stages).where(eq(stages.runId, runId));
      const byName = new Map(rows.map((s) => [s.name, s]));
      if (rows.every((s) => s.status === 'succeeded')) {
        await this.d.records.setRunStatus(runId, 'succeeded');
        return;
      }
      if (rows.some((s) => s.status === 'failed')) {
        const failed = rows.find((s) => s.status === 'failed')!;
        await this.d.records.setRunStatus(
          runId,
          'failed',
          `stage "${failed.name}" failed: ${failed.error ?? 'unknown error'}`,
        );
        return;
      }
      const ready = readyStages(spec, (n) => (byName.get(n)?.status ?? 'pending') as StageState);
      let shortcut = false;
      for (const stage of ready) {
        const row = byName.get(stage.name)!;
        if (stage.kind === 'pretrain' && (await this.completeFromCache(row, options))) {
          shortcut = true;
          continue;
        }
        await this.d.db.execute(sql`
          insert into jobs (run_id, stage_id, max_attempts, requirements)
          values (${runId}, ${row.id}, ${this.q.maxAttempts}, ${JSON.stringify(options.requirements ?? {})}::jsonb)
          on conflict (stage_id) where status in ('pending', 'claimed', 'running') do nothing`);
      }
      // A cached stage may have made its dependents ready: look again.
      if (!shortcut) return;
    }
  }

  /** Every run that is not finished (after a restart, and on each sweep). */
  async scheduleAll(): Promise<void> {
    const open = await this.d.db
      .select({ id: runs.id })
      .from(runs)
      .where(inArray(runs.status, ['pending', 'running']));
    for (const r of open) await this.scheduleRun(r.id);
  }

  /**
   * A pretrain stage whose cache key already has a checkpoint (another run's, or a shipped base)
   * succeeds without a job: its files are linked, not recomputed.
   */
  private async completeFromCache(stage: StageRow, options: RunOptions): Promise<boolean> {
    if (!stage.cacheKey) return false;
    const config = stage.config as { steps?: number };
    const [cached] = await this.d.db
      .select({ c: checkpoints, stageName: stages.name })
      .from(checkpoints)
      .innerJoin(stages, eq(stages.id, checkpoints.stageId))
      .where(
        and(
          eq(stages.cacheKey, stage.cacheKey),
          eq(stages.status, 'succeeded'),
          ne(stages.id, stage.id),
          sql`${checkpoints.files} is not null`,
        ),
      )
      .orderBy(desc(checkpoints.step))
      .limit(1);
    if (cached?.c.files) {
      await this.adopt(stage, cached.c.step, cached.c.files, {
        cached: true,
        cacheKey: stage.cacheKey,
        fromCheckpoint: cached.c.id,
        steps: config.steps ?? cached.c.step,
      });
      return true;
    }
    if (options.useShippedBase === false) return false;
    const shipped = findShippedBase(stage.cacheKey, this.shippedBasesDir);
    if (!shipped) return false;
    for (const [name, f] of Object.entries(shipped.manifest.files)) {
      if (await this.d.artifacts.stat(blobKey(f.sha256))) continue;
      const blob = await openAsBlob(join(shipped.dir, name));
      await this.d.artifacts.put(blobKey(f.sha256), blob.stream(), { sha256: f.sha256 });
    }
    await this.adopt(stage, shipped.manifest.step, shipped.manifest.files, {
      shipped: true,
      source: shipped.dir,
      cacheKey: stage.cacheKey,
      steps: shipped.manifest.step,
    });
    return true;
  }

  private async adopt(
    stage: StageRow,
    step: number,
    files: Manifest,
    summary: Record<string, unknown>,
  ): Promise<void> {
    await this.d.records.setStageStatus(stage.id, 'running');
    await commitCheckpoint(this.d, {
      runId: stage.runId,
      stageId: stage.id,
      stageName: stage.name,
      step,
      files,
      summary,
    });
    await this.d.records.setStageStatus(stage.id, 'succeeded', {
      result: { ...summary, seconds: 0 },
    });
  }

  /** Cancels the jobs of a cancelled run that no worker holds (held ones see it at a heartbeat). */
  async cancelPending(runId: string): Promise<void> {
    await this.d.db
      .update(jobs)
      .set({ status: 'cancelled', finishedAt: sql`now()` })
      .where(and(eq(jobs.runId, runId), eq(jobs.status, 'pending')));
  }
}

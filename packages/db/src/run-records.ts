// The run record's row mapping, in one place: every writer (the CLI's local run, the API, the
// worker protocol) goes through these functions, keyed by row ids. Each write also appends a
// `run_events` row, so a live view (SSE) and a reconnecting client see the same ordered history.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './create-db.ts';
import { refreshMetricBlocks } from './metric-blocks.ts';
import {
  checkpoints,
  datasets,
  evaluations,
  metrics,
  runEvents,
  runs,
  samples,
  stages,
} from './schema/index.ts';

export type RunStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type StageKindName = 'pretrain' | 'sft' | 'grpo' | 'rejection-sampling' | 'eval';

export interface NewRun {
  name: string;
  preset?: string | null;
  spec: Record<string, unknown>;
  specHash: string;
  seed: number;
  status?: RunStatus;
  /** How to run it, outside the spec (`useShippedBase`, job `requirements`). */
  options?: Record<string, unknown>;
}

export interface NewStage {
  name: string;
  kind: StageKindName;
  position: number;
  config: Record<string, unknown>;
  /** Name of the stage this one reads its starting checkpoint from. */
  from?: string | undefined;
  cacheKey?: string | null;
}

export interface MetricPoint {
  step: number;
  key: string;
  value: number;
}

export interface SampleRow {
  step: number;
  idx: number;
  kind?: 'train' | 'held-out';
  prompt: string;
  completion: string;
  answer?: string | null;
  rewards: Record<string, number>;
  reward?: number | null;
  advantage?: number | null;
  correct?: boolean | null;
  formatOk?: boolean | null;
  mixedLanguage?: boolean | null;
}

export interface NewCheckpoint {
  stageId: string;
  step: number;
  uri: string;
  sha256: string;
  sizeBytes?: number | null;
  parentId?: string | null;
  summary?: Record<string, unknown> | null;
  /** The manifest: every file with its sha256 and size. */
  files?: Record<string, { sha256: string; size: number }> | null;
}

export interface NewDataset {
  stageId: string;
  name: string;
  kind: 'rejection-sampling' | 'imported' | 'generated';
  uri: string;
  sha256?: string | null;
  rowCount: number;
  stats: Record<string, unknown>;
}

export type NewEvaluation = Omit<typeof evaluations.$inferInsert, 'id' | 'runId' | 'createdAt'>;

/** Metric batches larger than this are announced by their range only; clients fetch the points. */
const EVENT_POINTS_LIMIT = 2_000;

/**
 * Writes runs, stages and their record, and tells `notify` which run changed (the API's live bus).
 *
 * @example
 * const records = new RunRecords(db);
 * const runId = await records.createRun({ name: 'r1-zero', spec, specHash, seed: 0 }, stagesOf(spec));
 */
export class RunRecords {
  constructor(
    readonly db: Db,
    private readonly notify: (runId: string) => void = () => {},
  ) {}

  /** Inserts a run and its stages (with `from` resolved to ids) in one transaction; returns the run id. */
  async createRun(
    run: NewRun,
    stageList: NewStage[],
  ): Promise<{ runId: string; stageIds: Map<string, string> }> {
    const stageIds = new Map<string, string>();
    const runId = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(runs)
        .values({
          name: run.name,
          preset: run.preset ?? null,
          spec: run.spec,
          specHash: run.specHash,
          seed: run.seed,
          status: run.status ?? 'pending',
          options: run.options ?? {},
          startedAt: run.status === 'running' ? new Date() : null,
        })
        .returning({ id: runs.id });
      for (const s of stageList) {
        const [st] = await tx
          .insert(stages)
          .values({
            runId: row!.id,
            name: s.name,
            kind: s.kind,
            position: s.position,
            config: s.config,
            fromStageId: s.from ? (stageIds.get(s.from) ?? null) : null,
            cacheKey: s.cacheKey ?? null,
            status: 'pending',
          })
          .returning({ id: stages.id });
        stageIds.set(s.name, st!.id);
      }
      await tx.insert(runEvents).values({
        runId: row!.id,
        type: 'run',
        data: { status: run.status ?? 'pending' },
      });
      return row!.id;
    });
    this.notify(runId);
    return { runId, stageIds };
  }

  async setRunStatus(runId: string, status: RunStatus, error?: string | null): Promise<void> {
    const now = new Date();
    const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    await this.db
      .update(runs)
      .set({
        status,
        error: error ?? null,
        updatedAt: now,
        ...(status === 'running' ? { startedAt: sql`coalesce(${runs.startedAt}, now())` } : {}),
        ...(finished ? { finishedAt: now } : {}),
      })
      .where(eq(runs.id, runId));
    await this.event(runId, 'run', { status, ...(error ? { error: firstLine(error) } : {}) });
  }

  async setStageStatus(
    stageId: string,
    status: RunStatus,
    info: { result?: Record<string, unknown> | null; error?: string | null } = {},
  ): Promise<void> {
    const now = new Date();
    const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    const [row] = await this.db
      .update(stages)
      .set({
        status,
        updatedAt: now,
        ...(status === 'running' ? { startedAt: now, finishedAt: null, error: null } : {}),
        ...(finished ? { finishedAt: now } : {}),
        ...(info.result !== undefined ? { result: info.result } : {}),
        ...(info.error !== undefined ? { error: info.error } : {}),
      })
      .where(eq(stages.id, stageId))
      .returning({ runId: stages.runId, name: stages.name });
    if (!row) throw new Error(`RunRecords: no stage ${stageId}`);
    await this.event(row.runId, 'stage', {
      stageId,
      stage: row.name,
      status,
      ...(info.error ? { error: firstLine(info.error) } : {}),
    });
  }

  /** Upserts metric points: a replayed (stage, key, step) replaces its value instead of adding a row. */
  async writeMetrics(stageId: string, points: MetricPoint[]): Promise<number> {
    // One row per (key, step): within a batch too, the last value wins (an upsert cannot touch a row twice).
    const latest = new Map<string, MetricPoint>();
    for (const p of points) if (Number.isFinite(p.value)) latest.set(`${p.key}\u0000${p.step}`, p);
    const finite = [...latest.values()];
    if (finite.length === 0) return 0;
    for (let i = 0; i < finite.length; i += 5_000) {
      await this.db
        .insert(metrics)
        .values(finite.slice(i, i + 5_000).map((p) => ({ stageId, ...p })))
        .onConflictDoUpdate({
          target: [metrics.stageId, metrics.key, metrics.step],
          set: { value: sql`excluded.value` },
        });
    }
    let fromStep = Infinity;
    let toStep = -Infinity;
    for (const p of finite) {
      fromStep = Math.min(fromStep, p.step);
      toStep = Math.max(toStep, p.step);
    }
    const keys = [...new Set(finite.map((p) => p.key))];
    await refreshMetricBlocks(this.db, stageId, keys, fromStep, toStep);
    const runId = await this.runOf(stageId);
    await this.event(
      runId,
      'metrics',
      finite.length <= EVENT_POINTS_LIMIT
        ? { stageId, points: finite.map((p) => [p.step, p.key, p.value]) }
        : {
            stageId,
            fromStep,
            toStep,
            keys,
            count: finite.length,
          },
    );
    return finite.length;
  }

  /** Upserts samples on (stage, step, idx). */
  async writeSamples(stageId: string, rows: SampleRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insert(samples)
      .values(
        rows.map((s) => ({
          stageId,
          step: s.step,
          idx: s.idx,
          kind: s.kind ?? 'train',
          prompt: s.prompt,
          completion: s.completion,
          answer: s.answer ?? null,
          rewards: s.rewards,
          reward: s.reward ?? null,
          advantage: s.advantage ?? null,
          correct: s.correct ?? null,
          formatOk: s.formatOk ?? null,
          mixedLanguage: s.mixedLanguage ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [samples.stageId, samples.step, samples.idx],
        set: {
          kind: sql`excluded.kind`,
          prompt: sql`excluded.prompt`,
          completion: sql`excluded.completion`,
          answer: sql`excluded.answer`,
          rewards: sql`excluded.rewards`,
          reward: sql`excluded.reward`,
          advantage: sql`excluded.advantage`,
          correct: sql`excluded.correct`,
          formatOk: sql`excluded.format_ok`,
          mixedLanguage: sql`excluded.mixed_language`,
        },
      });
    await this.event(await this.runOf(stageId), 'samples', {
      stageId,
      steps: [...new Set(rows.map((r) => r.step))],
      count: rows.length,
    });
  }

  /** Records a checkpoint; the same (stage, step) again updates it. Returns its id. */
  async writeCheckpoint(c: NewCheckpoint): Promise<string> {
    const runId = await this.runOf(c.stageId);
    const [row] = await this.db
      .insert(checkpoints)
      .values({
        runId,
        stageId: c.stageId,
        step: c.step,
        uri: c.uri,
        sha256: c.sha256,
        sizeBytes: c.sizeBytes ?? null,
        parentId: c.parentId ?? null,
        summary: c.summary ?? null,
        files: c.files ?? null,
      })
      .onConflictDoUpdate({
        target: [checkpoints.stageId, checkpoints.step],
        set: {
          uri: c.uri,
          sha256: c.sha256,
          sizeBytes: c.sizeBytes ?? null,
          ...(c.files ? { files: c.files } : {}),
        },
      })
      .returning({ id: checkpoints.id });
    await this.event(runId, 'checkpoint', { stageId: c.stageId, step: c.step, id: row!.id });
    return row!.id;
  }

  async writeDataset(d: NewDataset): Promise<string> {
    const runId = await this.runOf(d.stageId);
    const [row] = await this.db
      .insert(datasets)
      .values({ runId, ...d, sha256: d.sha256 ?? null })
      .returning({ id: datasets.id });
    await this.event(runId, 'dataset', { stageId: d.stageId, id: row!.id, rows: d.rowCount });
    return row!.id;
  }

  /**
   * Writes one evaluation row. A stage that records the same (checkpoint, benchmark) again — a
   * retried eval job — replaces its earlier row, so a checkpoint has one figure per benchmark.
   */
  async writeEvaluation(e: NewEvaluation): Promise<string> {
    const runId = e.stageId ? await this.runOf(e.stageId) : null;
    const row = await this.db.transaction(async (tx) => {
      if (e.stageId) {
        await tx
          .delete(evaluations)
          .where(
            and(
              eq(evaluations.stageId, e.stageId),
              e.checkpointId
                ? eq(evaluations.checkpointId, e.checkpointId)
                : isNull(evaluations.checkpointId),
              eq(evaluations.benchmark, e.benchmark),
            ),
          );
      }
      const [inserted] = await tx
        .insert(evaluations)
        .values({ ...e, runId })
        .returning({ id: evaluations.id });
      return inserted;
    });
    if (runId) {
      await this.event(runId, 'evaluation', {
        id: row!.id,
        stageId: e.stageId,
        checkpointId: e.checkpointId ?? null,
        pass1: e.pass1,
      });
    }
    return row!.id;
  }

  /** Appends an event of a run (and wakes live listeners). */
  async event(runId: string, type: string, data: Record<string, unknown>): Promise<void> {
    await this.db.insert(runEvents).values({ runId, type, data });
    this.notify(runId);
  }

  private readonly runIds = new Map<string, string>();

  private async runOf(stageId: string): Promise<string> {
    const known = this.runIds.get(stageId);
    if (known) return known;
    const [row] = await this.db
      .select({ runId: stages.runId })
      .from(stages)
      .where(eq(stages.id, stageId));
    if (!row) throw new Error(`RunRecords: no stage ${stageId}`);
    this.runIds.set(stageId, row.runId);
    return row.runId;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 500);
}

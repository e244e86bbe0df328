// The run record in the database: runs, stages, metrics, samples, checkpoints (with lineage),
// datasets and evaluations, written through @r1lab/db as the pipeline reports them.

import { pathToFileURL } from 'node:url';
import {
  checkpoints,
  type Db,
  datasets,
  evaluations,
  metrics,
  runs,
  samples,
  stages,
} from '@r1lab/db';
import type {
  CheckpointRef,
  DatasetRef,
  EvaluationRecord,
  PipelineSpec,
  RunRecorder,
  SampleRecord,
  StageSpec,
  StageStatus,
} from '@r1lab/pipeline';
import { stageReferences } from '@r1lab/pipeline';
import { eq } from 'drizzle-orm';

export class DbRecorder implements RunRecorder {
  runId = '';
  private readonly stageIds = new Map<string, string>();
  private readonly checkpointIds = new Map<string, string>();

  constructor(private readonly db: Db) {}

  async startRun(spec: PipelineSpec, info: { specHash: string; preset?: string }) {
    const [row] = await this.db
      .insert(runs)
      .values({
        name: spec.name,
        preset: info.preset ?? null,
        spec: spec as unknown as Record<string, unknown>,
        specHash: info.specHash,
        seed: spec.seed,
        status: 'running',
        startedAt: new Date(),
      })
      .returning({ id: runs.id });
    this.runId = row!.id;
    return this.runId;
  }

  async startStage(runId: string, stage: StageSpec, info: { position: number; cacheKey?: string }) {
    const from = stageReferences(stage).find(([field]) => field === 'from')?.[1];
    const [row] = await this.db
      .insert(stages)
      .values({
        runId,
        name: stage.name,
        kind: stage.kind,
        position: info.position,
        config: stage as unknown as Record<string, unknown>,
        fromStageId: from ? (this.stageIds.get(from) ?? null) : null,
        cacheKey: info.cacheKey ?? null,
        status: 'running',
        startedAt: new Date(),
      })
      .returning({ id: stages.id });
    this.stageIds.set(stage.name, row!.id);
  }

  async metrics(stage: string, step: number, values: Record<string, number>) {
    const rows = Object.entries(values).map(([key, value]) => ({
      stageId: this.stageId(stage),
      step,
      key,
      value,
    }));
    if (rows.length > 0) await this.db.insert(metrics).values(rows);
  }

  async samples(stage: string, step: number, list: SampleRecord[]) {
    if (list.length === 0) return;
    await this.db.insert(samples).values(
      list.map((s) => ({
        stageId: this.stageId(stage),
        step,
        prompt: s.prompt,
        completion: s.completion,
        answer: s.answer ?? null,
        rewards: s.rewards,
        reward: s.reward,
        advantage: s.advantage,
      })),
    );
  }

  async checkpoint(ref: CheckpointRef) {
    const parentId = ref.parent
      ? (this.checkpointIds.get(`${ref.parent.stage}@${ref.parent.step}`) ?? null)
      : null;
    const [row] = await this.db
      .insert(checkpoints)
      .values({
        runId: this.runId,
        stageId: this.stageId(ref.stage),
        step: ref.step,
        uri: pathToFileURL(ref.dir).href,
        sha256: ref.sha256,
        sizeBytes: ref.sizeBytes,
        parentId,
      })
      .onConflictDoUpdate({
        target: [checkpoints.stageId, checkpoints.step],
        set: { uri: pathToFileURL(ref.dir).href, sha256: ref.sha256 },
      })
      .returning({ id: checkpoints.id });
    this.checkpointIds.set(`${ref.stage}@${ref.step}`, row!.id);
  }

  async dataset(ref: DatasetRef) {
    await this.db.insert(datasets).values({
      runId: this.runId,
      stageId: this.stageId(ref.stage),
      name: ref.name,
      kind: 'rejection-sampling',
      uri: pathToFileURL(ref.path).href,
      sha256: ref.sha256,
      rowCount: ref.rows,
      stats: ref.stats,
    });
  }

  async evaluation(stage: string, r: EvaluationRecord) {
    await this.db.insert(evaluations).values({
      runId: this.runId,
      stageId: this.stageId(stage),
      checkpointId: this.checkpointIds.get(`${r.checkpoint.stage}@${r.checkpoint.step}`) ?? null,
      benchmark: r.benchmark,
      n: r.n,
      k: r.k,
      temperature: r.temperature,
      problems: r.problems,
      pass1: r.pass1,
      passAtK: r.passAtK,
      consAtK: r.consAtK,
      greedyPass1: r.greedyPass1 ?? null,
      answerAnywhere: r.answerAnywhere,
      formatRate: r.formatRate,
      languageConsistency: r.languageConsistency,
      mixedLanguageRate: r.mixedLanguageRate,
      meanLength: r.meanLength,
      details: { ...(r.details ?? {}), checkpoint: r.checkpoint },
    });
  }

  async finishStage(
    stage: string,
    status: StageStatus,
    info: { result?: Record<string, unknown>; error?: string },
  ) {
    await this.db
      .update(stages)
      .set({
        status,
        result: info.result ?? null,
        error: info.error ?? null,
        finishedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(stages.id, this.stageId(stage)));
  }

  async finishRun(status: StageStatus, error?: string) {
    await this.db
      .update(runs)
      .set({ status, error: error ?? null, finishedAt: new Date(), updatedAt: new Date() })
      .where(eq(runs.id, this.runId));
  }

  private stageId(name: string): string {
    const id = this.stageIds.get(name);
    if (!id) throw new Error(`DbRecorder: stage "${name}" was not started`);
    return id;
  }
}

// A local run's record in the database. The pipeline reports by stage name; this adapter maps the
// names of the one run it records to row ids and writes through @r1lab/db's RunRecords, the row
// mapping the API reads and writes too.
import { pathToFileURL } from 'node:url';
import type { Db } from '@r1lab/db';
import { RunRecords } from '@r1lab/db';
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
import { sampleRow } from '@r1lab/pipeline';
import { stagePlan } from '@r1lab/pipeline/spec';

export class DbRecorder implements RunRecorder {
  runId = '';
  private stageIds = new Map<string, string>();
  private readonly checkpointIds = new Map<string, string>();
  private readonly records: RunRecords;

  constructor(db: Db) {
    this.records = new RunRecords(db);
  }

  async startRun(spec: PipelineSpec, info: { specHash: string; preset?: string }) {
    const created = await this.records.createRun(
      {
        name: spec.name,
        preset: info.preset ?? null,
        spec: spec as unknown as Record<string, unknown>,
        specHash: info.specHash,
        seed: spec.seed,
        status: 'running',
      },
      stagePlan(spec),
    );
    this.runId = created.runId;
    this.stageIds = created.stageIds;
    return this.runId;
  }

  async startStage(_runId: string, stage: StageSpec) {
    await this.records.setStageStatus(this.stageId(stage.name), 'running');
  }

  async metrics(stage: string, step: number, values: Record<string, number>) {
    await this.records.writeMetrics(
      this.stageId(stage),
      Object.entries(values).map(([key, value]) => ({ step, key, value })),
    );
  }

  async samples(stage: string, step: number, list: SampleRecord[]) {
    await this.records.writeSamples(
      this.stageId(stage),
      list.map((s, i) => sampleRow(step, s, i)),
    );
  }

  async checkpoint(ref: CheckpointRef) {
    const parentId = ref.parent
      ? (this.checkpointIds.get(`${ref.parent.stage}@${ref.parent.step}`) ?? null)
      : null;
    const id = await this.records.writeCheckpoint({
      stageId: this.stageId(ref.stage),
      step: ref.step,
      uri: pathToFileURL(ref.dir).href,
      sha256: ref.sha256,
      sizeBytes: ref.sizeBytes,
      parentId,
    });
    this.checkpointIds.set(`${ref.stage}@${ref.step}`, id);
  }

  async dataset(ref: DatasetRef) {
    await this.records.writeDataset({
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
    await this.records.writeEvaluation({
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
    await this.records.setStageStatus(this.stageId(stage), status, {
      result: info.result ?? null,
      error: info.error ?? null,
    });
  }

  async finishRun(status: StageStatus, error?: string) {
    await this.records.setRunStatus(this.runId, status, error ?? null);
  }

  private stageId(name: string): string {
    const id = this.stageIds.get(name);
    if (!id) throw new Error(`DbRecorder: run has no stage "${name}"`);
    return id;
  }
}

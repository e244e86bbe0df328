// Where a run's record goes. The pipeline only knows this interface: the CLI writes it to the
// database, a remote worker will send it over HTTP, tests keep it in memory.
import type { PipelineSpec, StageSpec } from './spec.ts';

export interface CheckpointRef {
  stage: string;
  step: number;
  /** Folder with model.safetensors, config.json, tokenizer.json. */
  dir: string;
  sha256: string;
  sizeBytes: number;
  /** The checkpoint training started from (lineage). */
  parent?: { stage: string; step: number } | undefined;
}

export interface DatasetRef {
  stage: string;
  name: string;
  /** JSONL file. */
  path: string;
  rows: number;
  sha256: string;
  stats: Record<string, unknown>;
}

export interface SampleRecord {
  prompt: string;
  completion: string;
  answer?: string;
  rewards: Record<string, number>;
  reward: number;
  /** GRPO's advantage; null for samples that were not trained on (held-out checks). */
  advantage: number | null;
  /** `train` (a GRPO batch, the default) or `held-out` (fixed prompts, the same at every check). */
  kind?: 'train' | 'held-out';
  /** Position within its step; default the position in the logged list. */
  index?: number;
}

/** A sample as the run record stores it: its index, and correct / format flags from its rewards. */
export function sampleRow(step: number, s: SampleRecord, position: number) {
  return {
    step,
    idx: s.index ?? position,
    kind: s.kind ?? 'train',
    prompt: s.prompt,
    completion: s.completion,
    answer: s.answer ?? null,
    rewards: s.rewards,
    reward: s.reward,
    advantage: s.advantage,
    correct: s.rewards.accuracy === undefined ? null : s.rewards.accuracy >= 1,
    formatOk: s.rewards.format === undefined ? null : s.rewards.format >= 1,
  };
}

export interface EvaluationRecord {
  checkpoint: { stage: string; step: number };
  benchmark: string;
  n: number;
  k: number;
  temperature: number;
  problems: number;
  pass1: number;
  passAtK: number;
  consAtK: number;
  greedyPass1?: number | null | undefined;
  answerAnywhere: number;
  formatRate: number;
  languageConsistency: number;
  mixedLanguageRate: number;
  meanLength: number;
  details?: Record<string, unknown>;
}

/** An evaluation as the run record stores it (the caller adds the stage and checkpoint ids). */
export function evaluationRecordRow(r: EvaluationRecord) {
  return {
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
  };
}

export type StageStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface RunRecorder {
  startRun(spec: PipelineSpec, info: { specHash: string; preset?: string }): Promise<string>;
  startStage(
    runId: string,
    stage: StageSpec,
    info: { position: number; cacheKey?: string },
  ): Promise<void>;
  metrics(stage: string, step: number, values: Record<string, number>): Promise<void>;
  samples(stage: string, step: number, samples: SampleRecord[]): Promise<void>;
  checkpoint(ref: CheckpointRef): Promise<void>;
  dataset(ref: DatasetRef): Promise<void>;
  evaluation(stage: string, record: EvaluationRecord): Promise<void>;
  finishStage(
    stage: string,
    status: StageStatus,
    info: { result?: Record<string, unknown>; error?: string },
  ): Promise<void>;
  finishRun(status: StageStatus, error?: string): Promise<void>;
}

/** Keeps everything in arrays; for tests and dry runs. */
export class MemoryRecorder implements RunRecorder {
  runId = '';
  spec?: PipelineSpec;
  readonly stages = new Map<
    string,
    { kind: string; status: StageStatus; position: number; result?: Record<string, unknown> }
  >();
  readonly metricRows: Array<{ stage: string; step: number; key: string; value: number }> = [];
  readonly sampleRows: Array<{ stage: string; step: number } & SampleRecord> = [];
  readonly checkpoints: CheckpointRef[] = [];
  readonly datasets: DatasetRef[] = [];
  readonly evaluations: Array<{ stage: string } & EvaluationRecord> = [];
  runStatus: StageStatus = 'running';

  async startRun(spec: PipelineSpec): Promise<string> {
    this.spec = spec;
    this.runId = `memory-${spec.name}-${spec.seed}`;
    return this.runId;
  }
  async startStage(_runId: string, stage: StageSpec, info: { position: number }) {
    this.stages.set(stage.name, { kind: stage.kind, status: 'running', position: info.position });
  }
  async metrics(stage: string, step: number, values: Record<string, number>) {
    for (const [key, value] of Object.entries(values))
      this.metricRows.push({ stage, step, key, value });
  }
  async samples(stage: string, step: number, samples: SampleRecord[]) {
    for (const s of samples) this.sampleRows.push({ stage, step, ...s });
  }
  async checkpoint(ref: CheckpointRef) {
    this.checkpoints.push(ref);
  }
  async dataset(ref: DatasetRef) {
    this.datasets.push(ref);
  }
  async evaluation(stage: string, record: EvaluationRecord) {
    this.evaluations.push({ stage, ...record });
  }
  async finishStage(
    stage: string,
    status: StageStatus,
    info: { result?: Record<string, unknown> },
  ) {
    const s = this.stages.get(stage);
    if (s) Object.assign(s, { status, result: info.result });
  }
  async finishRun(status: StageStatus) {
    this.runStatus = status;
  }

  /** The series of one metric of one stage, by step. */
  series(stage: string, key: string): Array<[number, number]> {
    return this.metricRows
      .filter((r) => r.stage === stage && r.key === key)
      .map((r) => [r.step, r.value]);
  }
}

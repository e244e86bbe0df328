// What a stage sees of the world. The same stage code runs in the CLI, in a worker and in tests;
// only the context behind this interface changes.
import type { Model, Tokenizer } from '@r1lab/model';
import type { Example } from '@r1lab/tasks';
import type { CheckpointRef, DatasetRef, EvaluationRecord, SampleRecord } from './recorder.ts';
import type { Rng } from './rng.ts';
import type { PipelineSpec, StageSpec } from './spec.ts';

/** What a training stage saves besides the weights, so that a resumed stage continues exactly. */
export interface TrainerState {
  step: number;
  rngState: number;
  /** Anything else the stage needs (e.g. data cursor). */
  extra?: Record<string, unknown>;
}

export interface SaveCheckpointInput {
  model: Model;
  /** Optimizer moments (AdamW), for exact resume. */
  optimizer?: { state(): unknown } | undefined;
  trainer?: TrainerState | undefined;
  /** The checkpoint this one descends from (lineage). */
  parent?: CheckpointRef | undefined;
  /** Second weights saved with it (GRPO's reference after a reset; `reference.safetensors`). */
  reference?: Model | undefined;
}

export interface LoadedCheckpoint {
  model: Model;
  ref: CheckpointRef;
  optimizerState?: unknown;
  trainer?: TrainerState | undefined;
  /** Reference weights saved with it, if any (the caller disposes them). */
  reference?: Model | undefined;
}

export interface StageContext {
  /** The whole pipeline (model, task, seed). */
  readonly spec: PipelineSpec;
  readonly stage: StageSpec;
  /** Seeded from the run seed and the stage name; its state is saved with each checkpoint. */
  readonly rng: Rng;
  /** The tokenizer every stage of the run shares. */
  readonly tokenizer: Tokenizer;
  log(step: number, metrics: Record<string, number>): Promise<void>;
  logSamples(step: number, samples: SampleRecord[]): Promise<void>;
  saveCheckpoint(step: number, input: SaveCheckpointInput): Promise<CheckpointRef>;
  /** The final checkpoint of an earlier stage (`from`). The caller disposes the model. */
  loadCheckpoint(stageName: string): Promise<LoadedCheckpoint>;
  /** Names of the earlier stages that produced a checkpoint, in run order. */
  checkpointStages(): string[];
  /** This stage's newest checkpoint from an interrupted earlier attempt, if any (resume). */
  resumeCheckpoint(): Promise<LoadedCheckpoint | null>;
  saveDataset(name: string, rows: Example[], stats: Record<string, unknown>): Promise<DatasetRef>;
  /** The dataset an earlier stage produced. */
  loadDataset(stageName: string): Promise<Example[]>;
  recordEvaluation(record: EvaluationRecord): Promise<void>;
  progress(done: number, total: number, info?: Record<string, number>): void;
  /** True once the run has been asked to stop (cancel, shutdown): save and return. */
  shouldStop(): boolean;
  /**
   * A moment where the stage lets pending I/O run. TensorFlow.js computes synchronously, so a
   * worker's heartbeats and uploads move only when the stage awaits something real: long loops call
   * this between batches (`log` does it too). Locally a no-op.
   */
  tick?(): Promise<void>;
}

/** What a stage hands back to the runner. */
export interface StageResult {
  checkpoint?: CheckpointRef;
  dataset?: DatasetRef;
  /** Stopped before the end because `shouldStop()` said so; the stage can resume later. */
  interrupted?: boolean;
  summary: Record<string, unknown>;
}

export type StageRunner<S extends StageSpec = StageSpec> = (
  stage: S,
  ctx: StageContext,
) => Promise<StageResult>;

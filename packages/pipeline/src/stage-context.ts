import { statSync } from 'node:fs';
import { join } from 'node:path';
// The StageContext of a local run: checkpoints and datasets in a RunFolder, the record in a RunRecorder.
import {
  loadCheckpoint as loadModelCheckpoint,
  type SaveOptions,
  saveCheckpoint as saveModelCheckpoint,
  type Tokenizer,
} from '@r1lab/model';
import type { Example } from '@r1lab/tasks';
import type {
  LoadedCheckpoint,
  SaveCheckpointInput,
  StageContext,
  StageResult,
  TrainerState,
} from './context.ts';
import type { CheckpointRef, RunRecorder } from './recorder.ts';
import { Rng } from './rng.ts';
import { RunFolder } from './run-folder.ts';
import type { PipelineSpec, StageSpec } from './spec.ts';

export interface LocalContextOptions {
  spec: PipelineSpec;
  stage: StageSpec;
  folder: RunFolder;
  recorder: RunRecorder;
  tokenizer: Tokenizer;
  /** Results of the stages already done, by name. */
  results: ReadonlyMap<string, StageResult>;
  onProgress?:
    | ((stage: string, done: number, total: number, info?: Record<string, number>) => void)
    | undefined;
  shouldStop?: (() => boolean) | undefined;
}

/** A stage's RNG seed: the run seed mixed with the stage name, so stages draw independent streams. */
export function stageSeed(runSeed: number, stageName: string): number {
  let h = 2166136261 ^ runSeed;
  for (const ch of stageName) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** The RNG a stage starts with. Pretraining draws from its own seed, so every run seed shares (and caches) one base model. */
export function stageRng(spec: PipelineSpec, stage: StageSpec): Rng {
  const seed = stage.kind === 'pretrain' ? stage.seed : spec.seed;
  return new Rng(stageSeed(seed, stage.name));
}

/** What a stage's checkpoint holds besides the model, as the model package writes it — the
 * inverse of {@link loadStageCheckpoint}, for every StageContext (local run, worker). */
export function checkpointSaveOptions(
  input: SaveCheckpointInput,
  tokenizer: Tokenizer,
): SaveOptions {
  return {
    tokenizer,
    optimizer: input.optimizer as SaveOptions['optimizer'],
    extra: input.trainer ? { trainer: input.trainer } : undefined,
    reference: input.reference,
  };
}

/**
 * A checkpoint folder as a stage sees it: the model, optimizer moments, the trainer state a stage
 * saved, and reference weights if it kept them — for every StageContext (local run, worker).
 */
export async function loadStageCheckpoint(
  dir: string,
  ref: CheckpointRef,
): Promise<LoadedCheckpoint> {
  const loaded = await loadModelCheckpoint(dir);
  const trainer = (loaded.extra as { trainer?: TrainerState } | undefined)?.trainer;
  return {
    model: loaded.model,
    ref,
    optimizerState: loaded.optimizerState,
    trainer,
    reference: loaded.reference,
  };
}

export function createLocalContext(o: LocalContextOptions): StageContext {
  const name = o.stage.name;
  const rng = stageRng(o.spec, o.stage);

  return {
    spec: o.spec,
    stage: o.stage,
    rng,
    tokenizer: o.tokenizer,
    log: (step, metrics) => o.recorder.metrics(name, step, finiteOnly(metrics)),
    logSamples: (step, samples) => o.recorder.samples(name, step, samples),
    async saveCheckpoint(step, input) {
      const dir = o.folder.checkpointDir(name, step);
      const saved = await saveModelCheckpoint(
        dir,
        input.model,
        checkpointSaveOptions(input, o.tokenizer),
      );
      const ref: CheckpointRef = {
        stage: name,
        step,
        dir,
        sha256: saved.sha256,
        sizeBytes: statSync(join(dir, 'model.safetensors')).size,
        parent: input.parent ? { stage: input.parent.stage, step: input.parent.step } : undefined,
      };
      await o.recorder.checkpoint(ref);
      return ref;
    },
    async loadCheckpoint(stageName) {
      const ref = o.results.get(stageName)?.checkpoint;
      if (!ref) throw new Error(`stage "${name}": stage "${stageName}" has no checkpoint to load`);
      return loadStageCheckpoint(ref.dir, ref);
    },
    checkpointStages: () =>
      [...o.results].filter(([, r]) => r.checkpoint !== undefined).map(([n]) => n),
    async resumeCheckpoint() {
      const steps = o.folder.checkpointSteps(name);
      const step = steps[steps.length - 1];
      if (step === undefined) return null;
      const dir = o.folder.checkpointDir(name, step);
      const loaded = await loadStageCheckpoint(dir, {
        stage: name,
        step,
        dir,
        sha256: '',
        sizeBytes: 0,
      });
      if (loaded.trainer) rng.setState(loaded.trainer.rngState);
      return loaded;
    },
    async saveDataset(datasetName, rows: Example[], stats) {
      const ref = o.folder.writeDataset(name, datasetName, rows, stats);
      await o.recorder.dataset(ref);
      return ref;
    },
    async loadDataset(stageName) {
      const ref = o.results.get(stageName)?.dataset;
      if (!ref) throw new Error(`stage "${name}": stage "${stageName}" produced no dataset`);
      return RunFolder.readDataset(ref.path);
    },
    recordEvaluation: (record) => o.recorder.evaluation(name, record),
    progress: (done, total, info) => o.onProgress?.(name, done, total, info),
    shouldStop: () => o.shouldStop?.() ?? false,
  };
}

// NaN/Inf cannot be stored as metrics; a stage reports them through its own skip counters instead.
export function finiteOnly(metrics: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics)) if (Number.isFinite(v)) out[k] = v;
  return out;
}

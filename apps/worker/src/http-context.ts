// The StageContext of a claimed job: inputs come from the API (downloaded once into the cache),
// the record goes back to it (metrics and samples in batches), checkpoints and datasets are written
// atomically here and then uploaded and committed. The stage code is the same one a local run uses.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClaimedJob } from '@r1lab/api/job-schemas';
import type { Tokenizer } from '@r1lab/model';
import {
  checkpointSaveOptions,
  finiteOnly,
  type LoadedCheckpoint,
  loadStageCheckpoint,
  type PipelineSpec,
  RunFolder,
  type StageContext,
  type StageSpec,
  sampleRow,
  stageRng,
} from '@r1lab/pipeline';
import { writeCheckpointAtomically } from './atomic-checkpoint.ts';
import type { InputCache } from './input-cache.ts';
import type { JobHandle, ProtocolClient } from './protocol-client.ts';
import type { RecordBuffer } from './record-buffer.ts';

export interface HttpContextOptions {
  claim: ClaimedJob;
  spec: PipelineSpec;
  stage: StageSpec;
  tokenizer: Tokenizer;
  client: ProtocolClient;
  cache: InputCache;
  buffer: RecordBuffer;
  /** This job's folder on the worker (checkpoints before upload, datasets). */
  workDir: string;
  progress: (done: number, total: number, info?: Record<string, number>) => void;
  /** Lets the due heartbeat and metric batch go out (see StageContext.tick). */
  tick: () => Promise<void>;
  shouldStop: () => boolean;
}

export function createHttpContext(o: HttpContextOptions): StageContext {
  const name = o.stage.name;
  const rng = stageRng(o.spec, o.stage);
  const job: JobHandle = { id: o.claim.job.id, claimToken: o.claim.job.claimToken };
  const inputs = o.claim.inputs;

  const load = async (
    input: ClaimedJob['inputs']['checkpoints'][number],
  ): Promise<LoadedCheckpoint> => {
    const dir = await o.cache.checkpoint(input);
    return loadStageCheckpoint(dir, {
      stage: input.stage,
      step: input.step,
      dir,
      sha256: input.sha256,
      sizeBytes: input.files.find((f) => f.name === 'model.safetensors')?.size ?? 0,
    });
  };

  const upload = async (path: string): Promise<{ sha256: string; size: number }> => {
    const bytes = new Uint8Array(await readFile(path));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await o.client.putBlob(job, sha256, bytes);
    return { sha256, size: bytes.byteLength };
  };

  return {
    spec: o.spec,
    stage: o.stage,
    rng,
    tokenizer: o.tokenizer,
    async log(step, metrics) {
      o.buffer.metrics(step, finiteOnly(metrics));
      await o.tick();
    },
    async logSamples(step, samples) {
      o.buffer.samples(samples.map((s, i) => sampleRow(step, s, i)));
    },
    async saveCheckpoint(step, input) {
      // The record up to this step is sent first: a resume from this checkpoint replays only later steps.
      await o.buffer.flush();
      const dir = join(o.workDir, 'checkpoints', `step-${step}`);
      const saved = await writeCheckpointAtomically(
        dir,
        input.model,
        checkpointSaveOptions(input, o.tokenizer),
      );
      const files: Record<string, { sha256: string; size: number }> = {};
      for (const file of Object.keys(saved.fileSha256)) files[file] = await upload(join(dir, file));
      await o.client.commitCheckpoint(job, {
        step,
        files,
        ...(input.parent ? { parent: { stage: input.parent.stage, step: input.parent.step } } : {}),
      });
      return {
        stage: name,
        step,
        dir,
        sha256: saved.sha256,
        sizeBytes: files['model.safetensors']?.size ?? 0,
        parent: input.parent ? { stage: input.parent.stage, step: input.parent.step } : undefined,
      };
    },
    async loadCheckpoint(stageName) {
      const input = inputs.checkpoints.find((c) => c.stage === stageName);
      if (!input)
        throw new Error(`stage "${name}": stage "${stageName}" has no checkpoint to load`);
      return load(input);
    },
    checkpointStages: () => inputs.checkpoints.map((c) => c.stage),
    async resumeCheckpoint() {
      if (!inputs.resume) return null;
      const loaded = await load(inputs.resume);
      if (loaded.trainer) rng.setState(loaded.trainer.rngState);
      return loaded;
    },
    async saveDataset(datasetName, rows, stats) {
      const ref = new RunFolder(o.workDir).writeDataset(name, datasetName, rows, stats);
      const file = await upload(ref.path);
      await o.client.commitDataset(job, { name: datasetName, file, rows: ref.rows, stats });
      return { ...ref, sha256: file.sha256 };
    },
    async loadDataset(stageName) {
      const input = inputs.datasets.find((d) => d.stage === stageName);
      if (!input) throw new Error(`stage "${name}": stage "${stageName}" produced no dataset`);
      return RunFolder.readDataset(await o.cache.file(input));
    },
    async recordEvaluation(record) {
      await o.buffer.flush();
      await o.client.evaluations(job, { evaluations: [record] });
    },
    progress: (done, total, info) => o.progress(done, total, info),
    tick: o.tick,
    shouldStop: o.shouldStop,
  };
}

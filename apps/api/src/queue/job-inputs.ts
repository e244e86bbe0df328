// What a claimed job downloads: the checkpoints and datasets its stage reads (by the pipeline's
// own rules), and on a retry the stage's own newest checkpoint to resume from, each as URLs with
// sha256 so the worker can verify and cache them.
import { checkpoints, datasets, stages } from '@r1lab/db';
import { checkpointInputs, datasetInputs, type PipelineSpec } from '@r1lab/pipeline/spec';
import { desc, eq } from 'drizzle-orm';
import type { Manifest } from '../artifacts/commit.ts';
import type { ApiDeps } from '../context.ts';

export interface CheckpointInput {
  stage: string;
  step: number;
  id: string;
  sha256: string;
  files: Array<{ name: string; sha256: string; size: number; url: string }>;
}

export interface DatasetInput {
  stage: string;
  name: string;
  id: string;
  rows: number;
  sha256: string | null;
  url: string;
}

export interface JobInputs {
  checkpoints: CheckpointInput[];
  datasets: DatasetInput[];
  resume: CheckpointInput | null;
}

export async function jobInputs(
  d: ApiDeps,
  spec: PipelineSpec,
  runId: string,
  stageName: string,
): Promise<JobInputs> {
  const rows = await d.db.select().from(stages).where(eq(stages.runId, runId));
  const idOf = new Map(rows.map((s) => [s.name, s.id]));
  const newest = async (name: string) => {
    const [c] = await d.db
      .select()
      .from(checkpoints)
      .where(eq(checkpoints.stageId, idOf.get(name)!))
      .orderBy(desc(checkpoints.step))
      .limit(1);
    return c ? checkpointInput(d, name, c) : null;
  };
  const ckpts: CheckpointInput[] = [];
  for (const name of checkpointInputs(spec, stageName)) {
    const c = await newest(name);
    if (c) ckpts.push(c);
  }
  const data: DatasetInput[] = [];
  for (const name of datasetInputs(spec, stageName)) {
    const [ds] = await d.db
      .select()
      .from(datasets)
      .where(eq(datasets.stageId, idOf.get(name)!))
      .orderBy(desc(datasets.createdAt))
      .limit(1);
    if (ds) {
      data.push({
        stage: name,
        name: ds.name,
        id: ds.id,
        rows: ds.rowCount,
        sha256: ds.sha256,
        url: `/v1/datasets/${ds.id}/download`,
      });
    }
  }
  return { checkpoints: ckpts, datasets: data, resume: await newest(stageName) };
}

/** A checkpoint with its manifest; one recorded without one (a local run's) gets it computed once. */
async function checkpointInput(
  d: ApiDeps,
  stage: string,
  c: typeof checkpoints.$inferSelect,
): Promise<CheckpointInput> {
  let files = c.files as Manifest | null;
  if (!files) {
    files = {};
    const folder = d.artifacts.keyOf(c.uri);
    for (const key of folder ? await d.artifacts.list(folder) : []) {
      const st = await d.artifacts.stat(key);
      if (st) files[key.slice(folder!.length + 1)] = st;
    }
    await d.db.update(checkpoints).set({ files }).where(eq(checkpoints.id, c.id));
  }
  return {
    stage,
    step: c.step,
    id: c.id,
    sha256: c.sha256,
    files: Object.entries(files).map(([name, f]) => ({
      name,
      ...f,
      url: `/v1/checkpoints/${c.id}/files/${name}`,
    })),
  };
}

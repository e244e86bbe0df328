// Checkpoints and datasets become visible in one step: their files are uploaded first as
// content-addressed blobs (`blobs/<sha256>`), then a commit links them into the run's folder and
// writes the row. A half-uploaded checkpoint therefore never appears, and a replayed commit of the
// same (stage, step, sha256) is a no-op.
import { checkpoints, datasets } from '@r1lab/db';
import { and, eq } from 'drizzle-orm';
import type { ApiDeps } from '../context.ts';
import { badRequest, ProblemError } from '../problem.ts';

export type Manifest = Record<string, { sha256: string; size: number }>;

export const blobKey = (sha256: string) => `blobs/${sha256}`;

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

async function requireBlobs(d: ApiDeps, files: Manifest): Promise<void> {
  const missing: string[] = [];
  for (const [name, f] of Object.entries(files)) {
    if (!SAFE_NAME.test(name)) {
      throw badRequest(`file name "${name}" is not allowed`, [
        { path: `files.${name}`, message: 'letters, digits, . _ - only', in: 'body' },
      ]);
    }
    const st = await d.artifacts.stat(blobKey(f.sha256));
    if (!st || st.size !== f.size) missing.push(name);
  }
  if (missing.length > 0) {
    throw new ProblemError(422, `files not uploaded (or of another size): ${missing.join(', ')}`, {
      errors: missing.map((name) => ({
        path: `files.${name}`,
        message: 'upload it with PUT /v1/jobs/{id}/blobs/{sha256} first',
        in: 'body',
      })),
    });
  }
}

export interface CheckpointCommit {
  runId: string;
  stageId: string;
  stageName: string;
  step: number;
  files: Manifest;
  parentId?: string | null;
  summary?: Record<string, unknown> | null;
}

/** Links the uploaded blobs into the run's folder and records the checkpoint; returns its id. */
export async function commitCheckpoint(d: ApiDeps, c: CheckpointCommit): Promise<string> {
  const model = c.files['model.safetensors'];
  if (!model) {
    throw badRequest('a checkpoint needs model.safetensors', [
      { path: 'files', message: 'missing model.safetensors', in: 'body' },
    ]);
  }
  const [existing] = await d.db
    .select({ id: checkpoints.id, sha256: checkpoints.sha256 })
    .from(checkpoints)
    .where(and(eq(checkpoints.stageId, c.stageId), eq(checkpoints.step, c.step)));
  if (existing && existing.sha256 === model.sha256) return existing.id;
  await requireBlobs(d, c.files);
  const folder = `runs/${c.runId}/${c.stageName}/step-${c.step}`;
  for (const [name, f] of Object.entries(c.files)) {
    await d.artifacts.link(blobKey(f.sha256), `${folder}/${name}`);
  }
  return d.records.writeCheckpoint({
    stageId: c.stageId,
    step: c.step,
    uri: d.artifacts.uriOf(folder),
    sha256: model.sha256,
    sizeBytes: model.size,
    parentId: c.parentId ?? null,
    summary: c.summary ?? null,
    files: c.files,
  });
}

export interface DatasetCommit {
  runId: string;
  stageId: string;
  stageName: string;
  name: string;
  file: { sha256: string; size: number };
  rows: number;
  stats: Record<string, unknown>;
}

/** Links an uploaded JSONL blob into the run's folder and records the dataset; returns its id. */
export async function commitDataset(d: ApiDeps, c: DatasetCommit): Promise<string> {
  const [existing] = await d.db
    .select({ id: datasets.id })
    .from(datasets)
    .where(
      and(
        eq(datasets.stageId, c.stageId),
        eq(datasets.name, c.name),
        eq(datasets.sha256, c.file.sha256),
      ),
    );
  if (existing) return existing.id;
  if (!SAFE_NAME.test(c.name)) {
    throw badRequest(`dataset name "${c.name}" is not allowed`, [
      { path: 'name', message: 'letters, digits, . _ - only', in: 'body' },
    ]);
  }
  await requireBlobs(d, { [`${c.name}.jsonl`]: c.file });
  const key = `runs/${c.runId}/${c.stageName}/${c.name}.jsonl`;
  await d.artifacts.link(blobKey(c.file.sha256), key);
  return d.records.writeDataset({
    stageId: c.stageId,
    name: c.name,
    kind: 'rejection-sampling',
    uri: d.artifacts.uriOf(key),
    sha256: c.file.sha256,
    rowCount: c.rows,
    stats: c.stats,
  });
}

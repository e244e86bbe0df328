// Checkpoints are written to a temporary folder, fsynced, then renamed into place: a crash while
// writing never leaves a folder that looks like a finished checkpoint.
import { open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Model, type SaveOptions, saveCheckpoint } from '@r1lab/model';

export async function writeCheckpointAtomically(
  dir: string,
  model: Model,
  o: SaveOptions,
): Promise<{ sha256: string; fileSha256: Record<string, string> }> {
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  const saved = await saveCheckpoint(tmp, model, o);
  for (const name of await readdir(tmp)) await fsync(join(tmp, name));
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  await fsync(dirname(dir));
  return { sha256: saved.sha256, fileSha256: saved.fileSha256 };
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

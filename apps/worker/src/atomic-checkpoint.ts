// Checkpoints are written to a temporary folder, fsynced, then renamed into place: a crash while
// writing never leaves a folder that looks like a finished checkpoint.
import { open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Model, saveCheckpoint, type Tokenizer } from '@r1lab/model';

export async function writeCheckpointAtomically(
  dir: string,
  model: Model,
  o: {
    tokenizer: Tokenizer;
    optimizer?: unknown;
    extra?: Record<string, unknown>;
    reference?: Model | undefined;
  },
): Promise<{ sha256: string; fileSha256: Record<string, string> }> {
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  const saved = await saveCheckpoint(tmp, model, {
    tokenizer: o.tokenizer,
    optimizer: o.optimizer as never,
    extra: o.extra,
    reference: o.reference,
  });
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

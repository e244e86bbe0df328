// Writes a folder in the shipped-base layout (checkpoint files + manifest.json) from a checkpoint.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint, saveCheckpoint } from '@r1lab/model';
import { type ShippedBaseManifest, taskTokenizer } from '../src/index.ts';

export async function saveShippedBaseForTest(
  from: string,
  out: string,
  cacheKey: string,
  step: number,
): Promise<ShippedBaseManifest> {
  const { model } = await loadCheckpoint(from);
  mkdirSync(out, { recursive: true });
  await saveCheckpoint(out, model, { tokenizer: taskTokenizer() });
  model.dispose();
  const files: ShippedBaseManifest['files'] = {};
  for (const name of readdirSync(out)) {
    const bytes = readFileSync(join(out, name));
    files[name] = { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
  }
  const manifest: ShippedBaseManifest = {
    name: 'tiny-base',
    cacheKey,
    step,
    files,
    regenerate: 'npm run r1lab -- base-model --preset tiny-r1-zero --out models/tiny-base',
  };
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
  return manifest;
}

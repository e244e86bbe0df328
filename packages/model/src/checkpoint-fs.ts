/** Node file-system adapter for checkpoints (the only file of the package that touches node:fs). */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  deserializeCheckpoint,
  type LoadedCheckpoint,
  type SaveOptions,
  serializeCheckpoint,
  sha256Hex,
} from './checkpoint.ts';
import type { Model } from './model.ts';

export interface SavedCheckpoint {
  /** Absolute paths of the files written. */
  files: string[];
  /** SHA-256 of model.safetensors (the checkpoint's identity). */
  sha256: string;
  /** SHA-256 per file name. */
  fileSha256: Record<string, string>;
}

/**
 * Writes a checkpoint folder (created if missing).
 *
 * @example
 * const { files, sha256 } = await saveCheckpoint('runs/a/step-100', model, { tokenizer: tok, optimizer: opt, extra: { step: 100 } });
 */
export async function saveCheckpoint(
  dir: string,
  model: Model,
  opts: SaveOptions = {},
): Promise<SavedCheckpoint> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const fileSha256: Record<string, string> = {};
  for (const [name, bytes] of serializeCheckpoint(model, opts)) {
    const path = join(dir, name);
    await writeFile(path, bytes);
    files.push(path);
    fileSha256[name] = await sha256Hex(bytes);
  }
  return { files, sha256: fileSha256['model.safetensors']!, fileSha256 };
}

/**
 * Loads a checkpoint folder written by `saveCheckpoint` or a Hugging Face Llama-architecture folder.
 *
 * @example
 * const { model, tokenizer, optimizerState, extra } = await loadCheckpoint('runs/a/step-100');
 */
export async function loadCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  return deserializeCheckpoint(async (name) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  });
}

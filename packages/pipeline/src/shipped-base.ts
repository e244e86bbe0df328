// The base models shipped in the repository (models/<name>/): each folder holds a checkpoint and a
// manifest naming the pretraining cache key it stands for. A pretrain stage whose key matches uses
// it as it would use the cache — DeepSeek-R1-Zero also started from a released base model.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ShippedBaseManifest {
  name: string;
  /** `pretrainCacheKey` of the stage this checkpoint is the output of. */
  cacheKey: string;
  /** Step the checkpoint stands for (the stage's `steps`). */
  step: number;
  files: Record<string, { sha256: string; size: number }>;
  /** The command that regenerates the folder from scratch. */
  regenerate: string;
  [field: string]: unknown;
}

export interface ShippedBase {
  dir: string;
  manifest: ShippedBaseManifest;
}

/** `models/` at the repository root. */
export const SHIPPED_BASES_DIR = fileURLToPath(new URL('../../../models/', import.meta.url));

/**
 * Every shipped base (folders of `models/` with a manifest.json).
 *
 * @example
 * shippedBases().map((b) => b.manifest.name); // ['r1-zero-base']
 */
export function shippedBases(dir: string = SHIPPED_BASES_DIR): ShippedBase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'manifest.json')))
    .map((e) => ({
      dir: join(dir, e.name),
      manifest: JSON.parse(
        readFileSync(join(dir, e.name, 'manifest.json'), 'utf8'),
      ) as ShippedBaseManifest,
    }));
}

/**
 * The shipped base for a pretraining cache key, its files checked against the manifest; null when
 * none matches. A file that does not hash to its manifest entry is an error, never a silent use.
 *
 * @example
 * findShippedBase(pretrainCacheKey(spec, spec.stages[0]!))?.dir; // '…/models/r1-zero-base'
 */
export function findShippedBase(
  cacheKey: string,
  dir: string = SHIPPED_BASES_DIR,
): ShippedBase | null {
  const found = shippedBases(dir).find((b) => b.manifest.cacheKey === cacheKey);
  if (!found) return null;
  for (const [name, want] of Object.entries(found.manifest.files)) {
    const path = join(found.dir, name);
    if (!existsSync(path)) throw new Error(`shipped base ${found.dir}: ${name} is missing`);
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    if (sha256 !== want.sha256) {
      throw new Error(
        `shipped base ${found.dir}: ${name} has sha256 ${sha256}, the manifest says ${want.sha256} ` +
          `(a Git LFS pointer or a local edit?); regenerate with: ${found.manifest.regenerate}`,
      );
    }
  }
  return found;
}

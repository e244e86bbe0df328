// Downloaded inputs, kept by sha256 and reused across jobs: a checkpoint is fetched once per
// worker, verified, and assembled into a folder that `loadCheckpoint` reads.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProtocolClient } from './protocol-client.ts';

export interface FileInput {
  name: string;
  sha256: string;
  size: number;
  url: string;
}

export class InputCache {
  /** Downloads served from the cache vs. fetched (for tests and logs). */
  readonly stats = { hits: 0, downloads: 0 };

  constructor(
    readonly root: string,
    private readonly client: ProtocolClient,
  ) {}

  /** The path of a verified copy of the file, downloading it if this worker has not yet. */
  async file(f: { sha256: string | null; url: string }): Promise<string> {
    if (f.sha256) {
      const path = join(this.root, 'blobs', f.sha256);
      if (existsSync(path)) {
        this.stats.hits += 1;
        return path;
      }
    }
    const bytes = await this.client.download(f.url);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (f.sha256 && actual !== f.sha256) {
      throw new Error(`download ${f.url}: sha256 ${actual}, expected ${f.sha256}`);
    }
    this.stats.downloads += 1;
    const path = join(this.root, 'blobs', actual);
    await mkdir(join(this.root, 'blobs'), { recursive: true });
    const tmp = `${path}.part-${process.pid}-${Date.now()}`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
    return path;
  }

  /** A folder holding the checkpoint's files (hard links to the cached blobs). */
  async checkpoint(c: { id: string; files: FileInput[] }): Promise<string> {
    const dir = join(this.root, 'checkpoints', c.id);
    if (existsSync(join(dir, '.complete'))) return dir;
    await mkdir(dir, { recursive: true });
    for (const f of c.files) {
      const blob = await this.file(f);
      const target = join(dir, f.name);
      if (existsSync(target)) continue;
      await link(blob, target).catch(() => copyFile(blob, target));
    }
    await writeFile(join(dir, '.complete'), '');
    return dir;
  }
}

// The local-folder artifact store (the default): keys are paths under the data folder, so the
// checkpoints a local `r1lab run` writes there are served as they are. The only file of the API
// that touches node:fs.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ArtifactStat, type ArtifactStore, DigestMismatch } from './store.ts';

export class LocalFolderStore implements ArtifactStore {
  readonly root: string;
  // sha256 of a file is computed once per (size, mtime).
  private readonly digests = new Map<string, { mtimeMs: number; size: number; sha256: string }>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    const p = resolve(this.root, key);
    if (p !== this.root && !p.startsWith(this.root + sep)) {
      throw new Error(`artifact key "${key}" points outside the store`);
    }
    return p;
  }

  async put(
    key: string,
    body: ReadableStream<Uint8Array>,
    o: { sha256?: string } = {},
  ): Promise<ArtifactStat> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.part-${crypto.randomUUID()}`;
    const hash = createHash('sha256');
    let size = 0;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, ctl) {
          hash.update(chunk);
          size += chunk.byteLength;
          ctl.enqueue(chunk);
        },
      }),
    );
    try {
      await counted.pipeTo(Writable.toWeb(createWriteStream(tmp)) as WritableStream<Uint8Array>);
      const sha256 = hash.digest('hex');
      if (o.sha256 && o.sha256 !== sha256) throw new DigestMismatch(o.sha256, sha256);
      await rename(tmp, target);
      return { size, sha256 };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string) {
    const p = this.path(key);
    const s = await stat(p).catch(() => null);
    if (!s?.isFile()) return null;
    return {
      body: Readable.toWeb(createReadStream(p)) as ReadableStream<Uint8Array>,
      size: s.size,
    };
  }

  async stat(key: string): Promise<ArtifactStat | null> {
    const p = this.path(key);
    const s = await stat(p).catch(() => null);
    if (!s?.isFile()) return null;
    const known = this.digests.get(p);
    if (known && known.mtimeMs === s.mtimeMs && known.size === s.size) {
      return { size: s.size, sha256: known.sha256 };
    }
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(p)) hash.update(chunk as Buffer);
    const sha256 = hash.digest('hex');
    this.digests.set(p, { mtimeMs: s.mtimeMs, size: s.size, sha256 });
    return { size: s.size, sha256 };
  }

  async list(prefix: string): Promise<string[]> {
    const dir = this.path(prefix);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) => e.isFile() && !e.name.includes('.part-'))
      .map((e) => join(prefix, e.name))
      .sort();
  }

  async delete(key: string): Promise<void> {
    const p = this.path(key);
    if (p === this.root) throw new Error('refusing to delete the whole artifact store');
    await rm(p, { recursive: true, force: true });
  }

  async link(fromKey: string, toKey: string): Promise<void> {
    const from = this.path(fromKey);
    const to = this.path(toKey);
    await mkdir(dirname(to), { recursive: true });
    const tmp = `${to}.part-${crypto.randomUUID()}`;
    // Blobs are immutable, so a hard link is a safe copy; another file system falls back to a copy.
    await link(from, tmp).catch(() => copyFile(from, tmp));
    await rename(tmp, to);
  }

  uriOf(key: string): string {
    return pathToFileURL(this.path(key)).href;
  }

  keyOf(uri: string): string | null {
    let p: string;
    try {
      p = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
    } catch {
      return null;
    }
    if (!isAbsolute(p)) return null;
    const rel = relative(this.root, p);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
    return rel.split(sep).join('/');
  }
}

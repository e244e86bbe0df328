// Where checkpoints and datasets live, behind one small interface: a local folder by default; an
// S3-compatible bucket can implement the same calls (`link` as a server-side copy).

export interface ArtifactStat {
  size: number;
  sha256: string;
}

export interface ArtifactStore {
  /** Writes `body` under `key`; when `sha256` is given, refuses (and keeps nothing) on a mismatch. */
  put(
    key: string,
    body: ReadableStream<Uint8Array>,
    o?: { sha256?: string },
  ): Promise<ArtifactStat>;
  /** The bytes of `key` as a stream, or null when absent. */
  get(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
  stat(key: string): Promise<ArtifactStat | null>;
  /** The keys under a prefix (a checkpoint folder), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes `key`, or every key under it when it names a folder. */
  delete(key: string): Promise<void>;
  /** Makes `toKey` hold the bytes of `fromKey` (a hard link when it can, else a copy). */
  link(fromKey: string, toKey: string): Promise<void>;
  /** The uri to record for a key (a folder or a file). */
  uriOf(key: string): string;
  /** The store key of a recorded uri (`file:///…` inside the store), or null when it lies elsewhere. */
  keyOf(uri: string): string | null;
}

/** Raised by `put` when the bytes do not hash to the announced sha256. */
export class DigestMismatch extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`sha256 mismatch: expected ${expected}, got ${actual}`);
    this.name = 'DigestMismatch';
  }
}

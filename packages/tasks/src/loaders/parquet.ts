/**
 * Streaming Parquet reader on hyparquet: one row group in memory at a time, so a
 * million-row file is never materialised whole.
 */
import {
  type AsyncBuffer,
  asyncBufferFromFile,
  asyncBufferFromUrl,
  parquetMetadataAsync,
  parquetReadObjects,
} from 'hyparquet';
import type { DataRecord } from './jsonl.ts';

/** A Parquet file: a local path, a file: or http(s) URL, or bytes already in memory. */
export type ParquetSource = string | URL | ArrayBuffer | AsyncBuffer;

export type ParquetOptions = {
  /** Only these columns (default all). */
  columns?: string[];
};

async function openParquet(source: ParquetSource): Promise<AsyncBuffer> {
  if (source instanceof ArrayBuffer) return source;
  if (typeof source === 'string' || source instanceof URL) {
    const text = String(source);
    if (text.startsWith('http://') || text.startsWith('https://'))
      return asyncBufferFromUrl({ url: text });
    const { fileURLToPath } = await import('node:url');
    return asyncBufferFromFile(source instanceof URL ? fileURLToPath(source) : source);
  }
  return source;
}

/** INT64 columns arrive as bigint; numbers that fit are easier for every consumer. */
function plainValues(row: Record<string, unknown>): DataRecord {
  const out: DataRecord = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] =
      typeof value === 'bigint' && Number.isSafeInteger(Number(value)) ? Number(value) : value;
  }
  return out;
}

/**
 * Yields the rows of a Parquet file as objects, row group by row group.
 * @example
 * for await (const row of loadParquet('train-00000-of-00001.parquet', { columns: ['question', 'answer'] })) { … }
 */
export async function* loadParquet(
  source: ParquetSource,
  options: ParquetOptions = {},
): AsyncGenerator<DataRecord> {
  const file = await openParquet(source);
  const metadata = await parquetMetadataAsync(file);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({
      file,
      metadata,
      rowStart,
      rowEnd,
      ...(options.columns ? { columns: options.columns } : {}),
    });
    for (const row of rows) yield plainValues(row);
    rowStart = rowEnd;
  }
}

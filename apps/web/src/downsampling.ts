// How many points to ask the API for, per key. The API downsamples in SQL: a series with more
// points than asked is cut into equal step buckets, read from its 256-step summary blocks
// (`metric_blocks`, fast at any size) when a bucket spans a block or more, else by scanning the
// raw points. Scanning a few thousand points is cheap; scanning 50,000 for each of 20 charts is
// not, so a long series asks for one point per block instead of one per pixel.

/** Steps per summary block in the API's `metric_blocks` (@r1lab/db METRIC_BLOCK). */
export const METRIC_BLOCK = 256;
/** Raw points per key the page lets the API scan for one chart. */
export const ROW_SCAN_BUDGET = 4_096;

export interface KeyInfo {
  key: string;
  count: number;
  firstStep: number;
  lastStep: number;
}

/**
 * @example
 * pointsFor({ key: 'kl', count: 600, firstStep: 1, lastStep: 600 }, 1000); // 1000: every point
 * pointsFor({ key: 'kl', count: 50_000, firstStep: 1, lastStep: 50_000 }, 1000); // 195: per block
 */
export function pointsFor(k: KeyInfo, width: number): number {
  if (k.count <= Math.max(width, ROW_SCAN_BUDGET)) return width;
  const blocks = Math.floor((k.lastStep - k.firstStep + 1) / METRIC_BLOCK);
  return Math.max(2, Math.min(width, blocks));
}

/** Keys grouped by the point count to ask for, so each group is one request. */
export function seriesRequests(keys: KeyInfo[], width: number): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const k of keys) {
    const n = pointsFor(k, width);
    out.set(n, [...(out.get(n) ?? []), k.key]);
  }
  return out;
}

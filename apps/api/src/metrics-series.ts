// Metric series for charts, downsampled in the database: a key with more points than asked for is
// cut into equal step buckets, each returned as its mean with the bucket's min and max, so a spike
// survives any zoom level while the payload stays `points` long.
import { type Db, METRIC_BLOCK, metricBlocks, metrics } from '@r1lab/db';
import { and, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { rowsOf } from './queries.ts';

export interface Series {
  key: string;
  /** Points stored in the asked range. */
  total: number;
  downsampled: boolean;
  steps: number[];
  values: number[];
  min: number[];
  max: number[];
}

export interface SeriesQuery {
  keys: string[];
  from?: number | undefined;
  to?: number | undefined;
  points: number;
}

/**
 * @example
 * await metricSeries(db, stageId, { keys: ['reward'], points: 1000 });
 */
export async function metricSeries(db: Db, stageId: string, q: SeriesQuery): Promise<Series[]> {
  // Point counts per key from the block table (an upper bound when the range cuts a block).
  const blockRange = [
    eq(metricBlocks.stageId, stageId),
    inArray(metricBlocks.key, q.keys),
    ...(q.from !== undefined ? [gte(metricBlocks.block, Math.floor(q.from / METRIC_BLOCK))] : []),
    ...(q.to !== undefined ? [lte(metricBlocks.block, Math.floor(q.to / METRIC_BLOCK))] : []),
  ];
  const estimates = await db
    .select({
      key: metricBlocks.key,
      n: sql<number>`sum(${metricBlocks.count})::int`,
      first: sql<number>`min(${metricBlocks.firstStep})`,
    })
    .from(metricBlocks)
    .where(and(...blockRange))
    .groupBy(metricBlocks.key);
  const byKey = new Map(estimates.map((e) => [e.key, e]));
  const out: Series[] = [];
  for (const key of q.keys) {
    const series: Series = {
      key,
      total: 0,
      downsampled: false,
      steps: [],
      values: [],
      min: [],
      max: [],
    };
    out.push(series);
    const e = byKey.get(key);
    if (!e) continue;
    const where = and(
      eq(metrics.stageId, stageId),
      eq(metrics.key, key),
      ...(q.from !== undefined ? [gte(metrics.step, q.from)] : []),
      ...(q.to !== undefined ? [lte(metrics.step, q.to)] : []),
    );
    if (Number(e.n) <= q.points) {
      const rows = await db
        .select({ step: metrics.step, value: metrics.value })
        .from(metrics)
        .where(where)
        .orderBy(metrics.step);
      for (const r of rows) {
        series.steps.push(r.step);
        series.values.push(r.value);
        series.min.push(r.value);
        series.max.push(r.value);
      }
      series.total = rows.length;
      continue;
    }
    const lo = q.from ?? Number(e.first);
    // The index answers max(step) without reading the series.
    const [last] = await db
      .select({ hi: sql<number>`max(${metrics.step})` })
      .from(metrics)
      .where(where);
    const hi = q.to !== undefined ? Math.min(q.to, Number(last?.hi ?? lo)) : Number(last?.hi ?? lo);
    const width = Math.max(1, Math.ceil((hi - lo + 1) / q.points));
    const buckets =
      width >= METRIC_BLOCK
        ? await blockBuckets(db, stageId, key, lo, hi, width)
        : await rowBuckets(db, where, lo, width);
    series.downsampled = true;
    for (const b of buckets) {
      series.total += b.count;
      series.steps.push(b.step);
      series.values.push(b.sum / b.count);
      series.min.push(b.min);
      series.max.push(b.max);
    }
  }
  return out;
}

/** Every metric key of a stage with its point count and step range. */
export async function metricKeys(db: Db, stageId: string) {
  const rows = await db
    .select({
      key: metricBlocks.key,
      count: sql<number>`sum(${metricBlocks.count})::int`,
      firstStep: sql<number>`min(${metricBlocks.firstStep})`,
    })
    .from(metricBlocks)
    .where(eq(metricBlocks.stageId, stageId))
    .groupBy(metricBlocks.key)
    .orderBy(metricBlocks.key);
  const out = [];
  for (const r of rows) {
    const [last] = await db
      .select({ hi: sql<number>`max(${metrics.step})` })
      .from(metrics)
      .where(and(eq(metrics.stageId, stageId), eq(metrics.key, r.key)));
    out.push({
      key: r.key,
      count: Number(r.count),
      firstStep: Number(r.firstStep),
      lastStep: Number(last?.hi),
    });
  }
  return out;
}

interface Bucket {
  step: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** Buckets of `width` steps straight from the points (narrow ranges: at most points × 256 rows). */
async function rowBuckets(
  db: Db,
  where: SQL | undefined,
  lo: number,
  width: number,
): Promise<Bucket[]> {
  const result = await db.execute(sql`
    select min(step) as step, count(*)::int as n, sum(value) as s, min(value) as lo, max(value) as hi
    from ${metrics} where ${where}
    group by (step - ${lo}) / ${width} order by 1`);
  return rowsOf<{ step: number; n: number; s: number; lo: number; hi: number }>(result).map(
    (r) => ({
      step: Number(r.step),
      count: Number(r.n),
      sum: Number(r.s),
      min: Number(r.lo),
      max: Number(r.hi),
    }),
  );
}

/**
 * Buckets of whole blocks: `metric_blocks` rows for the blocks inside [lo, hi], the points of the
 * partial blocks at either edge, merged `width / 256` blocks at a time.
 */
async function blockBuckets(
  db: Db,
  stageId: string,
  key: string,
  lo: number,
  hi: number,
  width: number,
): Promise<Bucket[]> {
  const firstFull = Math.ceil(lo / METRIC_BLOCK);
  const lastFull = Math.floor((hi + 1) / METRIC_BLOCK) - 1;
  const blocks = new Map<number, Bucket>();
  if (lastFull >= firstFull) {
    const rows = await db
      .select()
      .from(metricBlocks)
      .where(
        and(
          eq(metricBlocks.stageId, stageId),
          eq(metricBlocks.key, key),
          gte(metricBlocks.block, firstFull),
          lte(metricBlocks.block, lastFull),
        ),
      );
    for (const r of rows)
      blocks.set(r.block, {
        step: r.firstStep,
        count: r.count,
        sum: r.sum,
        min: r.min,
        max: r.max,
      });
  }
  const edges: Array<[number, number]> = [];
  if (lastFull < firstFull) edges.push([lo, hi]);
  else {
    if (lo < firstFull * METRIC_BLOCK) edges.push([lo, firstFull * METRIC_BLOCK - 1]);
    if (hi >= (lastFull + 1) * METRIC_BLOCK) edges.push([(lastFull + 1) * METRIC_BLOCK, hi]);
  }
  for (const [a, b] of edges) {
    const part = and(
      eq(metrics.stageId, stageId),
      eq(metrics.key, key),
      gte(metrics.step, a),
      lte(metrics.step, b),
    );
    for (const r of await rowBuckets(db, part, 0, METRIC_BLOCK)) {
      blocks.set(Math.floor(r.step / METRIC_BLOCK), r);
    }
  }
  const per = Math.max(1, Math.round(width / METRIC_BLOCK));
  const merged = new Map<number, Bucket>();
  for (const [block, b] of [...blocks].sort((x, y) => x[0] - y[0])) {
    const at = Math.floor((block - Math.floor(lo / METRIC_BLOCK)) / per);
    const m = merged.get(at);
    if (!m) merged.set(at, { ...b });
    else {
      m.count += b.count;
      m.sum += b.sum;
      m.min = Math.min(m.min, b.min);
      m.max = Math.max(m.max, b.max);
      m.step = Math.min(m.step, b.step);
    }
  }
  return [...merged.values()];
}

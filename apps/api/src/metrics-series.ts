// Metric series for charts, downsampled in the database: a key with more points than asked for is
// cut into equal step buckets, each returned as its mean with the bucket's min and max, so a spike
// survives any zoom level while the payload stays `points` long.
import { type Db, metrics } from '@r1lab/db';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';

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

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows);

/**
 * @example
 * await metricSeries(db, stageId, { keys: ['reward'], points: 1000 });
 */
export async function metricSeries(db: Db, stageId: string, q: SeriesQuery): Promise<Series[]> {
  const range = [
    eq(metrics.stageId, stageId),
    inArray(metrics.key, q.keys),
    ...(q.from !== undefined ? [gte(metrics.step, q.from)] : []),
    ...(q.to !== undefined ? [lte(metrics.step, q.to)] : []),
  ];
  const extents = await db
    .select({
      key: metrics.key,
      n: sql<number>`count(*)::int`,
      lo: sql<number>`min(${metrics.step})`,
      hi: sql<number>`max(${metrics.step})`,
    })
    .from(metrics)
    .where(and(...range))
    .groupBy(metrics.key);
  const byKey = new Map(extents.map((e) => [e.key, e]));
  const out: Series[] = [];
  for (const key of q.keys) {
    const e = byKey.get(key);
    const series: Series = {
      key,
      total: e?.n ?? 0,
      downsampled: false,
      steps: [],
      values: [],
      min: [],
      max: [],
    };
    out.push(series);
    if (!e) continue;
    // The same range, one key.
    const where = and(eq(metrics.stageId, stageId), eq(metrics.key, key), ...range.slice(2));
    if (e.n <= q.points) {
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
      continue;
    }
    series.downsampled = true;
    const width = Math.max(1, Math.ceil((e.hi - e.lo + 1) / q.points));
    const result = await db.execute(sql`
      select min(step) as step, avg(value) as mean, min(value) as lo, max(value) as hi
      from ${metrics}
      where ${where}
      group by (step - ${e.lo}) / ${width}
      order by 1`);
    for (const r of rowsOf<{ step: number; mean: number; lo: number; hi: number }>(result)) {
      series.steps.push(Number(r.step));
      series.values.push(Number(r.mean));
      series.min.push(Number(r.lo));
      series.max.push(Number(r.hi));
    }
  }
  return out;
}

/** Every metric key of a stage with its point count and step range. */
export async function metricKeys(db: Db, stageId: string) {
  return db
    .select({
      key: metrics.key,
      count: sql<number>`count(*)::int`,
      firstStep: sql<number>`min(${metrics.step})`,
      lastStep: sql<number>`max(${metrics.step})`,
    })
    .from(metrics)
    .where(eq(metrics.stageId, stageId))
    .groupBy(metrics.key)
    .orderBy(metrics.key);
}

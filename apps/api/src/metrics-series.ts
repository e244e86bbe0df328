// Metric series for charts, downsampled in the database: a key with more points than asked for is
// cut into equal step buckets, each returned as its mean with the bucket's min and max, so a spike
// survives any zoom level while the payload stays `points` long. Every phase reads all asked keys
// in one statement (a chart page asks for 20+ keys; per-key statements cost ~5 round trips each).
import { type Db, METRIC_BLOCK, metricBlocks, metrics } from '@r1lab/db';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
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

interface Bucket {
  step: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** A VALUES list of (key, int, int) rows, for joining per-key parameters in one statement. */
const keyRows = (rows: Array<[string, number, number]>) =>
  sql.join(
    rows.map(([k, a, b]) => sql`(${k}::text, ${a}::int, ${b}::int)`),
    sql`, `,
  );

/**
 * Rows of `key, j` where j is a json_agg of arrays: one text value per key. PGlite decodes each
 * returned row in JavaScript (~0.1 ms a row of a few columns), so thousands of bucket rows cost
 * far more than the query; one JSON text per key parses in a fraction of that.
 */
function jsonByKey(result: unknown): Map<string, number[][]> {
  return new Map(
    rowsOf<{ key: string; j: string }>(result).map((r) => [r.key, JSON.parse(r.j) as number[][]]),
  );
}

/** [step, count, sum, min, max] arrays → buckets. */
const bucketsOf = (rows: number[][]): Bucket[] =>
  rows.map(([step, count, sum, min, max]) => ({
    step: step!,
    count: count!,
    sum: sum!,
    min: min!,
    max: max!,
  }));

/** `and m.step >= from and m.step <= to`, for statements that alias metrics as m. */
const stepRange = (from?: number, to?: number) =>
  sql.join(
    [
      ...(from !== undefined ? [sql` and m.step >= ${from}`] : []),
      ...(to !== undefined ? [sql` and m.step <= ${to}`] : []),
    ],
    sql``,
  );

/** The last step of each key (within `to`), by one index probe per key in one statement. */
async function lastSteps(
  db: Db,
  stageId: string,
  keys: string[],
  from?: number,
  to?: number,
): Promise<Map<string, number | null>> {
  if (keys.length === 0) return new Map();
  const list = sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  );
  const result = await db.execute(sql`
    select k.key, (select max(m.step) from ${metrics} m
                   where m.stage_id = ${stageId} and m.key = k.key${stepRange(from, to)}) as hi
    from unnest(array[${list}]::text[]) as k(key)`);
  return new Map(
    rowsOf<{ key: string; hi: number | null }>(result).map((r) => [
      r.key,
      r.hi === null ? null : Number(r.hi),
    ]),
  );
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
  const series = new Map<string, Series>(
    q.keys.map((key) => [
      key,
      { key, total: 0, downsampled: false, steps: [], values: [], min: [], max: [] },
    ]),
  );

  // Keys with no more points than asked: every point, in one read.
  const small = q.keys.filter((k) => byKey.has(k) && Number(byKey.get(k)!.n) <= q.points);
  if (small.length > 0) {
    const list = sql.join(
      small.map((k) => sql`${k}`),
      sql`, `,
    );
    const result = await db.execute(sql`
      select m.key, json_agg(json_build_array(m.step, m.value) order by m.step)::text as j
      from ${metrics} m
      where m.stage_id = ${stageId} and m.key in (${list})${stepRange(q.from, q.to)}
      group by m.key`);
    for (const [key, rows] of jsonByKey(result)) {
      const s = series.get(key)!;
      for (const [step, value] of rows) {
        s.steps.push(step!);
        s.values.push(value!);
        s.min.push(value!);
        s.max.push(value!);
      }
      s.total = rows.length;
    }
  }

  // Keys to downsample: equal step buckets, from the blocks when a bucket spans one or more.
  const large = q.keys.filter((k) => byKey.has(k) && !small.includes(k));
  const last = await lastSteps(db, stageId, large, q.from, q.to);
  const plans = large.map((key) => {
    const lo = q.from ?? Number(byKey.get(key)!.first);
    const max = last.get(key) ?? lo;
    const hi = q.to !== undefined ? Math.min(q.to, max) : max;
    return { key, lo, hi, width: Math.max(1, Math.ceil((hi - lo + 1) / q.points)) };
  });
  const narrow = plans.filter((p) => p.width < METRIC_BLOCK);
  const wide = plans.filter((p) => p.width >= METRIC_BLOCK);
  const buckets = new Map<string, Bucket[]>();
  for (const [key, list] of await rowBuckets(db, stageId, narrow, q.from, q.to)) {
    buckets.set(key, list);
  }
  for (const [key, list] of await blockBuckets(db, stageId, wide)) buckets.set(key, list);
  for (const p of plans) {
    const s = series.get(p.key)!;
    s.downsampled = true;
    for (const b of buckets.get(p.key) ?? []) {
      s.total += b.count;
      s.steps.push(b.step);
      s.values.push(b.sum / b.count);
      s.min.push(b.min);
      s.max.push(b.max);
    }
  }
  return q.keys.map((k) => series.get(k)!);
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
  const last = await lastSteps(
    db,
    stageId,
    rows.map((r) => r.key),
  );
  return rows.map((r) => ({
    key: r.key,
    count: Number(r.count),
    firstStep: Number(r.firstStep),
    lastStep: Number(last.get(r.key)),
  }));
}

/** Buckets of `width` steps straight from the points (narrow ranges: at most points × 256 rows). */
async function rowBuckets(
  db: Db,
  stageId: string,
  plans: Array<{ key: string; lo: number; width: number }>,
  from: number | undefined,
  to: number | undefined,
): Promise<Map<string, Bucket[]>> {
  if (plans.length === 0) return new Map();
  // LATERAL: one index range scan per key, never a pass over the whole stage.
  const result = await db.execute(sql`
    select r.key, json_agg(json_build_array(x.step, x.n, x.s, x.lo, x.hi) order by x.step)::text as j
    from (values ${keyRows(plans.map((p) => [p.key, p.lo, p.width]))}) as r(key, lo, width),
    lateral (
      select min(m.step) as step, count(*)::int as n, sum(m.value) as s,
             min(m.value) as lo, max(m.value) as hi
      from ${metrics} m
      where m.stage_id = ${stageId} and m.key = r.key${stepRange(from, to)}
      group by (m.step - r.lo) / r.width
    ) as x
    group by r.key`);
  const out = new Map<string, Bucket[]>();
  for (const [key, rows] of jsonByKey(result)) out.set(key, bucketsOf(rows));
  return out;
}

/**
 * Buckets of whole blocks: `metric_blocks` rows for the blocks inside [lo, hi], the points of the
 * partial blocks at either edge, merged `width / 256` blocks at a time.
 */
async function blockBuckets(
  db: Db,
  stageId: string,
  plans: Array<{ key: string; lo: number; hi: number; width: number }>,
): Promise<Map<string, Bucket[]>> {
  if (plans.length === 0) return new Map();
  const full: Array<[string, number, number]> = [];
  const edges: Array<[string, number, number]> = [];
  for (const { key, lo, hi } of plans) {
    const firstFull = Math.ceil(lo / METRIC_BLOCK);
    const lastFull = Math.floor((hi + 1) / METRIC_BLOCK) - 1;
    if (lastFull < firstFull) edges.push([key, lo, hi]);
    else {
      full.push([key, firstFull, lastFull]);
      if (lo < firstFull * METRIC_BLOCK) edges.push([key, lo, firstFull * METRIC_BLOCK - 1]);
      if (hi >= (lastFull + 1) * METRIC_BLOCK) edges.push([key, (lastFull + 1) * METRIC_BLOCK, hi]);
    }
  }
  const blocks = new Map<string, Map<number, Bucket>>(plans.map((p) => [p.key, new Map()]));
  if (full.length > 0) {
    const result = await db.execute(sql`
      select b.key,
             json_agg(json_build_array(b.first_step, b.count, b.sum, b.min, b.max, b.block))::text as j
      from ${metricBlocks} b join (values ${keyRows(full)}) as r(key, a, z)
        on b.key = r.key and b.block between r.a and r.z
      where b.stage_id = ${stageId}
      group by b.key`);
    for (const [key, rows] of jsonByKey(result)) {
      const mine = blocks.get(key)!;
      const list = bucketsOf(rows);
      for (const [i, b] of list.entries()) mine.set(rows[i]![5]!, b);
    }
  }
  if (edges.length > 0) {
    const result = await db.execute(sql`
      select e.key, json_agg(json_build_array(x.step, x.n, x.s, x.lo, x.hi))::text as j
      from (values ${keyRows(edges)}) as e(key, a, z),
      lateral (
        select min(m.step) as step, count(*)::int as n, sum(m.value) as s,
               min(m.value) as lo, max(m.value) as hi
        from ${metrics} m
        where m.stage_id = ${stageId} and m.key = e.key and m.step between e.a and e.z
        group by m.step / ${METRIC_BLOCK}
      ) as x
      group by e.key`);
    for (const [key, rows] of jsonByKey(result)) {
      for (const b of bucketsOf(rows)) blocks.get(key)!.set(Math.floor(b.step / METRIC_BLOCK), b);
    }
  }
  const out = new Map<string, Bucket[]>();
  for (const { key, lo, width } of plans) {
    const per = Math.max(1, Math.round(width / METRIC_BLOCK));
    const merged = new Map<number, Bucket>();
    for (const [block, b] of [...blocks.get(key)!].sort((x, y) => x[0] - y[0])) {
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
    out.set(key, [...merged.values()]);
  }
  return out;
}

// Keeps `metric_blocks` exact: the blocks a write touched are recomputed from their points, so an
// upserted (replayed) step can never leave a stale min, max or mean behind.
import { sql } from 'drizzle-orm';
import type { Db } from './create-db.ts';
import { METRIC_BLOCK, metricBlocks, metrics } from './schema/index.ts';

/**
 * Recomputes the blocks of `keys` that hold steps in [fromStep, toStep].
 *
 * @example
 * await refreshMetricBlocks(db, stageId, ['reward', 'kl'], 41, 41);
 */
export async function refreshMetricBlocks(
  db: Db,
  stageId: string,
  keys: string[],
  fromStep: number,
  toStep: number,
): Promise<void> {
  if (keys.length === 0) return;
  const lo = Math.floor(fromStep / METRIC_BLOCK) * METRIC_BLOCK;
  const hi = (Math.floor(toStep / METRIC_BLOCK) + 1) * METRIC_BLOCK;
  const block = sql`floor(${metrics.step} / ${sql.raw(`${METRIC_BLOCK}.0`)})::int`;
  await db.execute(sql`
    insert into ${metricBlocks} (stage_id, key, block, count, sum, min, max, first_step)
    select ${metrics.stageId}, ${metrics.key}, ${block}, count(*)::int, sum(${metrics.value}),
           min(${metrics.value}), max(${metrics.value}), min(${metrics.step})
    from ${metrics}
    where ${metrics.stageId} = ${stageId}
      and ${metrics.key} in (${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )})
      and ${metrics.step} >= ${lo} and ${metrics.step} < ${hi}
    group by ${metrics.stageId}, ${metrics.key}, ${block}
    on conflict (stage_id, key, block) do update set
      count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max,
      first_step = excluded.first_step`);
}

// The reads the views share, through the typed client; their types are the API's own.
import { api, ok } from './api.ts';
import { type KeyInfo, seriesRequests } from './downsampling.ts';

export const getRun = (id: string) => ok(api.v1.runs[':id'].$get({ param: { id } }));
export const getEvaluations = (id: string) =>
  ok(api.v1.runs[':id'].evaluations.$get({ param: { id } }));
export const getMetricKeys = (stageId: string) =>
  ok(api.v1.stages[':id']['metric-keys'].$get({ param: { id: stageId } }));

/**
 * Series of `keys` for a chart `width` pixels wide: grouped by the point count each key should
 * ask for (downsampling.ts), up to 50 keys a request, so a page costs one or a few round trips.
 */
export async function getSeries(stageId: string, keys: KeyInfo[], width: number) {
  const calls: Array<[number, string[]]> = [];
  for (const [points, list] of seriesRequests(keys, width)) {
    for (let i = 0; i < list.length; i += 50) calls.push([points, list.slice(i, i + 50)]);
  }
  const pages = await Promise.all(
    calls.map(([points, chunk]) =>
      ok(
        api.v1.stages[':id'].metrics.$get({
          param: { id: stageId },
          query: { keys: chunk.join(','), points: String(points) },
        }),
      ),
    ),
  );
  return pages.flatMap((p) => p.series);
}

export type RunDetail = Awaited<ReturnType<typeof getRun>>;
export type Stage = RunDetail['stages'][number];
export type Evaluation = Awaited<ReturnType<typeof getEvaluations>>['items'][number];
export type Series = Awaited<ReturnType<typeof getSeries>>[number];

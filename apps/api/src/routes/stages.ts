// Stages of a run, one stage with its references resolved, its metric series (downsampled) and
// its logged samples.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { datasets, samples, stages } from '@r1lab/db';
import { type StageSpec, stageReferences } from '@r1lab/pipeline/spec';
import { and, asc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import type { ApiDeps, ApiEnv } from '../context.ts';
import { decodeCursor, encodeCursor, sampleDto, stageDto } from '../dto.ts';
import { metricKeys, metricSeries } from '../metrics-series.ts';
import { badRequest, notFound, validationHook } from '../problem.ts';
import { newestCheckpoints, stageOrThrow } from '../queries.ts';
import { json, problems } from '../responses.ts';
import { IdParam, PageQuery, page, Sample, Stage, StageDetail } from '../schemas.ts';

const Series = z
  .object({
    key: z.string(),
    total: z.number().int(),
    downsampled: z.boolean(),
    steps: z.array(z.number()),
    values: z.array(z.number()),
    min: z.array(z.number()),
    max: z.array(z.number()),
  })
  .openapi('MetricSeries');

const MetricsQuery = z.object({
  keys: z
    .string()
    .min(1)
    .openapi({ description: 'comma-separated metric keys', example: 'reward,kl' }),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  points: z.coerce.number().int().min(2).max(20_000).default(1_000),
});

const SamplesQuery = z.object({
  step: z.coerce.number().int().optional(),
  kind: z.enum(['train', 'held-out']).optional(),
  filter: z.enum(['correct', 'wrong', 'format', 'mixed']).optional().openapi({
    description: 'correct answers, wrong answers, format failures, mixed-language chains',
  }),
  prompt: z.string().optional().openapi({ description: 'one prompt, followed across steps' }),
  ...PageQuery,
});

export function stagesRoutes(d: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  return app
    .openapi(
      createRoute({
        method: 'get',
        path: '/runs/{id}/stages',
        tags: ['stages'],
        summary: 'The stages of a run, in order',
        request: { params: IdParam },
        responses: { 200: json(z.object({ items: z.array(Stage) }), 'stages'), ...problems },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const rows = await d.db
          .select()
          .from(stages)
          .where(eq(stages.runId, id))
          .orderBy(asc(stages.position));
        if (rows.length === 0) await ensureRun(d, id);
        const newest = await newestCheckpoints(d.db, id);
        return c.json({ items: rows.map((s) => stageDto(s, newest.get(s.id) ?? null)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/stages/{id}',
        tags: ['stages'],
        summary: 'A stage with its config, status, result and references resolved to ids',
        request: { params: IdParam },
        responses: { 200: json(StageDetail, 'the stage'), ...problems },
      }),
      async (c) => {
        const s = await stageOrThrow(d.db, c.req.valid('param').id);
        const siblings = await d.db.select().from(stages).where(eq(stages.runId, s.runId));
        const byName = new Map(siblings.map((x) => [x.name, x]));
        const newest = await newestCheckpoints(d.db, s.runId);
        const sets = await d.db
          .select({ id: datasets.id, stageId: datasets.stageId })
          .from(datasets)
          .where(eq(datasets.runId, s.runId));
        const references = stageReferences(s.config as unknown as StageSpec).map(
          ([field, name]) => {
            const ref = byName.get(name);
            return {
              field: field as 'from' | 'data' | 'checkpoints',
              stage: name,
              stageId: ref?.id ?? null,
              checkpointId: ref ? (newest.get(ref.id) ?? null) : null,
              datasetId: ref ? (sets.find((x) => x.stageId === ref.id)?.id ?? null) : null,
            };
          },
        );
        return c.json({ ...stageDto(s, newest.get(s.id) ?? null), references }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/stages/{id}/metrics',
        tags: ['metrics'],
        summary: 'Metric series, downsampled server-side to `points` (min/max per bucket kept)',
        request: { params: IdParam, query: MetricsQuery },
        responses: {
          200: json(z.object({ stageId: z.uuid(), series: z.array(Series) }), 'series'),
          ...problems,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const q = c.req.valid('query');
        await stageOrThrow(d.db, id);
        const keys = [
          ...new Set(
            q.keys
              .split(',')
              .map((k) => k.trim())
              .filter(Boolean),
          ),
        ];
        if (keys.length === 0 || keys.length > 50) {
          throw badRequest('keys must name 1 to 50 metrics', [
            { path: 'keys', message: 'between 1 and 50 comma-separated keys', in: 'query' },
          ]);
        }
        if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
          throw badRequest('from is after to', [
            { path: 'from', message: 'must be ≤ to', in: 'query' },
          ]);
        }
        const series = await metricSeries(d.db, id, {
          keys,
          from: q.from,
          to: q.to,
          points: q.points,
        });
        return c.json({ stageId: id, series }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/stages/{id}/metric-keys',
        tags: ['metrics'],
        summary: 'Every metric key a stage logged, with point counts and step ranges',
        request: { params: IdParam },
        responses: {
          200: json(
            z.object({
              items: z.array(
                z.object({
                  key: z.string(),
                  count: z.number(),
                  firstStep: z.number(),
                  lastStep: z.number(),
                }),
              ),
            }),
            'keys',
          ),
          ...problems,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await stageOrThrow(d.db, id);
        return c.json({ items: await metricKeys(d.db, id) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/stages/{id}/samples',
        tags: ['samples'],
        summary: 'Logged completions by step, filtered; or one prompt followed across steps',
        request: { params: IdParam, query: SamplesQuery },
        responses: { 200: json(page(Sample, 'SamplePage'), 'samples'), ...problems },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const q = c.req.valid('query');
        await stageOrThrow(d.db, id);
        const where: SQL[] = [eq(samples.stageId, id)];
        if (q.step !== undefined) where.push(eq(samples.step, q.step));
        if (q.kind) where.push(eq(samples.kind, q.kind));
        if (q.prompt !== undefined) where.push(eq(samples.prompt, q.prompt));
        if (q.filter === 'correct') where.push(eq(samples.correct, true));
        if (q.filter === 'wrong') where.push(eq(samples.correct, false));
        if (q.filter === 'format') where.push(eq(samples.formatOk, false));
        if (q.filter === 'mixed') where.push(eq(samples.mixedLanguage, true));
        if (q.cursor) {
          const [step, sid] = decodeCursor(q.cursor);
          where.push(
            or(
              gt(samples.step, Number(step)),
              and(eq(samples.step, Number(step)), gt(samples.id, Number(sid))),
            )!,
          );
        }
        const rows = await d.db
          .select()
          .from(samples)
          .where(and(...where))
          .orderBy(asc(samples.step), asc(samples.id))
          .limit(q.limit + 1);
        const items = rows.slice(0, q.limit);
        const last = items.at(-1);
        return c.json(
          {
            items: items.map(sampleDto),
            nextCursor: rows.length > q.limit && last ? encodeCursor(last.step, last.id) : null,
          },
          200,
        );
      },
    );
}

async function ensureRun(d: ApiDeps, id: string): Promise<void> {
  const rows = await d.db.execute(sql`select 1 from runs where id = ${id}`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
  if (list.length === 0) throw notFound('run', id);
}
